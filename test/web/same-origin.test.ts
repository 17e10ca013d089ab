import { afterEach, describe, expect, it, vi } from "vitest";

const saved = process.env.APP_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = saved;
  vi.resetModules();
});

/** isSameOrigin as an install at `appUrl` has it (lib/env reads APP_URL once, at import). */
async function sameOriginAt(appUrl: string) {
  process.env.APP_URL = appUrl;
  vi.resetModules();
  return (await import("@/app/api/_shared/same-origin")).isSameOrigin;
}
const post = (headers: Record<string, string>) => new Request("http://10.0.0.5:3000/api/v1/users/mine", { method: "POST", headers });

describe("isSameOrigin (CSRF check of cookie-authenticated changes)", () => {
  it("over https: our own origin passes; the same host over plain http, another host, or a bad Origin do not", async () => {
    const isSameOrigin = await sameOriginAt("https://iam.example.test");
    expect(isSameOrigin(post({ origin: "https://iam.example.test", host: "iam.example.test" }))).toBe(true);
    // Behind a TLS terminator the request reaches us as http on an inner address: the app's origin still counts.
    expect(isSameOrigin(post({ origin: "https://iam.example.test", host: "10.0.0.5:3000" }))).toBe(true);
    expect(isSameOrigin(post({ origin: "http://iam.example.test", host: "iam.example.test" }))).toBe(false);
    expect(isSameOrigin(post({ origin: "https://evil.example", host: "iam.example.test" }))).toBe(false);
    expect(isSameOrigin(post({ origin: "null", host: "iam.example.test" }))).toBe(false);
  });

  it("over plain http (development): the host decides, as the app may be reached as localhost or 127.0.0.1", async () => {
    const isSameOrigin = await sameOriginAt("http://localhost:3000");
    expect(isSameOrigin(post({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }))).toBe(true);
    expect(isSameOrigin(post({ origin: "http://localhost:3000", host: "127.0.0.1:3000" }))).toBe(true);
    expect(isSameOrigin(post({ origin: "http://evil.example:3000", host: "127.0.0.1:3000" }))).toBe(false);
  });

  it("without Origin, only a browser's own Sec-Fetch-Site: same-origin passes", async () => {
    const isSameOrigin = await sameOriginAt("https://iam.example.test");
    expect(isSameOrigin(post({ "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOrigin(post({ "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOrigin(post({}))).toBe(false);
  });
});
