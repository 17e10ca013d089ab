import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Caller } from "@/lib/authz/caller";
import { localizeFailure } from "@/i18n/action-errors";
import { isAppError } from "@/lib/errors";
import { findNul } from "@/lib/input/nul";
import { currentCaller, pendingRequirement } from "./current";
import { clientIp, userAgentOf } from "./request-meta";

/** The one result shape of every server action. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  /** `message` and `fieldErrors` are in the caller's language; `code` is the message key, when it has one. */
  | { ok: false; message: string; code?: string; fieldErrors?: Record<string, string>; retryAfter?: number };

export interface RequestMeta {
  ip: string;
  userAgent: string;
}

export function fieldErrorsOf(error: z.ZodError) {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

function toResult(e: unknown): Extract<ActionResult<never>, { ok: false }> {
  unstable_rethrow(e);
  if (isAppError(e))
    return { ok: false, message: e.message, fieldErrors: e.field ? { [e.field]: e.message } : undefined, retryAfter: e.retryAfterSeconds };
  console.error("server action failed:", e instanceof Error ? e.name : "unknown");
  return { ok: false, message: "Something went wrong on our side. Nothing was changed; try again." };
}

async function meta(): Promise<RequestMeta> {
  const h = await headers();
  return { ip: clientIp(h), userAgent: userAgentOf(h) };
}

/**
 * Refuses input holding U+0000 anywhere (lib/input/nul.ts). Runs first in both wrappers, before
 * the session lookup: nothing from the input may reach PostgreSQL, which would fail on it.
 */
function refuseNul(input: unknown) {
  const at = findNul(input);
  if (at === null) return null;
  return { ok: false as const, message: "validation.nul", fieldErrors: { [at || "_"]: "validation.nul" } };
}

function parse<S extends z.ZodType>(schema: S, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data as z.infer<S> };
  const fieldErrors = fieldErrorsOf(parsed.error);
  return { error: { ok: false as const, message: Object.values(fieldErrors)[0] ?? "Invalid input", fieldErrors } };
}

/**
 * Wraps a server action: zod-parse, resolve the signed-in caller (server actions are public POST
 * endpoints, so this is never skipped), run, and map typed errors to the result shape. The body
 * checks permission and tenant through lib/.
 */
export function authedAction<S extends z.ZodType, T>(
  schema: S,
  fn: (caller: Caller, input: z.infer<S>, meta: RequestMeta) => Promise<T> | T,
  opts: { allowPending?: boolean } = {},
) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const nul = refuseNul(input);
    if (nul) return await localizeFailure(nul);
    const caller = await currentCaller();
    if (!caller) return await localizeFailure({ ok: false, message: "Your session has ended. Sign in again." });
    if (!opts.allowPending && (await pendingRequirement(caller)))
      return await localizeFailure({ ok: false, message: "Finish the required account setup first." });
    const parsed = parse(schema, input);
    if (parsed.error) return await localizeFailure(parsed.error);
    try {
      return { ok: true, data: await fn(caller, parsed.data, await meta()) };
    } catch (e) {
      return await localizeFailure(toResult(e));
    }
  };
}

/** For the pages used without a session (sign-in, reset, invitation, setup). */
export function publicAction<S extends z.ZodType, T>(schema: S, fn: (input: z.infer<S>, meta: RequestMeta) => Promise<T> | T) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const nul = refuseNul(input);
    if (nul) return await localizeFailure(nul);
    const parsed = parse(schema, input);
    if (parsed.error) return await localizeFailure(parsed.error);
    try {
      return { ok: true, data: await fn(parsed.data, await meta()) };
    } catch (e) {
      return await localizeFailure(toResult(e));
    }
  };
}
