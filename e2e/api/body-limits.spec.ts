import { request as httpRequest } from "node:http";
import { gzipSync } from "node:zlib";
import { expect, request as newRequest, test } from "@playwright/test";
import { bearer } from "../support/api";
import { ADMIN_STATE, createUser } from "../support/env";

const IMPORT = "/api/user/backup/import";
const MB = 1024 * 1024;

/** A valid backup of `count` entries with distinct hosts, as base64 of plain JSON (accepted on import). */
function plainBackup(count: number) {
  const groups = [{ ref: "g", parentRef: null, name: "Bulk", description: "" }];
  const metadatas = Array.from({ length: count }, (_, i) => ({ groupRef: "g", host: `host-${i}.bulk.example.test`, account: `account-${i}@example.test`, complexity: 2, length: 20, lowercase: true, uppercase: true, digits: true, symbols: i % 2 === 0, lastRenewal: "2026-01-01", generatedBefore: false }));
  return Buffer.from(JSON.stringify({ version: 1, groups, metadatas })).toString("base64");
}

test.describe("request bodies", () => {
  test.describe.configure({ timeout: 120_000 });

  test("a gzip bomb through Forgiva backup/import is refused with 413, and the server keeps answering", async ({ request }) => {
    const user = createUser();
    const h = await bearer(request, user.email, user.password);
    // ~250 MB of JSON padding in a few hundred KB.
    const json = Buffer.concat([Buffer.from('{"version":1,"groups":[],"metadatas":[],"pad":"'), Buffer.alloc(250 * MB, 32), Buffer.from('"}')]);
    const bomb = gzipSync(json, { level: 9 }).toString("base64");
    expect(bomb.length).toBeLessThan(500 * 1024);
    const res = await request.post(IMPORT, { headers: h, data: { data: bomb } });
    expect(res.status()).toBe(413);
    expect((await res.json()).error).toMatch(/too large.*compression bomb/);
    expect((await request.get("/login")).status()).toBe(200);
    // Nothing was imported.
    const groups = await request.post("/api/user/metadata/groups", { headers: h, data: {} });
    expect(JSON.stringify(await groups.json())).not.toContain("Bulk");
  });

  test("a valid 16 MB backup passes the proxy whole and is imported", async ({ request }) => {
    const user = createUser();
    const h = await bearer(request, user.email, user.password);
    const data = plainBackup(56_000);
    expect(data.length).toBeGreaterThan(16 * MB);
    expect(data.length).toBeLessThan(19 * MB);
    const res = await request.post(IMPORT, { headers: h, data: { data } });
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.error).toBeUndefined();
    expect(body.affectedRecords).toHaveLength(56_000);
  });

  test("past the documented 20 MB an API body is refused with 413 and a clear message", async ({ request }) => {
    const user = createUser();
    const h = await bearer(request, user.email, user.password);
    const res = await request.post(IMPORT, { headers: h, data: { data: "A".repeat(21 * MB) } });
    expect(res.status()).toBe(413);
    expect((await res.json()).error).toContain("larger than 20 MB");
    // Same limit on every surface, in its own error format.
    const iam = await request.post("/api/iambackoffice.IamBackoffice/Login", { data: { loginId: "x@example.test", password: "p".repeat(21 * MB) } });
    expect(iam.status()).toBe(413);
    expect(await iam.json()).toMatchObject({ code: 8, message: expect.stringContaining("20 MB") });
  });

  test("the browser backup upload takes up to 64 MB and answers 413 past it", async ({ baseURL }) => {
    const ctx = await newRequest.newContext({ baseURL, storageState: ADMIN_STATE, extraHTTPHeaders: { Origin: new URL(baseURL!).origin } });
    const ok = await ctx.post("/vault/backup/import?dryRun=1", { data: plainBackup(56_000), headers: { "Content-Type": "text/plain" } });
    expect(ok.status(), await ok.text()).toBe(200);
    expect(await ok.json()).toMatchObject({ entries: 56_000 });
    const big = await ctx.post("/vault/backup/import?dryRun=1", { data: Buffer.alloc(65 * MB, 65), headers: { "Content-Type": "text/plain" } });
    expect(big.status()).toBe(413);
    expect((await big.json()).error).toContain("64 MB");
    await ctx.dispose();
  });

  test("a server action body over its 2 MB limit is a 413, not a 500", async ({ request }) => {
    const res = await request.post("/login", { headers: { "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8" }, data: "x".repeat(3 * MB) });
    expect(res.status()).toBe(413);
    expect((await request.get("/login")).status()).toBe(200);
  });

  test("a server action body of no declared length (chunked) is a 411, whatever its size", async ({ baseURL }) => {
    for (const size of [1024, 3 * MB]) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(new URL("/forgot-password", baseURL), { method: "POST", headers: { "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8", "Transfer-Encoding": "chunked" } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on("error", reject);
        req.end(Buffer.alloc(size, 120));
      });
      expect(status, `${size} bytes`).toBe(411);
    }
  });
});
