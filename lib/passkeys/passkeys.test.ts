import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, passkeys, tenants, users, webauthnChallenges } from "@/db/schema";
import { passwordLogin } from "@/lib/auth/login";
import { callerFromBearer } from "@/lib/auth/resolve";
import { resetMfa } from "@/lib/mfa/admin";
import { sha256 } from "@/lib/security/crypto";
import { createSession } from "@/lib/sessions/sessions";
import { ensureMembership } from "@/lib/users/records";
import { callerOf, makeRoleWith, makeTenant, makeUser, PASSWORD } from "@/test/factories";
import { SoftAuthenticator, type Flags } from "@/test/webauthn";
import { consumeChallenge, storeChallenge } from "./challenges";
import { adminRemovePasskey, registerPasskey, registrationOptions, removeOwnPasskey, renamePasskey } from "./passkeys";
import { challengeOf, counterAccepted, relyingParty } from "./rules";
import { choosePasskeyTenant, completeMfaWithPasskey, passkeyLogin, passwordlessOptions, secondFactorOptions } from "./sign-in";
import { passkeysOf, passkeyView } from "./store";

const { origin, rpID } = relyingParty();
const ctx = { ip: "127.0.0.1" };
const recent = (u: Awaited<ReturnType<typeof makeUser>>, extra = {}) => callerOf(u, undefined, { authenticatedAt: new Date(), sessionId: "s", ...extra });

async function enrolled(flags: Flags = {}, counter = 0) {
  const user = await makeUser();
  const auth = new SoftAuthenticator();
  const caller = recent(user);
  const options = await registrationOptions(caller);
  const { passkey, recoveryCodes } = await registerPasskey(caller, { name: "Laptop", response: auth.register(options, origin, flags, counter) });
  return { user, auth, caller, passkey, recoveryCodes };
}

async function login(auth: SoftAuthenticator, counter: number, flags: Flags = {}) {
  const options = await passwordlessOptions();
  return passkeyLogin({ response: auth.assert(options, origin, counter, flags) }, ctx);
}

const actions = async (userId: string) => (await db.select().from(auditEvents).where(eq(auditEvents.targetId, userId))).map((e) => e.action);

describe("rules", () => {
  it("counter: must rise, except for authenticators that always send 0", () => {
    expect(counterAccepted(0, 0)).toBe(true);
    expect(counterAccepted(0, 1)).toBe(true);
    expect(counterAccepted(5, 6)).toBe(true);
    expect(counterAccepted(5, 5)).toBe(false);
    expect(counterAccepted(5, 4)).toBe(false);
    expect(counterAccepted(5, 0)).toBe(false);
  });

  it("relying party comes from APP_URL", () => {
    expect(relyingParty("https://iam.example.com:8443/x")).toMatchObject({ rpID: "iam.example.com", origin: "https://iam.example.com:8443" });
  });

  it("reads the challenge from clientDataJSON, refuses junk", () => {
    const c = "abcdefghijklmnopqrstuvwxyz";
    expect(challengeOf(Buffer.from(JSON.stringify({ challenge: c })).toString("base64url"))).toBe(c);
    expect(challengeOf("not json")).toBeUndefined();
    expect(challengeOf(Buffer.from(JSON.stringify({ challenge: 1 })).toString("base64url"))).toBeUndefined();
  });

  it("challenges are stored hashed, used once, and expire after 5 minutes", async () => {
    await storeChallenge("login", "challenge-value-0123456789");
    const [row] = await db.select().from(webauthnChallenges).where(eq(webauthnChallenges.challengeHash, sha256("challenge-value-0123456789")));
    expect(row).toBeDefined();
    expect(JSON.stringify(row)).not.toContain("challenge-value-0123456789");
    expect(await consumeChallenge("register", "challenge-value-0123456789")).toBeUndefined();
    expect(await consumeChallenge("login", "challenge-value-0123456789")).toBeDefined();
    expect(await consumeChallenge("login", "challenge-value-0123456789")).toBeUndefined();
    await storeChallenge("login", "old-challenge-0123456789", {}, Date.now() - 5 * 60_000 - 1);
    expect(await consumeChallenge("login", "old-challenge-0123456789")).toBeUndefined();
  });
});

