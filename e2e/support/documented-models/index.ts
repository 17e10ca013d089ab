import type { z } from "zod";
import { billForward } from "./billforward";
import { forgiva } from "./forgiva";
import { iamBackoffice } from "./iambackoffice";
import { quatrix } from "./quatrix";
import type { DocumentedOperation, DocumentedSurface } from "./types";

export const SURFACES: DocumentedSurface[] = [iamBackoffice, quatrix, billForward, forgiva];

/** Our own endpoints under /api that belong to no documented surface (sign-in, OpenAPI, probes). */
const OURS = [/^\/api\/auth\//, /^\/api\/openapi\.json$/, /^\/api\/(health|ready)$/];

const matcher = (op: DocumentedOperation) => new RegExp(`^${op.path.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`);
const INDEX = SURFACES.flatMap((surface) => surface.operations.map((op) => ({ surface, op, re: matcher(op) })));

export type Lookup =
  | { kind: "ours" }
  | { kind: "operation"; surface: DocumentedSurface; op: DocumentedOperation }
  | { kind: "unknown"; surface?: DocumentedSurface };

/** The documented operation a request addresses, by method and path. */
export function lookup(method: string, pathname: string): Lookup {
  if (!pathname.startsWith("/api/") || OURS.some((re) => re.test(pathname))) return { kind: "ours" };
  const hit = INDEX.find((e) => e.op.method === method && e.re.test(pathname));
  if (hit) return { kind: "operation", surface: hit.surface, op: hit.op };
  return { kind: "unknown", surface: SURFACES.find((s) => pathname.startsWith(s.prefix)) };
}

/** What is wrong with an answer, judged by the documented model for its status; null when it holds. */
export function mismatch(found: Lookup, status: number, body: string, contentType: string): string | null {
  if (found.kind === "ours") return null;
  let model: z.ZodType | "empty";
  if (found.kind === "operation" && status >= 200 && status < 300) {
    const documented = found.op.success[status];
    if (!documented) return `status ${status} is not documented (documented: ${Object.keys(found.op.success).join(", ")})`;
    model = documented;
  } else if (found.kind === "operation" || (found.surface && status >= 400)) {
    // An unknown method of a known surface may answer, but only in the surface's error shape.
    model = (found.kind === "operation" ? found.surface : found.surface!).error(status);
  } else {
    return `no documented operation matches: add its model to e2e/support/documented-models (status ${status})`;
  }
  if (model === "empty") return body.length ? `expected an empty body, got ${body.slice(0, 200)}` : null;
  if (!contentType.includes("application/json")) return `expected application/json, got "${contentType}"`;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return `body is not JSON: ${body.slice(0, 200)}`;
  }
  const parsed = model.safeParse(json);
  if (parsed.success) return null;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  return `${issues.join("; ")}\n  body: ${body.slice(0, 600)}`;
}
