import { request, type APIRequestContext, type APIResponse } from "@playwright/test";
import { lookup, mismatch } from "./documented-models";

/**
 * Checks every answer an API request context receives against the model the seed documents give
 * for its operation and status (e2e/support/documented-models), and throws at the call when it
 * does not hold, so the test fails where the request was made. A path under /api that matches no
 * documented operation fails too, unless it answers in its surface's error shape: a new endpoint
 * must get its model.
 *
 * Installed once per worker from playwright.config.ts, so it applies to every spec and every
 * context (the `request` fixture and `request.newContext()` alike) without each spec opting in.
 */
type Fetch = (this: APIRequestContext, ...args: Parameters<APIRequestContext["fetch"]>) => Promise<APIResponse>;
const CHECKED = Symbol.for("iam-e2e.documented-responses");

async function check(method: string, url: string, res: APIResponse) {
  const found = lookup(method, new URL(url).pathname);
  if (found.kind === "ours") return;
  const problem = mismatch(found, res.status(), (await res.body()).toString("utf8"), res.headers()["content-type"] ?? "");
  if (!problem) return;
  const what = found.kind === "operation" ? found.op.name : "unknown operation";
  throw new Error(`${method} ${url} → ${res.status()} does not match the documented model (${what}): ${problem}`);
}

function patch(proto: { fetch: Fetch; [CHECKED]?: true }) {
  if (proto[CHECKED]) return;
  const original = proto.fetch;
  proto.fetch = async function (urlOrRequest, options) {
    const res = await original.call(this, urlOrRequest, options);
    const method = (options?.method ?? (typeof urlOrRequest === "string" ? "GET" : urlOrRequest.method())).toUpperCase();
    if (method !== "HEAD") await check(method, res.url(), res);
    return res;
  };
  proto[CHECKED] = true;
}

export function installDocumentedResponseChecks() {
  const api = request as typeof request & { [CHECKED]?: true };
  if (api[CHECKED]) return;
  const newContext = api.newContext.bind(api);
  api.newContext = async (options) => {
    const ctx = await newContext(options);
    patch(Object.getPrototypeOf(ctx) as Parameters<typeof patch>[0]);
    return ctx;
  };
  api[CHECKED] = true;
}
