"use client";

import { useTranslations } from "next-intl";
import { FieldDialog, type FieldDialogProps } from "@/components/forms/field-dialog";

/** Asks for a current second-factor code before a sensitive change; onSubmit returns an error or null. */
export function CodeDialog(props: Omit<FieldDialogProps, "label" | "name" | "type" | "autoComplete" | "defaultValue" | "maxLength">) {
  const t = useTranslations("forms");
  return <FieldDialog {...props} label={t("codeLabel")} name="code" autoComplete="one-time-code" />;
}
