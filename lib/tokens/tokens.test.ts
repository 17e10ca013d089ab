import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { apiTokens, auditEvents } from "@/db/schema";
import { callerFromBearer } from "@/lib/auth/resolve";
import { AppError } from "@/lib/errors";
import { sha256 } from "@/lib/security/crypto";
import { requireTenant } from "@/lib/authz/caller";
import { FREE_FAILURES } from "@/lib/security/throttle";
import { checkSecondFactor, enableAuthenticator } from "@/lib/mfa/methods";
import { generateTotpSecret, totpAt } from "@/lib/mfa/totp";
import { failWrites } from "@/test/fail-writes";
import { callerOf, makeUser, PASSWORD } from "@/test/factories";
import { generatePermanentToken, generateTemporaryTokens, refreshPermanentToken, revokeToken } from "./tokens";

/** Runs inside the next password check: between a refresh's read of its token and its write. */
let duringPasswordCheck: (() => Promise<unknown>) | undefined;
vi.mock("@/lib/security/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/security/password")>();
  return {
    ...real,
    verifyPassword: async (...args: Parameters<typeof real.verifyPassword>) => {
      const hook = duringPasswordCheck;
      duringPasswordCheck = undefined;
      await hook?.();
      return real.verifyPassword(...args);
    },
  };
});

const tokenCount = async (userId: string) => (await db.select().from(apiTokens).where(eq(apiTokens.userId, userId))).length;

describe("temporary tokens", () => {
  it("are minted from a session, never from another temporary token", async () => {
    const u = await makeUser();
    const { privateToken, publicToken } = await generateTemporaryTokens(callerOf(u));
    const before = await tokenCount(u.id);
    for (const token of [publicToken, privateToken]) {
      const caller = (await callerFromBearer(token, "127.0.0.1"))!;
      expect(caller.userId).toBe(u.id);
      await expect(generateTemporaryTokens(caller)).rejects.toThrow("cannot create tokens");
    }
    expect(await tokenCount(u.id)).toBe(before);
  });
});

describe("requireTenant", () => {
  it("answers 404 Tenant not found to a super admin naming a tenant that does not exist", async () => {
    const sa = await makeUser({ superAdmin: true });
    await expect(requireTenant(callerOf(sa), randomUUID())).rejects.toThrow("Tenant not found");
    await expect(requireTenant(callerOf(sa), callerOf(sa).tenantId)).resolves.toBeUndefined();
  });
});

describe("the two-factor code asked for a permanent token", () => {
  it("is throttled on the user's code counter: guesses end in 'Too many attempts', and sign-in's code check is locked too", async () => {
    const u = await makeUser();
    const secret = generateTotpSecret();
    await enableAuthenticator(u.id, secret, totpAt(secret, Date.now()), { id: u.id, email: u.email, ip: "" });
    const answers: string[] = [];
    for (let i = 0; i < FREE_FAILURES + 1; i++)
      answers.push(await generatePermanentToken(callerOf(u), { password: PASSWORD, code: "00000000" }).then(() => "minted", (e: Error) => e.message));
    expect(answers.slice(0, FREE_FAILURES)).toEqual(Array(FREE_FAILURES).fill("code: the two-factor code is not valid"));
    expect(answers[FREE_FAILURES]).toMatch(/^Too many attempts/);
    await expect(checkSecondFactor(u.id, "00000000")).rejects.toThrow(/^Too many attempts/);
  });
});

describe("token writes are all or nothing", () => {
  let undo: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await undo?.();
    undo = undefined;
  });
  const kinds = async (userId: string) => (await db.select({ kind: apiTokens.kind }).from(apiTokens).where(eq(apiTokens.userId, userId))).map((r) => r.kind);

  it("temporary tokens: when the public token cannot be stored, no private one is left behind", async () => {
    const u = await makeUser();
    undo = await failWrites("api_tokens", "INSERT", "NEW.kind = 'temporary_public'");
    await expect(generateTemporaryTokens(callerOf(u))).rejects.toThrow();
    expect(await kinds(u.id)).toEqual([]);
  });

  it("a permanent token exists only with its token.created event", async () => {
    const u = await makeUser();
    undo = await failWrites("audit_events", "INSERT", "NEW.action = 'token.created'");
    await expect(generatePermanentToken(callerOf(u), { password: PASSWORD })).rejects.toThrow();
    expect(await kinds(u.id)).toEqual([]);
  });

  it("a refresh without its token.refreshed event changes nothing: the old tokens keep working", async () => {
    const u = await makeUser();
    const minted = await generatePermanentToken(callerOf(u), { password: PASSWORD });
    undo = await failWrites("audit_events", "INSERT", "NEW.action = 'token.refreshed'");
    await expect(refreshPermanentToken(callerOf(u), { password: PASSWORD, refreshToken: minted.refreshToken })).rejects.toThrow();
    await undo();
    undo = undefined;
    expect(await callerFromBearer(minted.accessToken, "")).not.toBeNull();
    const rotated = await refreshPermanentToken(callerOf(u), { password: PASSWORD, refreshToken: minted.refreshToken });
    expect(await callerFromBearer(minted.accessToken, "")).toBeNull();
    expect(await callerFromBearer(rotated.accessToken, "")).not.toBeNull();
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.action, "token.refreshed"), eq(auditEvents.targetId, minted.id)))).toHaveLength(1);
  });
});

describe("refreshing a permanent token", () => {
  afterEach(() => {
    duringPasswordCheck = undefined;
  });
  it("with one refresh token in parallel: exactly one refresh wins, the rest answer not found, and the winner's tokens work", async () => {
    const u = await makeUser();
    const minted = await generatePermanentToken(callerOf(u), { password: PASSWORD });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => refreshPermanentToken(callerOf(u), { password: PASSWORD, refreshToken: minted.refreshToken })));
    const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => [e instanceof AppError && e.kind, (e as Error).message])).toEqual(Array(4).fill(["not_found", "Unknown refresh token"]));
    expect((await callerFromBearer(won[0]!.accessToken, ""))?.userId).toBe(u.id);
    expect(await callerFromBearer(minted.accessToken, "")).toBeNull();
    const again = await refreshPermanentToken(callerOf(u), { password: PASSWORD, refreshToken: won[0]!.refreshToken });
    expect((await callerFromBearer(again.accessToken, ""))?.userId).toBe(u.id);
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.action, "token.refreshed"), eq(auditEvents.targetId, minted.id)))).toHaveLength(2);
  });

  it("revoked while its password is being checked: the refresh answers not found and leaves the revoked row as it was", async () => {
    const u = await makeUser();
    const minted = await generatePermanentToken(callerOf(u), { password: PASSWORD });
    duringPasswordCheck = () => revokeToken(callerOf(u), u.id, minted.id);
    await expect(refreshPermanentToken(callerOf(u), { password: PASSWORD, refreshToken: minted.refreshToken })).rejects.toThrow("Unknown refresh token");
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, minted.id));
    expect(row!.revokedAt).not.toBeNull();
    expect(row!.refreshTokenHash).toBe(sha256(minted.refreshToken));
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.action, "token.refreshed"), eq(auditEvents.targetId, minted.id)))).toEqual([]);
  });
});
