import { randomBytes } from "node:crypto";
import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { handle } from "@/app/api/_shared/route";
import { Login } from "@/app/api/iambackoffice.IamBackoffice/_ops/login";
import { Register } from "@/app/api/iambackoffice.IamBackoffice/_ops/users";
import { db } from "@/db/client";
import { auditEvents, throttles } from "@/db/schema";
import { requestPasswordReset } from "@/lib/account/one-time-codes";
import { audit } from "@/lib/audit/record";
import { passwordLogin } from "@/lib/auth/login";
import { accountThrottleKey } from "@/lib/security/throttle";
import { createUserSchema } from "@/lib/users/create";

// Identifiers a client types have bounded sizes everywhere they are stored: the schemas cap them,
// and throttle keys and audit labels stay bounded even for input that got past a schema.

const ctx = { params: Promise.resolve({}) };
const post = (path: string, body: unknown) => new Request(`http://localhost${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
/** Incompressible, as PostgreSQL's btree limit applies to the compressed key. */
const noise = (chars: number) => randomBytes(chars).toString("base64url").slice(0, chars).toLowerCase();
const longEmail = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.test`; // 259 characters, valid syntax

describe("schemas", () => {
  it("refuse an email address over 254 characters and a loginId over 320", async () => {
    expect(createUserSchema.safeParse({ email: longEmail }).error?.issues[0]?.message).toBe("An email address has at most 254 characters");
    const reg = await handle(Register)(post(Register.path, { tenantId: "x", user: { email: longEmail } }), ctx);
    expect(reg.status).toBe(400);
    expect(JSON.stringify(await reg.json())).toContain("user.email must be at most 254 characters");
    const login = await handle(Login)(post(Login.path, { loginId: noise(3000), password: "x" }), ctx);
    expect(login.status).toBe(400);
    expect(JSON.stringify(await login.json())).toContain("loginId must be at most 320 characters");
  });
});

describe("throttle keys", () => {
  it("keep a short identifier as it is and hash a long one, the same each time", () => {
    expect(accountThrottleKey("ada@example.test")).toBe("acct:ada@example.test");
    const id = noise(5000);
    expect(accountThrottleKey(id)).toBe(accountThrottleKey(id));
    expect(accountThrottleKey(id)).toMatch(/^acct:sha256:[0-9a-f]{64}$/);
    expect(accountThrottleKey(id)).not.toBe(accountThrottleKey(id + "x"));
  });

  it("a failed sign-in with a huge id (past the schema) is a plain failure, with bounded key and audit row", async () => {
    const id = noise(100_000);
    await expect(passwordLogin({ loginId: id, password: "x" }, { ip: "127.0.0.1" })).rejects.toThrow("Invalid email or password");
    const rows = await db.select({ key: throttles.key }).from(throttles).where(like(throttles.key, "%acct:sha256:%"));
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) expect(key.length).toBeLessThan(100);
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.action, "login.failed"));
    expect(event!.actorEmail).toBe(id.slice(0, 320));
    expect(event!.targetLabel).toBe(id.slice(0, 320));
  });

  it("a reset request for a huge address counts on a bounded key, case-insensitively", async () => {
    const email = `${noise(4000)}@example.test`;
    await requestPasswordReset(email, { ip: "127.0.0.1" });
    await requestPasswordReset(email.toUpperCase(), { ip: "127.0.0.1" });
    const rows = await db.select().from(throttles).where(like(throttles.key, "reset-acct:%"));
    expect(rows.map((r) => r.key)).toEqual([`reset-acct:sha256:${rows[0]!.key.slice(-64)}`]);
  });
});

describe("audit", () => {
  it("caps actor and target labels at 320 characters without splitting a character", async () => {
    await audit({ action: "test.long", actorEmail: "x".repeat(319) + "😀😀", targetLabel: "y".repeat(1000) });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.action, "test.long"));
    expect(event!.actorEmail).toBe("x".repeat(319));
    expect(event!.targetLabel).toBe("y".repeat(320));
  });
});
