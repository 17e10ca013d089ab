"use client";

import { Copy, Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

/** Shown exactly once, right after the codes are created. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useTranslations("account.recoveryCodes");
  const text = codes.join("\n");
  return (
    <div className="grid gap-3">
      <p className="text-sm text-muted-foreground">
        {t("description")}
      </p>
      <ul className="grid grid-cols-2 gap-2 rounded-md border bg-muted/40 p-4 font-mono text-sm" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <div className="flex gap-2">
        <Button
          type="button"
          variant="outline"
          onClick={async () => {
            await navigator.clipboard.writeText(text);
            toast.success(t("copied"));
          }}
        >
          <Copy className="size-4" aria-hidden /> {t("copy")}
        </Button>
        <Button
          type="button"
          variant="outline"
          onClick={() => {
            const url = URL.createObjectURL(new Blob([text + "\n"], { type: "text/plain" }));
            const a = Object.assign(document.createElement("a"), { href: url, download: "recovery-codes.txt" });
            a.click();
            URL.revokeObjectURL(url);
          }}
        >
          <Download className="size-4" aria-hidden /> {t("download")}
        </Button>
      </div>
    </div>
  );
}
