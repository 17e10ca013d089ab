"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { createGroupAction, updateGroupAction } from "@/app/(app)/admin/groups/actions";
import { Field } from "@/components/forms/field";
import { useFormChanges } from "@/components/forms/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { KeyValueEditor, toMap, toPairs } from "./key-value-editor";

/** Create (no group) or edit a group's name and data; the system flag can only be chosen at creation. */
export function GroupForm({ group }: { group?: { id: string; name: string; data: Record<string, string> } }) {
  const t = useTranslations("admin.groups.form");
  const tc = useTranslations("admin.common");
  const router = useRouter();
  const [pairs, setPairs] = useState(toPairs(group?.data ?? {}));
  const [isSystem, setIsSystem] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  const changes = useFormChanges({ pairs, isSystem });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{group ? t("editTitle") : t("newTitle")}</CardTitle>
      </CardHeader>
      <form
        {...changes.form}
        method="post"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const name = String(new FormData(form).get("name"));
          start(async () => {
            const res = group ? await updateGroupAction({ id: group.id, name, data: toMap(pairs) }) : await createGroupAction({ name, data: toMap(pairs), isSystem });
            if (!res.ok) {
              setErrors(res.fieldErrors ?? {});
              toast.error(res.message);
              return;
            }
            setErrors({});
            toast.success(group ? t("saved") : t("created", { name }));
            if (!group) {
              form.reset();
              setPairs([]);
              setIsSystem(false);
            }
            changes.saved(group ? undefined : { pairs: [], isSystem: false });
            router.refresh();
          });
        }}
      >
        <CardContent className="grid gap-4">
          <Field label={t("name")} name="name" defaultValue={group?.name} required error={errors.name} />
          <div className="grid gap-2">
            <Label>{t("data")}</Label>
            <KeyValueEditor pairs={pairs} onChange={setPairs} />
            {errors.data && <p role="alert" className="text-sm text-destructive">{errors.data}</p>}
          </div>
          {!group && (
            <div className="flex items-center gap-2">
              <Checkbox id="isSystem" checked={isSystem} onCheckedChange={(v) => setIsSystem(v === true)} />
              <Label htmlFor="isSystem" className="font-normal">{t("system")}</Label>
            </div>
          )}
        </CardContent>
        <CardFooter className="justify-end pt-4">
          <Button type="submit" disabled={pending}>{pending ? tc("saving") : group ? t("save") : t("create")}</Button>
        </CardFooter>
      </form>
    </Card>
  );
}
