"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Shown when a page fails to render; the digest lets an operator find the server log line. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <div role="alert" className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-8 text-center">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-md text-sm text-muted-foreground">
        {t("body")}
        {error.digest ? ` ${t("reference", { digest: error.digest })}` : ""}
      </p>
      <Button onClick={reset}>{t("retry")}</Button>
    </div>
  );
}
