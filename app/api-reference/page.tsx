import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buildOpenApi } from "@/app/api/_shared/openapi";
import { ALL_OPS } from "@/app/api/_shared/registry";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { ClientMessages } from "@/i18n/client-messages";
import { appUrl } from "@/lib/env";
import { ApiSearch } from "./api-search";
import { curlOf, exampleOf, typeOf, type Schema } from "./schema-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiReference"))("title") };
}
// Not force-static: like every page it is rendered per request, with that request's CSP nonce.

type Json = { "application/json": { schema: Schema } };
type Param = { name: string; in: string; required: boolean; schema?: Schema };
type Op = { operationId: string; summary: string; tags: string[]; security: unknown[]; parameters: Param[]; requestBody?: { content: Json }; responses: Record<string, { description: string; content?: Json }> };

const METHOD_COLOURS: Record<string, string> = {
  get: "bg-sky-700",
  post: "bg-emerald-700",
  put: "bg-amber-700",
  delete: "bg-rose-700",
};

function Block({ title, children, testId }: { title: string; children: string; testId?: string }) {
  return (
    <div className="grid min-w-0 gap-1">
      <h4 className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{title}</h4>
      <pre className="max-h-80 overflow-auto rounded bg-muted p-3 text-xs" data-testid={testId}>{children}</pre>
    </div>
  );
}

/**
 * Rendered on the server from the generated OpenAPI document: works offline, no external assets.
 * The page's words and the operations' summaries (apiOperations.summaries.<operationId>) follow the
 * reader's language; the OpenAPI JSON, the types and the examples are the API's own and stay English.
 */