describe("registration", () => {
  it("asks for a discoverable credential with user verification and no attestation; records device-bound vs synced", async () => {
    const user = await makeUser();
    const options = await registrationOptions(recent(user));
    expect(options.attestation).toBe("none");
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    expect(options.rp.id).toBe(rpID);

    const bound = await enrolled();
    expect(passkeyView(bound.passkey).storage).toBe("device-bound");
    expect(bound.recoveryCodes).toHaveLength(10);
    const synced = await enrolled({ be: true, bs: true });
    expect(passkeyView(synced.passkey)).toMatchObject({ storage: "synced", backedUp: true });
    const [u] = await db.select().from(users).where(eq(users.id, bound.user.id));
    expect(u!.mfaEnrolled).toBe(true);
    expect(await actions(bound.user.id)).toContain("passkey.added");
  });

  it("refuses a replayed challenge, a foreign origin, a missing user verification, an old sign-in, another user's challenge", async () => {
    const user = await makeUser();
    const caller = recent(user);
    const auth = new SoftAuthenticator();
    const options = await registrationOptions(caller);
    const response = auth.register(options, origin);
    await registerPasskey(caller, { name: "A", response });
    await expect(registerPasskey(caller, { name: "A", response })).rejects.toThrow(/expired/);

    const other = new SoftAuthenticator();
    await expect(registerPasskey(caller, { name: "B", response: other.register(await registrationOptions(caller), "https://evil.example") })).rejects.toThrow(/could not be verified/);
    await expect(registerPasskey(caller, { name: "B", response: other.register(await registrationOptions(caller), origin, { uv: false }) })).rejects.toThrow(/could not be verified/);
    await expect(registrationOptions(callerOf(user, undefined, { authenticatedAt: new Date(Date.now() - 11 * 60_000) }))).rejects.toThrow(/recent sign-in/);
    await expect(registrationOptions(callerOf(user, undefined, { tokenId: "t", authenticatedAt: new Date() }))).rejects.toThrow(/API tokens/);

    const mallory = recent(await makeUser());
    const stolen = other.register(await registrationOptions(caller), origin);
    await expect(registerPasskey(mallory, { name: "C", response: stolen })).rejects.toThrow(/expired/);
    expect(await passkeysOf(user.id)).toHaveLength(1);
  });
});

describe("passwordless sign-in", () => {
  it("signs in with user verification; a stale counter is a clone: refused and audited", async () => {
    const { user, auth } = await enrolled({}, 1);
    expect(await login(auth, 2)).toEqual({ status: "ok", userId: user.id, tenantId: expect.any(String) });
    const [row] = await passkeysOf(user.id);
    expect(row!.counter).toBe(2);
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
    await expect(login(auth, 2)).rejects.toThrow(/signature counter did not increase/);
    await expect(login(auth, 1)).rejects.toThrow(/signature counter/);
    expect(await actions(user.id)).toEqual(expect.arrayContaining(["login.failed", "passkey.cloned"]));
    expect(await login(auth, 3)).toMatchObject({ status: "ok" });
  });

  it("accepts an authenticator that never counts (0 and 0)", async () => {
    const { auth } = await enrolled();
    expect(await login(auth, 0)).toMatchObject({ status: "ok" });
    expect(await login(auth, 0)).toMatchObject({ status: "ok" });
  });

  it("requires user verification, a fresh challenge, and a known credential", async () => {
    const { auth } = await enrolled();
    await expect(login(auth, 1, { uv: false })).rejects.toThrow(/not valid/);
    const options = await passwordlessOptions();
    const response = auth.assert(options, origin, 2);
    await passkeyLogin({ response }, ctx);
    await expect(passkeyLogin({ response }, ctx)).rejects.toThrow(/expired/);
    await expect(login(new SoftAuthenticator(), 1)).rejects.toThrow(/not valid/);
  });

  it("refuses a disabled account; a user of several tenants picks one with a single-use token", async () => {
    const { user, auth } = await enrolled();
    const t2 = await makeTenant();
    await db.transaction(async (tx) => await ensureMembership(tx, user.id, t2.id, []));
    const out = await login(auth, 1);
    expect(out.status).toBe("choose_tenant");
    if (out.status !== "choose_tenant") return;
    expect(out.tenants.map((t) => t.id)).toContain(t2!.id);
    expect(await choosePasskeyTenant({ token: out.token, tenantId: t2!.id })).toEqual({ userId: user.id, tenantId: t2!.id });
    await expect(choosePasskeyTenant({ token: out.token, tenantId: t2!.id })).rejects.toThrow(/expired/);
    await db.update(users).set({ active: false }).where(eq(users.id, user.id));
    await expect(login(auth, 2)).rejects.toThrow(/disabled/);
  });
});

describe("second factor", () => {
  it("a passkey completes a password sign-in instead of a code; the challenge belongs to that sign-in", async () => {
    const { user, auth } = await enrolled();
    const first = await passwordLogin({ loginId: user.email, password: PASSWORD }, ctx);
    expect(first.status).toBe("mfa");
    if (first.status !== "mfa") return;
    expect(first.methods.map((m) => m.kind)).toContain("passkey");
    const options = await secondFactorOptions(first.twoFactorId);
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([auth.id]);
    const done = await completeMfaWithPasskey({ twoFactorId: first.twoFactorId, response: auth.assert(options, origin, 1, { uv: false }) }, ctx);
    expect(done).toMatchObject({ userId: user.id, factor: "passkey" });
    await expect(completeMfaWithPasskey({ twoFactorId: first.twoFactorId, response: auth.assert(options, origin, 2) }, ctx)).rejects.toThrow(/expired/);

    // Another user's passkey cannot answer this user's sign-in.
    const other = await enrolled();
    const again = await passwordLogin({ loginId: user.email, password: PASSWORD }, ctx);
    if (again.status !== "mfa") throw new Error("expected mfa");
    const opts = await secondFactorOptions(again.twoFactorId);
    await expect(completeMfaWithPasskey({ twoFactorId: again.twoFactorId, response: other.auth.assert(opts, origin, 1) }, ctx)).rejects.toThrow(/could not be verified/);
    expect(await actions(user.id)).toContain("login.mfa_failed");
  });
});

