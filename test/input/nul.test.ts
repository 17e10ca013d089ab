import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { handle } from "@/app/api/_shared/route";
import { getUserByUsername } from "@/app/api/v1/_ops/users";
import { Login } from "@/app/api/iambackoffice.IamBackoffice/_ops/login";
import { findNul } from "@/lib/input/nul";
import { makeUser, PASSWORD } from "@/test/factories";

// A U+0000 anywhere in the input is a 400 naming the field, on both engines; on PostgreSQL it
// used to reach the first query and fail there (SQLSTATE 22021), answering 500.

const currentCaller = vi.fn();
vi.mock("@/lib/auth/current", async (importOriginal) => ({ ...(await importOriginal<object>()), currentCaller: () => currentCaller() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next-intl/server", () => ({ getTranslations: async () => Object.assign((k: string) => `t:${k}`, { has: () => true }) }));
const { authedAction, publicAction } = await import("@/lib/auth/action");

const ctx = { params: Promise.resolve({}) };
const post = (path: string, body: string) => new Request(`http://localhost${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });

describe("findNul", () => {
  it("names the first string holding U+0000, however deep", () => {
    expect(findNul({ a: "x", b: [{ c: "ok" }, { d: "y\u0000" }] })).toBe("b.1.d");
    expect(findNul("a\u0000")).toBe("");
    expect(findNul({ "k\u0000": 1, n: 2 })).toBe("");
    expect(findNul({ a: "plain", b: 1, c: null, d: [true] })).toBeNull();
  });
});

describe("API: U+0000 in the input", () => {
  it("answers 400 for a NUL in the body, even before sign-in (IamBackoffice Login)", async () => {
    const res = await handle(Login)(post(Login.path, JSON.stringify({ loginId: "a\u0000", password: "x" })), ctx);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("loginId must not contain the NUL character (U+0000)");
  });

  it("answers 400 for a NUL in a path or query value", async () => {
    const u = await makeUser({ roles: ["admin"] });
    const login = await handle(Login)(post(Login.path, JSON.stringify({ loginId: u.email, password: PASSWORD })), ctx);
    const token = ((await login.json()) as { tokens: { token: string } }).tokens.token;
    const get = (url: string) => new Request(`http://localhost${url}`, { headers: { authorization: `Bearer ${token}` } });
    const byPath = await handle(getUserByUsername)(get("/api/v1/users/username/a%00b"), { params: Promise.resolve({ email: "a\u0000b" }) });
    expect(byPath.status).toBe(400);
    expect(JSON.stringify(await byPath.json())).toContain("email must not contain the NUL character");
    const byQuery = await handle(getUserByUsername)(get(`/api/v1/users/username/${encodeURIComponent(u.email)}?scope=a%00`), { params: Promise.resolve({ email: u.email }) });
    expect(byQuery.status).toBe(400);
  });
});

describe("server actions: U+0000 in the input", () => {
  it("publicAction refuses it with the translated message, without running the action", async () => {
    const fn = vi.fn();
    const action = publicAction(z.object({ email: z.string() }), fn);
    expect(await action({ email: "a\u0000@example.test" })).toMatchObject({ ok: false, message: "t:validation.nul", fieldErrors: { email: "t:validation.nul" } });
    expect(fn).not.toHaveBeenCalled();
  });

  it("authedAction refuses it before looking up the session", async () => {
    currentCaller.mockClear();
    const fn = vi.fn();
    const action = authedAction(z.object({ items: z.array(z.string()) }), fn);
    expect(await action({ items: ["ok", "b\u0000"] })).toMatchObject({ ok: false, code: "validation.nul", fieldErrors: { "items.1": "t:validation.nul" } });
    expect(currentCaller).not.toHaveBeenCalled();
    expect(fn).not.toHaveBeenCalled();
  });
});

describe("vault backup: U+0000 inside the encoded file", () => {
  it("is refused as not a backup of this app, naming the field", async () => {
    const { parseBackup } = await import("@/lib/vault/backup");
    const file = { version: 1, groups: [{ ref: "g", parentRef: null, name: "a\u0000" }], metadatas: [] };
    await expect(parseBackup(Buffer.from(JSON.stringify(file)).toString("base64"))).rejects.toThrow("This is not a vault backup of this app: groups.0.name must not contain the NUL character (U+0000)");
  });
});
