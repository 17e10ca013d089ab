/** Typed failures of business rules; each surface maps the kind to its own status and body. */
export type AppErrorKind =
  | "validation"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "precondition"
  /** The request (or what it expands to) is over a documented size limit: HTTP 413. */
  | "too_large";

export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    message: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const validation = (message: string, field?: string) => new AppError("validation", message, field);
export const notFound = (what = "Not found") => new AppError("not_found", what);
export const forbidden = (message = "You do not have permission to do this") => new AppError("forbidden", message);
export const conflict = (message: string, field?: string) => new AppError("conflict", message, field);
export const unauthenticated = (message = "Sign in first") => new AppError("unauthenticated", message);
export const rateLimited = (seconds: number) =>
  new AppError("rate_limited", `Too many attempts. Try again in ${seconds} s.`, undefined, seconds);

export const tooLarge = (message: string) => new AppError("too_large", message);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
