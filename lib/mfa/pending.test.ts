import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { userSettings } from "@/db/schema";
import { getAllSettings } from "@/lib/settings/settings";
import { revokeAllCredentials } from "@/lib/sessions/revoke-all";
import { callerOf, makeUser } from "@/test/factories";
import { resetMfa } from "./admin";
import { listMethods, verifySecondFactor } from "./methods";
import { cancelPendingAuthenticator, confirmPendingAuthenticator, pendingAuthenticatorSecret } from "./pending";
import { totpAt } from "./totp";

// A session signed in just now: adding one's own authenticator needs a recent sign-in.
const fresh = (user: { id: string; email: string; isSuperAdmin: boolean }) => callerOf(user, undefined, { sessionId: "s", authenticatedAt: new Date() });

describe("pending authenticator secret", () => {
  it("stays the same across reads (and parallel first reads) until confirmed, and is stored sealed", async () => {
    const user = await makeUser();
    const caller = fresh(user);
    const [a, b] = await Promise.all([pendingAuthenticatorSecret(caller), pendingAuthenticatorSecret(caller)]);
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(b).toBe(a);
    expect(await pendingAuthenticatorSecret(caller)).toBe(a);
    const [row] = await db.select().from(userSettings).where(eq(userSettings.userId, user.id));
    expect(row!.value).not.toContain(a);
    // Not a setting anyone can read through the settings API.
    expect(JSON.stringify(await getAllSettings(user.id))).not.toContain(row!.value);

    // A code from the secret shown first is accepted later (the QR scanned before a reload).
    const code = totpAt(a, Date.now());
    await expect(confirmPendingAuthenticator(caller, "000000")).rejects.toThrow(/does not match/);
    const { recoveryCodes } = await confirmPendingAuthenticator(caller, code);
    expect(recoveryCodes).toHaveLength(10);
    expect(await listMethods(user.id)).toHaveLength(1);
    expect(await verifySecondFactor(user.id, totpAt(a, Date.now() + 30_000))).toBe("authenticator");
    // Confirmed: the pending row is gone, a later enrolment starts with a new secret.
    expect(await db.select().from(userSettings).where(and(eq(userSettings.userId, user.id), eq(userSettings.key, "mfa_pending_totp")))).toHaveLength(0);
    expect(await pendingAuthenticatorSecret(caller)).not.toBe(a);
  });

  it("is replaced after cancel, and a code of the cancelled secret no longer confirms", async () => {
    const user = await makeUser();
    const caller = fresh(user);
    const first = await pendingAuthenticatorSecret(caller);
    await cancelPendingAuthenticator(caller);
    await expect(confirmPendingAuthenticator(caller, totpAt(first, Date.now()))).rejects.toThrow(/expired/);
    const second = await pendingAuthenticatorSecret(caller);
    expect(second).not.toBe(first);
    await expect(confirmPendingAuthenticator(caller, totpAt(first, Date.now()))).rejects.toThrow(/does not match/);
    expect(await listMethods(user.id)).toHaveLength(0);
  });

  it("is replaced when every credential ends, and when an admin resets MFA", async () => {
    const user = await makeUser();
    const caller = fresh(user);
    const first = await pendingAuthenticatorSecret(caller);
    await revokeAllCredentials(user.id);
    const second = await pendingAuthenticatorSecret(caller);
    expect(second).not.toBe(first);

    const admin = await makeUser({ roles: ["admin"] });
    await resetMfa(callerOf(admin), [user.id]);
    expect(await pendingAuthenticatorSecret(caller)).not.toBe(second);
  });

  it("needs a recent sign-in to confirm", async () => {
    const user = await makeUser();
    const old = callerOf(user, undefined, { sessionId: "s", authenticatedAt: new Date(Date.now() - 60 * 60_000) });
    const secret = await pendingAuthenticatorSecret(old);
    await expect(confirmPendingAuthenticator(old, totpAt(secret, Date.now()))).rejects.toThrow(/recent sign-in/);
    expect(await pendingAuthenticatorSecret(old)).toBe(secret);
  });
});
