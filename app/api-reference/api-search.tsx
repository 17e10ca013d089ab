"use client";

import { Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Input } from "@/components/ui/input";

/**
 * Filters the server-rendered operations in place (each carries its searchable text in
 * `data-search`), so the reference ships no copy of the document to the browser.
 */
export function ApiSearch({ total }: { total: number }) {
  const t = useTranslations("apiReference.search");
  const [shown, setShown] = useState(total);
  const [q, setQ] = useState("");
  const filter = (value: string) => {
    setQ(value);
    const words = value.toLowerCase().split(/\s+/).filter(Boolean);
    let n = 0;
    for (const section of document.querySelectorAll<HTMLElement>("[data-api-section]")) {
      let any = false;
      for (const op of section.querySelectorAll<HTMLElement>("[data-search]")) {
        const hit = words.every((w) => op.dataset.search!.includes(w));
        op.hidden = !hit;
        if (hit) {
          any = true;
          n++;
        }
      }
      section.hidden = !any;
    }
    setShown(n);
  };
  return (
    <div className="mb-6 grid gap-1">
      <div className="relative">
        <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input type="search" value={q} onChange={(e) => filter(e.target.value)} placeholder={t("placeholder")} aria-label={t("label")} className="pl-9" />
      </div>
      <p className="text-sm text-muted-foreground" role="status" aria-live="polite">
        {q ? t("matching", { shown, total }) : t("all", { total })}
      </p>
    </div>
  );
}
