import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { emails, trustedDevices, users } from "@/db/schema";
import { changePassword } from "@/lib/account/credentials";
import { describeJoinCode, issueJoinCode } from "@/lib/account/join";
import { redeemCode, requestPasswordReset, sendInvitation } from "@/lib/account/one-time-codes";
import { knownDevice, newDeviceCookie } from "@/lib/auth/device-cookie";
import { completeMfa, consumeTicket, issueTicket, passwordLogin, trustDevice } from "@/lib/auth/login";
import { callerFromBearer, callerFromSessionId } from "@/lib/auth/resolve";
import { defaultTenant } from "@/lib/bootstrap";
import { openBody } from "@/lib/email/sealed";
import { resetMfa, setMfa } from "@/lib/mfa/admin";
import { storeChallenge } from "@/lib/passkeys/challenges";
import { choosePasskeyTenant } from "@/lib/passkeys/sign-in";
import { enableAuthenticator } from "@/lib/mfa/methods";
import { generateTotpSecret, totpAt } from "@/lib/mfa/totp";
import { generatePermanentToken, generateTemporaryTokens, refreshPermanentToken } from "@/lib/tokens/tokens";
import { updateUsers } from "@/lib/users/update";
import { ensureMembership } from "@/lib/users/records";
import { callerOf, makeTenant, makeUser, PASSWORD } from "@/test/factories";
import { signOut } from "./admin";
import { revokeAllCredentials } from "./revoke-all";
import { createSession } from "./sessions";

const tenantId = async () => (await defaultTenant())!.id;

/** One of every credential a user can hold, and sign-ins in progress, each shown to be live before the event. */
async function credentialsOf(user: Awaited<ReturnType<typeof makeUser>>) {
  const browser = (await createSession({ userId: user.id, tenantId: await tenantId(), kind: "browser" })).session;
  const api = await createSession({ userId: user.id, tenantId: await tenantId(), kind: "api" });
  const permanent = await generatePermanentToken(callerOf(user, await tenantId(), { sessionId: browser.id }), { password: PASSWORD });
  const temporary = await generateTemporaryTokens(callerOf(user, await tenantId(), { sessionId: browser.id }));
  await trustDevice(user.id, await tenantId(), { ip: "" });
  const bearers = { sessionToken: api.accessToken!, permanent: permanent.accessToken, temporaryPrivate: temporary.privateToken, temporaryPublic: temporary.publicToken };
  expect(await callerFromSessionId(browser.id, "")).not.toBeNull();
  for (const token of Object.values(bearers)) expect(await callerFromBearer(token, "")).not.toBeNull();
  // Last: once the account has a second factor, generating a permanent token would ask for it.
  const totp = generateTotpSecret();
  await enableAuthenticator(user.id, totp, totpAt(totp, Date.now() - 30_000), { id: user.id, email: user.email, ip: "" });
  const pending = await passwordLogin({ loginId: user.email, password: PASSWORD }, { ip: "" });
  if (pending.status !== "mfa") throw new Error("expected a pending second factor");
  const ticket = await issueTicket(user.id, await tenantId());
  const deviceCookie = await newDeviceCookie(user.id);
  expect(await knownDevice(deviceCookie, user.id)).toBeTruthy();
  const signIn = { twoFactorId: pending.twoFactorId, code: () => totpAt(totp, Date.now()), ticket, deviceCookie };
  return { browser, api, permanent, bearers, signIn };
}

type Creds = Awaited<ReturnType<typeof credentialsOf>>;

async function expectAllDead(user: { id: string; email: string; isSuperAdmin: boolean }, c: Creds, password = PASSWORD) {
  expect(await callerFromSessionId(c.browser.id, "")).toBeNull();
  for (const [kind, token] of Object.entries(c.bearers)) expect(await callerFromBearer(token, ""), kind).toBeNull();
  // The permanent token's refresh token is refused even to a fresh, legitimate session.
  const fresh = (await createSession({ userId: user.id, tenantId: await tenantId(), kind: "browser" })).session;
  await expect(refreshPermanentToken(callerOf(user, await tenantId(), { sessionId: fresh.id }), { password, refreshToken: c.permanent.refreshToken })).rejects.toThrow(/Unknown refresh token/);
  expect(await db.select().from(trustedDevices).where(eq(trustedDevices.userId, user.id))).toHaveLength(0);
  // Sign-ins that were in progress cannot be finished, and the browser is no longer a known device.
  await expect(completeMfa({ twoFactorId: c.signIn.twoFactorId, code: c.signIn.code() }, { ip: "" })).rejects.toThrow(/expired/);
  expect(await consumeTicket(c.signIn.ticket)).toBeUndefined();
  expect(await knownDevice(c.signIn.deviceCookie, user.id)).toBeUndefined();
}

