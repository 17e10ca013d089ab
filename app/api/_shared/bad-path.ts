import { NextResponse } from "next/server";

const MESSAGE = "The URL path is not validly percent-encoded";

/**
 * The 400 for an API path Next.js cannot percent-decode (`/api/v1/roles/%ZZ`), answered by the
 * proxy because Next fails such a request with a bare 500 before any handler runs. The bodies are
 * each surface's validation error (see their `_shared/surface.ts`; the e2e suite checks them
 * against the documented models). Kept free of imports: it is part of the proxy bundle.
 */
export function badPathResponse(pathname: string) {
  const body = pathname.startsWith("/api/v1/")
    ? { errorType: "ValidationError", errorMessage: MESSAGE, errorParameters: [] }
    : pathname.startsWith("/api/1.0/")
      ? { msg: MESSAGE, code: 1 }
      : pathname.startsWith("/api/iambackoffice.IamBackoffice/")
        ? { code: 3, message: MESSAGE, details: [] }
        : { error: MESSAGE };
  return NextResponse.json(body, { status: 400 });
}

/** True when some path segment is not valid percent-encoding (or not UTF-8 once decoded). */
export function hasBadEscape(pathname: string) {
  if (!pathname.includes("%")) return false;
  return pathname.split("/").some((segment) => {
    try {
      decodeURIComponent(segment);
      return false;
    } catch {
      return true;
    }
  });
}