describe("managing passkeys", () => {
  it("rename; removing needs the password; never the last way to sign in; never the last factor when forced", async () => {
    const { user, caller, passkey } = await enrolled();
    await renamePasskey(caller, passkey.id, "  Work   laptop ");
    expect((await passkeysOf(user.id))[0]!.name).toBe("Work laptop");
    await expect(removeOwnPasskey(caller, passkey.id, {})).rejects.toThrow(/password/);
    await expect(removeOwnPasskey(caller, passkey.id, { password: "wrong" })).rejects.toThrow(/incorrect/);

    await db.update(tenants).set({ forceMfa: true }).where(eq(tenants.id, caller.tenantId));
    try {
      await expect(removeOwnPasskey(caller, passkey.id, { password: PASSWORD })).rejects.toThrow(/required/);
    } finally {
      await db.update(tenants).set({ forceMfa: false }).where(eq(tenants.id, caller.tenantId));
    }
    await db.update(users).set({ passwordHash: null }).where(eq(users.id, user.id));
    await expect(removeOwnPasskey(caller, passkey.id, { password: PASSWORD })).rejects.toThrow(/only way to sign in/);
  });

  it("removal with the password drops the recovery codes with the last factor; another user's passkey is not found", async () => {
    const { user, caller, passkey, recoveryCodes } = await enrolled();
    const mallory = recent(await makeUser());
    await expect(removeOwnPasskey(mallory, passkey.id, { password: PASSWORD })).rejects.toThrow(/not found/);
    await expect(renamePasskey(mallory, passkey.id, "x")).rejects.toThrow(/not found/);
    await removeOwnPasskey(caller, passkey.id, { code: recoveryCodes[0]! });
    expect(await passkeysOf(user.id)).toHaveLength(0);
    const [u] = await db.select().from(users).where(eq(users.id, user.id));
    expect(u!.mfaEnrolled).toBe(false);
  });

  it("admins remove one with User/Reset and the escalation rule; MFA reset removes them all", async () => {
    const { user, passkey } = await enrolled();
    const plain = callerOf(await makeUser());
    await expect(adminRemovePasskey(plain, user.id, passkey.id)).rejects.toThrow();
    const admin = callerOf(await makeUser({ roles: ["admin"] }));
    const session = await createSession({ userId: user.id, tenantId: admin.tenantId, kind: "api" });
    expect(await callerFromBearer(session.accessToken!, "")).not.toBeNull();
    await adminRemovePasskey(admin, user.id, passkey.id);
    expect(await passkeysOf(user.id)).toHaveLength(0);
    // A lost or stolen device: what it signed in ends with it.
    expect(await callerFromBearer(session.accessToken!, "")).toBeNull();

    const second = await enrolled();
    await resetMfa(recent(await makeUser({ roles: ["admin"] })), [second.user.id]);
    expect(await db.select().from(passkeys).where(eq(passkeys.userId, second.user.id))).toHaveLength(0);
  });
});

describe("admin removal on oneself", () => {
  it("keeps the session doing it and ends the others", async () => {
    const { user, passkey } = await enrolled();
    await ensureMembership(db, user.id, callerOf(user).tenantId, ["admin"]);
    const here = await createSession({ userId: user.id, tenantId: callerOf(user).tenantId, kind: "api" });
    const elsewhere = await createSession({ userId: user.id, tenantId: callerOf(user).tenantId, kind: "api" });
    const me = (await callerFromBearer(here.accessToken!, ""))!;
    await adminRemovePasskey({ ...me, authenticatedAt: new Date() }, user.id, passkey.id);
    expect(await callerFromBearer(here.accessToken!, "")).not.toBeNull();
    expect(await callerFromBearer(elsewhere.accessToken!, "")).toBeNull();
  });
});

describe("admin removal with one narrow permission", () => {
  it("refuses a member, a caller weaker than the target and another tenant's admin; the passkey stays", async () => {
    const { user: admin, passkey } = await enrolled();
    // The target holds the admin role: only someone holding everything it holds may touch it.
    await ensureMembership(db, admin.id, callerOf(admin).tenantId, ["admin"]);
    const resetOnly = await makeRoleWith([{ resource: "User", action: "Reset" }]);
    const narrow = await makeUser({ roles: [resetOnly.name] });
    const member = await makeUser();
    const other = await makeTenant();
    const foreign = await makeUser({ roles: ["admin"], tenantId: other.id });
    await expect(adminRemovePasskey(callerOf(member), admin.id, passkey.id)).rejects.toThrow(/permission/);
    await expect(adminRemovePasskey(callerOf(narrow), admin.id, passkey.id)).rejects.toThrow(/You need|holds|permission/);
    await expect(adminRemovePasskey(callerOf(foreign, other.id), admin.id, passkey.id)).rejects.toThrow(/not found/i);
    expect(await db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.id, passkey.id))).toHaveLength(1);
  });
});
