"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { createTenantAction } from "@/app/(app)/admin/tenants/actions";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";

export function CreateTenantForm() {
  const t = useTranslations("admin.tenants.create");
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <form
      method="post"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const name = String(new FormData(form).get("name"));
        start(async () => {
          const res = await createTenantAction({ name });
          if (!res.ok) return setError(res.fieldErrors?.name ?? res.message);
          setError(undefined);
          form.reset();
          toast.success(t("created", { name }));
          router.push(`/admin/tenants/${res.data.id}`);
        });
      }}
    >
      <Field className="w-72" label={t("name")} name="name" required error={error} />
      <Button type="submit" disabled={pending}>{pending ? t("creating") : t("submit")}</Button>
    </form>
  );
}
