import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { requirePageCaller } from "@/lib/auth/current";
import { listOutbox } from "@/lib/email/outbox";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.outbox"))("title") };
}
export const dynamic = "force-dynamic";

// A repeated or over-long parameter is ignored rather than failing the page.
const params = z.object({ q: z.string().max(200).optional().catch(undefined), page: z.coerce.number().int().min(1).catch(1).default(1) });
const PAGE_SIZE = 20;

/** Super admins only: the messages hold reset and invitation links for any user. */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const caller = await requirePageCaller();
  if (!caller.isSuperAdmin) notFound();
  const { q, page } = params.parse(await searchParams);
  const { rows, total } = await listOutbox(caller, { q, page, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const t = await getTranslations("admin.outbox");
  const tc = await getTranslations("admin.common");
  const format = await getFormatter();
  const href = (p: number) => `/admin/outbox?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <form className="mb-4 flex gap-2" role="search">
        <Input name="q" defaultValue={q} placeholder={t("searchHint")} aria-label={t("search")} className="max-w-sm" />
        <Button type="submit" variant="secondary">
          {tc("search")}
        </Button>
      </form>
      {rows.length === 0 ? (
        <Card className="p-10 text-center text-sm text-muted-foreground">{q ? t("noMatch") : t("empty")}</Card>
      ) : (
        <div className="grid gap-3">
          {rows.map((m) => (
            <Card key={m.id} className="gap-2 p-4" data-testid="outbox-message">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-medium">{m.subject}</p>
                <div className="flex items-center gap-2 text-xs text-muted-foreground">
                  <Badge variant={m.status === "failed" ? "destructive" : "secondary"}>{t(`statuses.${m.status}`)}</Badge>
                  {format.dateTime(m.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                </div>
              </div>
              <p className="text-sm text-muted-foreground">
                {t.rich("to", { address: m.to, to: (chunks) => <span data-testid="outbox-to">{chunks}</span> })}
              </p>
              <pre className="whitespace-pre-wrap text-sm">{m.text}</pre>
              {m.links.map((l) => (
                <div key={l.url} className="flex items-center gap-2">
                  <a href={l.url} className="text-sm font-medium text-primary underline underline-offset-4">
                    {l.label}
                  </a>
                  <CopyButton value={l.url} label={t("copy", { label: l.label })} copiedMessage={t("copied")} iconOnly variant="ghost" />
                </div>
              ))}
            </Card>
          ))}
        </div>
      )}
      <nav aria-label={tc("pagination")} className="mt-4 flex items-center justify-between text-sm">
        <span className="text-muted-foreground">
          {t("summary", { page, pages, total })}
        </span>
        <div className="flex gap-2">
          {page > 1 && (
            <Button asChild variant="outline" size="sm">
              <Link href={href(page - 1)}>{tc("previous")}</Link>
            </Button>
          )}
          {page < pages && (
            <Button asChild variant="outline" size="sm">
              <Link href={href(page + 1)}>{tc("next")}</Link>
            </Button>
          )}
        </div>
      </nav>
    </>
  );
}