export default async function ApiReferencePage() {
  const t = await getTranslations("apiReference");
  const tOps = await getTranslations("apiOperations");
  /** The OpenAPI document stays English; the page shows each operation's summary in the reader's language. */
  const summaryOf = (op: Op) => (tOps.has(`summaries.${op.operationId}`) ? tOps(`summaries.${op.operationId}`) : op.summary);
  /** The generator's three response descriptions (app/api/_shared/openapi.ts), by their English text. */
  const responseText = (description: string) =>
    description === "Success" ? t("responses.success") : description === "Error" ? t("responses.error") : description === "Not signed in (empty body)" ? t("responses.notSignedIn") : description;
  const doc = buildOpenApi(ALL_OPS, { title: "IAM Console API", version: "1.0.0" });
  const errors = doc.components.schemas as Record<string, Schema>;
  const byTag = new Map<string, { path: string; method: string; op: Op }[]>();
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods as Record<string, Op>))
      byTag.set(op.tags[0]!, [...(byTag.get(op.tags[0]!) ?? []), { path, method, op }]);
  return (
    <div className="mx-auto max-w-5xl p-4 md:p-10">
      <Link href="/" className="mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground underline-offset-4 hover:underline">
        <ArrowLeft className="size-4" aria-hidden /> {t("back")}
      </Link>
      <header className="mb-6 flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-3xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="mt-2 text-muted-foreground">
            {t.rich("intro", {
              count: ALL_OPS.length,
              url: () => <code className="break-all" data-testid="api-base-url">{appUrl}</code>,
              spec: (chunks) => <Link className="underline" href="/api/openapi.json">{chunks}</Link>,
            })}{" "}
            {t.rich("auth", {
              code: (chunks) => <code>{chunks}</code>,
              tokens: (chunks) => <Link className="underline" href="/account/tokens">{chunks}</Link>,
            })}
          </p>
        </div>
        <ThemeToggle />
      </header>
      <ClientMessages namespaces={["apiReference"]}>
        <ApiSearch total={ALL_OPS.length} />
      </ClientMessages>
      <nav aria-label={t("surfaces")} className="mb-8 flex flex-wrap gap-2">
        {[...byTag.keys()].map((tag) => (
          <a key={tag} href={`#${tag}`} className="rounded-md border px-3 py-1 text-sm hover:bg-accent">
            {tag} ({byTag.get(tag)!.length})
          </a>
        ))}
      </nav>
      {[...byTag.entries()].map(([tag, ops]) => (
        <section key={tag} id={tag} className="mb-12" data-api-section>
          <h2 className="mb-4 text-2xl font-semibold">{tag}</h2>
          <div className="grid gap-3">
            {ops.map(({ path, method, op }) => {
              const body = op.requestBody?.content["application/json"].schema;
              const bodyExample = body ? exampleOf(body) : undefined;
              const [okStatus, ok] = Object.entries(op.responses).find(([s]) => s.startsWith("2"))!;
              const okSchema = ok.content?.["application/json"].schema;
              const failures = Object.entries(op.responses).filter(([s]) => !s.startsWith("2"));
              const errorRef = failures.map(([, r]) => r.content?.["application/json"].schema.$ref).find(Boolean);
              const curl = curlOf({ baseUrl: appUrl, method, path, params: op.parameters, body: bodyExample, token: op.security.length > 0 });
              const search = [method, path, op.summary, summaryOf(op), op.operationId, tag, ...op.parameters.map((p) => p.name), ...Object.keys(body?.properties ?? {})].join(" ").toLowerCase();
              return (
                <details key={`${method} ${path}`} className="group rounded-lg border bg-card" id={op.operationId} data-search={search}>
                  <summary className="flex cursor-pointer flex-wrap items-center gap-3 p-3">
                    <span className={`rounded px-2 py-0.5 font-mono text-xs font-bold uppercase text-white ${METHOD_COLOURS[method] ?? "bg-slate-700"}`}>{method}</span>
                    <code className="min-w-0 break-all text-sm">{path}</code>
                    <span className="text-sm text-muted-foreground" data-testid="op-summary">{summaryOf(op)}</span>
                    {op.security.length === 0 && <Badge variant="secondary">{t("noToken")}</Badge>}
                  </summary>
                  <div className="grid gap-4 border-t p-4 text-sm">
                    <div className="grid min-w-0 gap-1">
                      <div className="flex items-center justify-between gap-2">
                        <h3 className="font-medium">{t("tryIt")}</h3>
                        <CopyButton value={curl} label={t("copyCurl")} copiedMessage={t("curlCopied")} />
                      </div>
                      <pre className="overflow-x-auto rounded bg-muted p-3 text-xs" data-testid="curl">{curl}</pre>
                    </div>
                    {op.parameters.length > 0 && (
                      <div>
                        <h3 className="mb-1 font-medium">{t("parameters")}</h3>
                        <ul className="grid gap-1">
                          {op.parameters.map((p) => (
                            <li key={`${p.in}-${p.name}`}>
                              <code>{p.name}</code> <span className="text-muted-foreground">({p.required ? t("paramRequired", { in: p.in }) : p.in})</span>: <code>{typeOf(p.schema ?? {})}</code>
                            </li>
                          ))}
                        </ul>
                      </div>
                    )}
                    {body && (
                      <div className="grid gap-2">
                        <h3 className="font-medium">{t("requestBody")}</h3>
                        <div className="grid gap-3 md:grid-cols-2">
                          <Block title={t("type")}>{typeOf(body)}</Block>
                          <Block title={t("example")} testId="request-example">{JSON.stringify(bodyExample, null, 2)}</Block>
                        </div>
                      </div>
                    )}
                    <div className="grid gap-2">
                      <h3 className="font-medium">
                        {t("response")} <span className="font-mono">{okStatus}</span>
                      </h3>
                      {okSchema ? (
                        <div className="grid gap-3 md:grid-cols-2">
                          <Block title={t("type")}>{typeOf(okSchema)}</Block>
                          <Block title={t("example")} testId="response-example">{JSON.stringify(exampleOf(okSchema), null, 2)}</Block>
                        </div>
                      ) : (
                        <p className="text-muted-foreground">{responseText(ok.description)}</p>
                      )}
                    </div>
                    <div className="grid gap-1">
                      <h3 className="font-medium">{t("errors")}</h3>
                      <p>
                        {failures.map(([s, r]) => (
                          <span key={s} className="mr-3 inline-block">
                            <span className="font-mono font-semibold">{s}</span>
                            {r.content ? "" : ` ${responseText(r.description)}`}
                          </span>
                        ))}
                      </p>
                      {errorRef && <pre className="overflow-x-auto rounded bg-muted p-3 text-xs">{typeOf(errors[errorRef.split("/").pop()!] ?? {})}</pre>}
                    </div>
                  </div>
                </details>
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
}
