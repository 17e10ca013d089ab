import { NextResponse } from "next/server";
import { z } from "zod";
import { pendingRequirement } from "@/lib/auth/current";
import { clientIp, userAgentOf } from "@/lib/auth/request-meta";
import { isAppError } from "@/lib/errors";
import { findNul, NUL_MESSAGE } from "@/lib/input/nul";
import { API_MAX_BODY_BYTES } from "@/lib/security/limits";
import { readBodyText } from "./body";
import { resolveApiCaller } from "./caller";
import { validationMessage, type OpSpec } from "./surface";

/**
 * While a forced password change or MFA enrolment is pending, the API (like the pages) serves
 * only what satisfies it, plus signing out.
 */
const WHILE_PENDING = {
  password: {
    ops: new Set(["BillForward_update_user_password", "Forgiva_passwordChange", "IamBackoffice_Logout"]),
    message: "You must change your password first (BillForward PUT /api/v1/users/{email}/password, Forgiva /api/user/password/change, or sign in to the web console)",
  },
  mfa: {
    ops: new Set(["IamBackoffice_GenerateSecretForQR", "IamBackoffice_EnableUserMfa", "IamBackoffice_Logout"]),
    message: "You must set up two-factor authentication first (IamBackoffice GenerateSecretForQR then EnableUserMfa, or sign in to the web console)",
  },
} as const;

function fail(spec: OpSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>, kind: Parameters<typeof spec.surface.error>[0], message: string, field?: string, retryAfter?: number) {
  if (kind === "unauthenticated" && spec.surface.emptyUnauthorized) return new NextResponse(null, { status: 401 });
  const { status, body } = spec.surface.error(kind, message, field);
  const res = NextResponse.json(body, { status });
  if (retryAfter) res.headers.set("Retry-After", String(retryAfter));
  return res;
}

async function readBody(req: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await readBodyText(req, API_MAX_BODY_BYTES);
  if (!text.trim()) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // Some documented operations also accept text/plain (BillForward request-reset-code).
    if (req.headers.get("content-type")?.startsWith("text/plain")) return { ok: true, value: text.trim() };
    return { ok: false };
  }
}

/**
 * One pipeline for every documented operation: parse (zod) → authenticate → run the lib/
 * service → shape the answer. Typed errors become the surface's own error body; anything else
 * is logged by name only and answered as a generic 500 without internals.
 */
export function handle<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, R extends z.ZodType>(spec: OpSpec<B, Q, P, R>) {
  const anySpec = spec as unknown as OpSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;
  return async (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => {
    try {
      const ip = clientIp(req.headers);
      const userAgent = userAgentOf(req.headers);
      let rawBody: unknown = {};
      if (spec.method !== "GET" && spec.method !== "DELETE") {
        const read = await readBody(req);
        if (!read.ok) return fail(anySpec, "validation", "The request body is not valid JSON");
        rawBody = read.value;
      }
      const url = new URL(req.url);
      const rawQuery: Record<string, string | string[]> = {};
      for (const key of new Set(url.searchParams.keys())) {
        const all = url.searchParams.getAll(key);
        rawQuery[key] = all.length > 1 ? all : all[0]!;
      }
      const rawParams = await ctx.params;
      // Before the caller is resolved: that is the first query, and PostgreSQL would 500 on a NUL.
      for (const [where, raw] of [["body", rawBody], ["query", rawQuery], ["path", rawParams]] as const) {
        const at = findNul(raw);
        if (at !== null) return fail(anySpec, "validation", `${at || where} ${NUL_MESSAGE}`, at || undefined);
      }
      const bodyToken =
        typeof rawBody === "object" && rawBody && "header" in rawBody
          ? ((rawBody as { header?: { sessionId?: unknown } }).header?.sessionId as string | undefined)
          : undefined;
      const caller = spec.auth === "none" ? null : await resolveApiCaller(req, ip, typeof bodyToken === "string" ? bodyToken : undefined, spec);
      if (spec.auth === "required" && !caller) return fail(anySpec, "unauthenticated", "A valid access token is required");
      // A token that does not resolve is refused, not silently ignored (Register would self-register).
      const presented = req.headers.get("authorization") || req.headers.get("x-auth-token") || bodyToken;
      if (spec.auth === "optional" && !caller && presented) return fail(anySpec, "unauthenticated", "The access token is not valid or has expired");
      // Public temporary tokens may only read.
      if (caller?.readOnly && spec.method !== "GET") return fail(anySpec, "forbidden", "This token is read-only");
      const pending = caller ? await pendingRequirement(caller) : null;
      if (pending && !WHILE_PENDING[pending].ops.has(spec.operationId)) return fail(anySpec, "forbidden", WHILE_PENDING[pending].message);
      const parts: Record<string, unknown> = {};
      for (const [key, schema, raw] of [
        ["body", spec.body, rawBody],
        ["query", spec.query, rawQuery],
        ["params", spec.params, rawParams],
      ] as const) {
        if (!schema) continue;
        const parsed = schema.safeParse(raw);
        if (!parsed.success) {
          const { message, field } = validationMessage(parsed.error);
          return fail(anySpec, "validation", message, field);
        }
        parts[key] = parsed.data;
      }
      const out = await spec.run({ body: parts.body, query: parts.query, params: parts.params, caller, req, ip, userAgent } as never);
      if (out instanceof Response) return out;
      return NextResponse.json(out, { status: spec.successStatus ?? 200 });
    } catch (e) {
      if (isAppError(e)) return fail(anySpec, e.kind, e.message, e.field, e.retryAfterSeconds);
      console.error(`${spec.operationId} failed:`, e instanceof Error ? e.name : "unknown");
      const { status, body } = spec.surface.error("internal", "Internal error");
      return NextResponse.json(body, { status });
    }
  };
}
