import { z } from "zod";
import type { Caller } from "@/lib/authz/caller";
import { AppError, type AppErrorKind } from "@/lib/errors";

/** How one documented API family reports failures; each surface supplies its own body. */
export interface Surface {
  name: string;
  /** Status + body for a typed failure. */
  error(kind: AppErrorKind | "internal", message: string, field?: string): { status: number; body: unknown };
  /** Forgiva answers auth failures with an empty 401 and domain failures with HTTP 200. */
  emptyUnauthorized?: boolean;
}

export const STATUS: Record<AppErrorKind | "internal", number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  precondition: 400,
  too_large: 413,
  internal: 500,
};

export interface OpContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  caller: Caller | null;
  req: Request;
  ip: string;
  userAgent: string;
}

/** An operation as documented: used by the route handler and by the OpenAPI generator. */
export interface OpSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, R extends z.ZodType> {
  surface: Surface;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** OpenAPI-style path on our server, e.g. /api/v1/roles/{role}. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** "none": open operation; "optional": token used when present; "required": 401 without. */
  auth: "none" | "optional" | "required";
  body?: B;
  query?: Q;
  params?: P;
  response: R;
  successStatus?: number;
  /** Creates credentials although it is a GET (BillForward generate-tokens): by cookie, our Origin is required too. */
  mintsCredentials?: boolean;
  /** Answers with the caller's own record: it is read with the caller (Caller.own), in the same query. */
  readsOwnRecord?: boolean;
  /** Returns the documented response object (or a Response for raw answers). */
  run: (ctx: OpContext<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<z.input<R> | Response> | z.input<R> | Response;
}

export function validationMessage(error: z.ZodError) {
  const issue = error.issues[0]!;
  const field = issue.path.join(".");
  return { field: field || undefined, message: field ? `${field}: ${issue.message}` : issue.message };
}

export const isAppErrorKind = (e: unknown): e is AppError => e instanceof AppError;