describe("every credential ends together", () => {
  it("on a password change (all but the session that made it)", async () => {
    const user = await makeUser();
    const c = await credentialsOf(user);
    const changer = (await createSession({ userId: user.id, tenantId: await tenantId(), kind: "api" })).session;
    await changePassword(callerOf(user, await tenantId(), { sessionId: changer.id }), { currentPassword: PASSWORD, newPassword: "a brand new passphrase" });
    await expectAllDead(user, c, "a brand new passphrase");
    expect(await callerFromSessionId(changer.id, "")).not.toBeNull();
  });

  it("on a password reset", async () => {
    const user = await makeUser();
    const c = await credentialsOf(user);
    await requestPasswordReset(user.email, { ip: "4.4.4.4" });
    const [mail] = await db.select().from(emails).where(and(eq(emails.to, user.email), eq(emails.subject, "Reset your password"))).orderBy(desc(emails.createdAt)).limit(1);
    await redeemCode({ code: openBody(mail!).text.match(/Code: (\S+)/)![1]!, newPassword: "another fine passphrase" }, ["reset"], { ip: "4.4.4.4" });
    await expectAllDead(user, c, "another fine passphrase");
  });

  it("on sign out everywhere (IamBackoffice Logout global)", async () => {
    const user = await makeUser();
    const c = await credentialsOf(user);
    await signOut((await callerFromBearer(c.bearers.sessionToken, ""))!, { global: true });
    await expectAllDead(user, c);
  });

  it("on an admin MFA reset and on forcing MFA", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    for (const event of [(id: string) => resetMfa(callerOf(admin), [id]), (id: string) => setMfa(callerOf(admin), [id], "2FA", "")]) {
      const user = await makeUser();
      const c = await credentialsOf(user);
      await event(user.id);
      await expectAllDead(user, c);
    }
  });

  it("on deactivation, and reactivation brings none back", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const user = await makeUser();
    const c = await credentialsOf(user);
    await updateUsers(callerOf(admin), [user.id], { active: false });
    await updateUsers(callerOf(admin), [user.id], { active: true });
    await expectAllDead(user, c);
  });
});

describe("what was mailed or is mid-ceremony ends too", () => {
  const resetCodeOf = async (email: string) => {
    await requestPasswordReset(email, { ip: "4.4.4.4" });
    const [mail] = await db.select().from(emails).where(and(eq(emails.to, email), eq(emails.subject, "Reset your password"))).orderBy(desc(emails.createdAt)).limit(1);
    return openBody(mail!).text.match(/Code: (\S+)/)![1]!;
  };
  const INVALID = "This link or code is invalid or has expired. Request a new one.";

  it("reset and invitation codes stop setting a password; a join code (a membership to accept) stays", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const events = [
      (id: string) => revokeAllCredentials(id),
      (id: string) => resetMfa(callerOf(admin), [id]),
      (id: string) => updateUsers(callerOf(admin), [id], { active: false }),
    ];
    for (const event of events) {
      const user = await makeUser();
      const other = await makeTenant();
      const reset = await resetCodeOf(user.email);
      const invite = (await sendInvitation(user.id, await tenantId()))!.code;
      const join = await issueJoinCode(db, user.id, other.id);
      await event(user.id);
      await expect(redeemCode({ code: reset, newPassword: "a stolen passphrase" }, ["reset"], { ip: "" })).rejects.toThrow(INVALID);
      await expect(redeemCode({ code: invite, newPassword: "a stolen passphrase" }, ["invite"], { ip: "" })).rejects.toThrow(INVALID);
      expect(await describeJoinCode(join)).toBeDefined();
    }
  });

  it("forcing MFA ends a reset code but not an unaccepted invitation, whose sign-in then enrols", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const user = await makeUser();
    const reset = await resetCodeOf(user.email);
    const invite = (await sendInvitation(user.id, await tenantId()))!.code;
    await setMfa(callerOf(admin), [user.id], "2FA", "");
    await expect(redeemCode({ code: reset, newPassword: "a stolen passphrase" }, ["reset"], { ip: "" })).rejects.toThrow(INVALID);
    await redeemCode({ code: invite, newPassword: "the invitee's own passphrase" }, ["invite"], { ip: "" });
    expect((await db.select({ mfaRequired: users.mfaRequired }).from(users).where(eq(users.id, user.id)))[0]).toEqual({ mfaRequired: true });
  });

  it("a passkey sign-in waiting on its tenant pick cannot be completed", async () => {
    // A member of two tenants: only a super admin may reset that shared account's MFA.
    const admin = await makeUser({ superAdmin: true });
    const events = [(id: string) => revokeAllCredentials(id), (id: string) => resetMfa(callerOf(admin), [id])];
    for (const event of events) {
      const user = await makeUser();
      const other = await makeTenant();
      await db.transaction((tx) => ensureMembership(tx, user.id, other.id, []));
      const token = `tenant-pick-${user.id}`;
      await storeChallenge("tenant", token, { userId: user.id });
      await event(user.id);
      await expect(choosePasskeyTenant({ token, tenantId: other.id })).rejects.toThrow(/expired/);
    }
  });
});
