import type { Metadata } from "next";
import Link from "next/link";
import { buildOpenApi } from "@/app/api/_shared/openapi";
import { ALL_OPS } from "@/app/api/_shared/registry";
import { Badge } from "@/components/ui/badge";
import { ThemeToggle } from "@/components/shell/theme-toggle";

export const metadata: Metadata = { title: "API reference" };
// Not force-static: like every page it is rendered per request, with that request's CSP nonce.

type Op = { operationId: string; summary: string; tags: string[]; security: unknown[]; parameters: { name: string; in: string; required: boolean }[]; requestBody?: { content: { "application/json": { schema: unknown } } }; responses: Record<string, { description: string; content?: { "application/json": { schema: unknown } } }> };

const METHOD_COLOURS: Record<string, string> = {
  get: "bg-sky-700",
  post: "bg-emerald-700",
  put: "bg-amber-700",
  delete: "bg-rose-700",
};

/** Rendered on the server from the generated OpenAPI document: works offline, no external assets. */
export default function ApiReferencePage() {
  const doc = buildOpenApi(ALL_OPS, { title: "IAM Console API", version: "1.0.0" });
  const byTag = new Map<string, { path: string; method: string; op: Op }[]>();
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods as Record<string, Op>))
      byTag.set(op.tags[0]!, [...(byTag.get(op.tags[0]!) ?? []), { path, method, op }]);
  return (
    <div className="mx-auto max-w-5xl p-6 md:p-10">
      <header className="mb-8 flex items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">API reference</h1>
          <p className="mt-2 text-muted-foreground">
            {ALL_OPS.length} operations. Machine-readable: <Link className="underline" href="/api/openapi.json">/api/openapi.json</Link> (OpenAPI 3.1).
            Authenticate with <code>Authorization: Bearer &lt;token&gt;</code>.
          </p>
        </div>
        <ThemeToggle />
      </header>
      <nav aria-label="Surfaces" className="mb-8 flex flex-wrap gap-2">
        {[...byTag.keys()].map((tag) => (
          <a key={tag} href={`#${tag}`} className="rounded-md border px-3 py-1 text-sm hover:bg-accent">
            {tag} ({byTag.get(tag)!.length})
          </a>
        ))}
      </nav>
      {[...byTag.entries()].map(([tag, ops]) => (
        <section key={tag} id={tag} className="mb-12">
          <h2 className="mb-4 text-2xl font-semibold">{tag}</h2>
          <div className="grid gap-3">
            {ops.map(({ path, method, op }) => (
              <details key={`${method} ${path}`} className="group rounded-lg border bg-card" id={op.operationId}>
                <summary className="flex cursor-pointer flex-wrap items-center gap-3 p-3">
                  <span className={`rounded px-2 py-0.5 font-mono text-xs font-bold uppercase text-white ${METHOD_COLOURS[method] ?? "bg-slate-700"}`}>{method}</span>
                  <code className="min-w-0 break-all text-sm">{path}</code>
                  <span className="text-sm text-muted-foreground">{op.summary}</span>
                  {op.security.length === 0 && <Badge variant="secondary">no token</Badge>}
                </summary>
                <div className="grid gap-4 border-t p-4 text-sm">
                  {op.parameters.length > 0 && (
                    <div>
                      <h3 className="mb-1 font-medium">Parameters</h3>
                      <ul className="list-inside list-disc">
                        {op.parameters.map((p) => (
                          <li key={`${p.in}-${p.name}`}>
                            <code>{p.name}</code> ({p.in}
                            {p.required ? ", required" : ""})
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                  {op.requestBody && (
                    <div>
                      <h3 className="mb-1 font-medium">Request body</h3>
                      <pre className="max-h-80 overflow-auto rounded bg-muted p-3 text-xs">{JSON.stringify(op.requestBody.content["application/json"].schema, null, 2)}</pre>
                    </div>
                  )}
                  <div>
                    <h3 className="mb-1 font-medium">Responses</h3>
                    {Object.entries(op.responses).map(([status, r]) => (
                      <div key={status} className="mb-2">
                        <p>
                          <span className="font-mono font-semibold">{status}</span> {r.description}
                        </p>
                        {status.startsWith("2") && r.content && (
                          <pre className="max-h-80 overflow-auto rounded bg-muted p-3 text-xs">{JSON.stringify(r.content["application/json"].schema, null, 2)}</pre>
                        )}
                      </div>
                    ))}
                  </div>
                </div>
              </details>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
