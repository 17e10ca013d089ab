"use client";

import { useTheme } from "next-themes";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { saveSettingsAction } from "@/app/(app)/settings/actions";
import { Field } from "@/components/forms/field";
import { useFormChanges } from "@/components/forms/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";

const FLAGS = [
  ["animals_do_not_scramble", "Keep the animal grid in a fixed order", "Less secure: someone watching learns your animal's position."],
  ["masterkey_ask_once", "Ask for the master key once", "After an entry's first generation, type the master key once instead of twice."],
  ["masterkey_use_ignored", "Do not use a master key", "Much less secure: passwords are derived from a server-held key instead."],
  ["password_always_show_not_copy", "Show passwords instead of copying them", "Off: generated passwords go to the clipboard and are cleared after 20 seconds."],
] as const;

export function SettingsForm({ values }: { values: Record<string, string> }) {
  const router = useRouter();
  const { setTheme } = useTheme();
  const [flags, setFlags] = useState(Object.fromEntries(FLAGS.map(([k]) => [k, values[k] === "true"])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  const changes = useFormChanges(flags);
  return (
    <Card>
      <form
        {...changes.form}
        method="post"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const next = {
            ...Object.fromEntries(Object.entries(flags).map(([k, v]) => [k, String(v)])),
            password_default_length: String(f.get("password_default_length")),
            password_default_complexity: String(f.get("password_default_complexity")),
            theme: String(f.get("theme")),
            language: String(f.get("language")),
          };
          start(async () => {
            const res = await saveSettingsAction({ values: next });
            if (!res.ok) {
              setErrors({ [res.message.match(/"([^"]+)"/)?.[1] ?? "_"]: res.message });
              toast.error(res.message);
              return;
            }
            setErrors({});
            changes.saved();
            setTheme(next.theme);
            toast.success("Settings saved");
            router.refresh();
          });
        }}
      >
        <CardContent className="grid gap-4 pt-6">
          {FLAGS.map(([key, label, hint]) => (
            <div key={key} className="flex items-start justify-between gap-4 rounded-md border p-3">
              <div>
                <Label htmlFor={key}>{label}</Label>
                <p className="text-sm text-muted-foreground">{hint}</p>
              </div>
              <Switch id={key} checked={flags[key]} onCheckedChange={(v) => setFlags((s) => ({ ...s, [key]: v }))} />
            </div>
          ))}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Default password length" name="password_default_length" type="number" min={2} max={32} defaultValue={values.password_default_length} error={errors.password_default_length} />
            <Field label="Default complexity (1–3)" name="password_default_complexity" type="number" min={1} max={3} defaultValue={values.password_default_complexity} error={errors.password_default_complexity} />
            <div className="grid gap-1.5">
              <Label htmlFor="theme">Theme</Label>
              <select id="theme" name="theme" defaultValue={values.theme} className="h-9 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30">
                <option value="system">System</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="language">Language</Label>
              <select id="language" name="language" defaultValue={values.language} className="h-9 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30">
                {[["en", "English"], ["de", "Deutsch"], ["fr", "Français"], ["es", "Español"], ["pt", "Português"], ["it", "Italiano"], ["nl", "Nederlands"]].map(([v, l]) => (
                  <option key={v} value={v}>{l}</option>
                ))}
              </select>
            </div>
          </div>
          <p className="text-sm text-muted-foreground">Two-factor authentication: {values["2fa_enabled"] === "true" ? "on" : "off"} (manage it under Two-factor).</p>
        </CardContent>
        <CardFooter className="justify-end pt-4">
          <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save settings"}</Button>
        </CardFooter>
      </form>
    </Card>
  );
}
