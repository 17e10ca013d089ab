"use client";

import { useTranslations } from "next-intl";
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

const FLAGS = ["animals_do_not_scramble", "masterkey_ask_once", "masterkey_use_ignored", "password_always_show_not_copy"] as const;

/** Each language named in itself, as a language menu does. */
const LANGUAGES = [
  ["en", "English"],
  ["de", "Deutsch"],
  ["fr", "Français"],
] as const;

export function SettingsForm({ values }: { values: Record<string, string> }) {
  const t = useTranslations("settings");
  const tc = useTranslations("common");
  const router = useRouter();
  const { setTheme } = useTheme();
  const [flags, setFlags] = useState(Object.fromEntries(FLAGS.map((k) => [k, values[k] === "true"])));
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
            toast.success(t("saved"));
            router.refresh();
          });
        }}
      >
        <CardContent className="grid gap-4 pt-6">
          {FLAGS.map((key) => (
            <div key={key} className="flex items-start justify-between gap-4 rounded-md border p-3">
              <div>
                <Label htmlFor={key}>{t(`flags.${key}.label`)}</Label>
                <p className="text-sm text-muted-foreground">{t(`flags.${key}.hint`)}</p>
              </div>
              <Switch id={key} checked={flags[key]} onCheckedChange={(v) => setFlags((s) => ({ ...s, [key]: v }))} />
            </div>
          ))}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("length")} name="password_default_length" type="number" min={2} max={32} defaultValue={values.password_default_length} error={errors.password_default_length} />
            <Field label={t("complexity")} name="password_default_complexity" type="number" min={1} max={3} defaultValue={values.password_default_complexity} error={errors.password_default_complexity} />
            <div className="grid gap-1.5">
              <Label htmlFor="theme">{t("theme")}</Label>
              <select id="theme" name="theme" defaultValue={values.theme} className="h-9 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30">
                <option value="system">{t("themeSystem")}</option>
                <option value="light">{t("themeLight")}</option>
                <option value="dark">{t("themeDark")}</option>
              </select>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="language">{t("language")}</Label>
              <select id="language" name="language" defaultValue={values.language} className="h-9 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30">
                {LANGUAGES.map(([v, l]) => (
                  <option key={v} value={v} lang={v}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p className="text-sm text-muted-foreground">{values["2fa_enabled"] === "true" ? t("mfaOn") : t("mfaOff")}</p>
        </CardContent>
        <CardFooter className="justify-end pt-4">
          <Button type="submit" disabled={pending}>{pending ? tc("saving") : t("submit")}</Button>
        </CardFooter>
      </form>
    </Card>
  );
}
