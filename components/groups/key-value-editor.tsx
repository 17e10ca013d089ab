"use client";

import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

export type Pair = { key: string; value: string };

/** Edits a string map as rows of key/value inputs. */
export function KeyValueEditor({ pairs, onChange }: { pairs: Pair[]; onChange: (pairs: Pair[]) => void }) {
  const t = useTranslations("admin.groups.form");
  const set = (i: number, p: Partial<Pair>) => onChange(pairs.map((x, j) => (j === i ? { ...x, ...p } : x)));
  return (
    <div className="grid gap-2">
      {pairs.map((p, i) => (
        <div key={i} className="flex gap-2">
          <Input aria-label={t("dataKey", { n: i + 1 })} placeholder={t("key")} value={p.key} onChange={(e) => set(i, { key: e.target.value })} />
          <Input aria-label={t("dataValue", { n: i + 1 })} placeholder={t("value")} value={p.value} onChange={(e) => set(i, { value: e.target.value })} />
          <Button type="button" variant="ghost" size="icon" aria-label={t("removeRow", { n: i + 1 })} onClick={() => onChange(pairs.filter((_, j) => j !== i))}>
            <Trash2 className="size-4" aria-hidden />
          </Button>
        </div>
      ))}
      <Button type="button" variant="outline" size="sm" className="justify-self-start" onClick={() => onChange([...pairs, { key: "", value: "" }])}>
        <Plus className="size-4" aria-hidden /> {t("addData")}
      </Button>
    </div>
  );
}

export const toMap = (pairs: Pair[]) => Object.fromEntries(pairs.filter((p) => p.key.trim()).map((p) => [p.key.trim(), p.value]));
export const toPairs = (data: Record<string, string>) => Object.entries(data).map(([key, value]) => ({ key, value }));
