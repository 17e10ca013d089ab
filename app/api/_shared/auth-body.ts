import { NextRequest, NextResponse } from "next/server";
import { isAppError } from "@/lib/errors";
import { AUTH_MAX_BODY_BYTES } from "@/lib/security/limits";
import { readBodyText } from "./body";

type RouteHandler = (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response> | Response;

/**
 * next-auth reads every POST body whole (req.json() or req.text(), no limit) before any check, and
 * an unparsable JSON body escapes as a 500. This reads it capped (413 past the limit, the stream is
 * cancelled), answers 400 for bad JSON, and hands next-auth an equal request: same URL, method,
 * headers and body.
 */
export function withCappedBody(handler: RouteHandler): RouteHandler {
  return async (req, ctx) => {
    if (req.method !== "POST") return handler(req, ctx);
    let text: string;
    try {
      text = await readBodyText(req, AUTH_MAX_BODY_BYTES);
    } catch (e) {
      if (isAppError(e) && e.kind === "too_large")
        return NextResponse.json({ error: `The request body is larger than ${AUTH_MAX_BODY_BYTES / 1024} KB` }, { status: 413 });
      throw e;
    }
    // The same test next-auth applies before calling req.json().
    if (req.headers.get("content-type")?.includes("application/json") && text) {
      try {
        JSON.parse(text);
      } catch {
        return NextResponse.json({ error: "The request body is not valid JSON" }, { status: 400 });
      }
    }
    // An empty body stays absent, as it was: next-auth skips reading a request without one.
    const rebuilt = new NextRequest(req.url, { method: req.method, headers: req.headers, body: text || undefined });
    return handler(rebuilt, ctx);
  };
}
