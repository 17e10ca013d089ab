"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { createUserAction } from "@/app/(app)/admin/users/actions";
import { Field, FormError } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";

/** `trigger`: its button; `defaultOpen`: opened as it mounts (OnIntent renders it on the first click). */
export function CreateUserDialog({ roles, trigger, defaultOpen = false }: { roles: string[]; trigger: React.ReactElement; defaultOpen?: boolean }) {
  const t = useTranslations("admin.users.create");
  const tc = useTranslations("admin.common");
  const router = useRouter();
  const [open, setOpen] = useState(defaultOpen);
  const [mode, setMode] = useState<"invite" | "password">("invite");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), setErrors({}), setMessage(undefined))}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <form
          method="post"
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            const base = { email: String(f.get("email")), firstName: String(f.get("firstName")), lastName: String(f.get("lastName")), role: String(f.get("role") || "") || undefined };
            start(async () => {
              const res = await createUserAction(mode === "invite" ? { mode, ...base } : { mode, ...base, password: String(f.get("password")) });
              if (!res.ok) {
                setErrors(res.fieldErrors ?? {});
                setMessage(res.fieldErrors ? undefined : res.message);
                return;
              }
              toast.success(mode === "invite" ? t("invited", { email: res.data.email }) : t("created", { email: res.data.email }));
              setOpen(false);
              router.refresh();
            });
          }}
        >
          <DialogHeader>
            <DialogTitle>{t("title")}</DialogTitle>
            <DialogDescription>{t("description")}</DialogDescription>
          </DialogHeader>
          <fieldset className="flex gap-4 text-sm">
            <legend className="sr-only">{t("mode")}</legend>
            {(["invite", "password"] as const).map((m) => (
              <label key={m} className="flex items-center gap-2">
                <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                {m === "invite" ? t("modeInvite") : t("modePassword")}
              </label>
            ))}
          </fieldset>
          <Field label={tc("email")} name="email" type="email" required error={errors.email} />
          <div className="grid grid-cols-2 gap-3">
            <Field label={tc("firstName")} name="firstName" error={errors.firstName} />
            <Field label={tc("lastName")} name="lastName" error={errors.lastName} />
          </div>
          {mode === "password" && <Field label={t("password")} name="password" type="password" autoComplete="new-password" required error={errors.password} />}
          <div className="grid gap-1.5">
            <Label htmlFor="new-user-role">{tc("role")}</Label>
            <select id="new-user-role" name="role" className="h-9 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30">
              <option value="">{t("defaultRole")}</option>
              {roles.map((r) => (
                <option key={r} value={r}>{r}</option>
              ))}
            </select>
            {errors.roles && <p role="alert" className="text-sm text-destructive">{errors.roles}</p>}
          </div>
          <FormError message={message} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? t("adding") : mode === "invite" ? t("submitInvite") : t("submitPassword")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
