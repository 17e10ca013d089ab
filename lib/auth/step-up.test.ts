import { describe, expect, it } from "vitest";
import { addAuthenticator } from "@/lib/mfa/self-service";
import { listMethods } from "@/lib/mfa/methods";
import { resetMfa, setMfa } from "@/lib/mfa/admin";
import { generateTotpSecret, totpAt } from "@/lib/mfa/totp";
import { createSession } from "@/lib/sessions/sessions";
import { generatePermanentToken, generateTemporaryTokens } from "@/lib/tokens/tokens";
import { updateUsers } from "@/lib/users/update";
import { defaultTenant } from "@/lib/bootstrap";
import { callerOf, makeUser, PASSWORD, uniqueEmail } from "@/test/factories";
import { callerFromBearer, callerFromSessionId } from "./resolve";
import { RECENT_SIGN_IN_MS, requireRecentSignIn } from "./step-up";

const tenantId = async () => (await defaultTenant())!.id;

describe("step-up for one's own credentials", () => {
  it("a session carries its sign-in time; API tokens carry none", async () => {
    const user = await makeUser();
    const browser = (await createSession({ userId: user.id, tenantId: await tenantId(), kind: "browser" })).session;
    const session = (await callerFromSessionId(browser.id, ""))!;
    expect(session.authenticatedAt?.getTime()).toBe(browser.createdAt.getTime());
    expect(() => requireRecentSignIn(session)).not.toThrow();
    expect(() => requireRecentSignIn(session, browser.createdAt.getTime() + RECENT_SIGN_IN_MS + 1)).toThrow(/sign in again/);
    const { accessToken } = await generatePermanentToken(session, { password: PASSWORD });
    const { privateToken } = await generateTemporaryTokens(session);
    for (const token of [accessToken, privateToken]) {
      const caller = (await callerFromBearer(token, ""))!;
      expect(caller.authenticatedAt).toBeUndefined();
      expect(() => requireRecentSignIn(caller)).toThrow(/API tokens cannot change your own credentials/);
    }
  });

  it("an API token cannot enrol an authenticator, change its own email or its own MFA; a fresh session can", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const fresh = (await callerFromSessionId((await createSession({ userId: admin.id, tenantId: await tenantId(), kind: "api" })).session.id, ""))!;
    const token = (await callerFromBearer((await generatePermanentToken(fresh, { password: PASSWORD })).accessToken, ""))!;
    const secret = generateTotpSecret();
    const code = totpAt(secret, Date.now());
    await expect(addAuthenticator(token, admin.id, secret, code)).rejects.toThrow(/API tokens cannot/);
    expect(await listMethods(admin.id)).toHaveLength(0);
    await expect(updateUsers(token, [admin.id], { email: uniqueEmail("taken-over") })).rejects.toThrow(/API tokens cannot/);
    await expect(setMfa(token, [admin.id], "PIN", "123456")).rejects.toThrow(/API tokens cannot/);
    await expect(resetMfa(token, [admin.id])).rejects.toThrow(/API tokens cannot/);
    // Names are not credentials; another user's MFA is an admin action, not a change of one's own.
    await expect(updateUsers(token, [admin.id], { firstName: "Still" })).resolves.toHaveLength(1);
    const member = await makeUser();
    await expect(resetMfa(token, [member.id])).resolves.not.toThrow();

    await addAuthenticator(fresh, admin.id, secret, code);
    expect(await listMethods(admin.id)).toHaveLength(1);
    const next = uniqueEmail("renamed");
    expect((await updateUsers(fresh, [admin.id], { email: next }))[0]!.email).toBe(next);
  });

  it("an old session must sign in again", async () => {
    const user = await makeUser();
    const old = callerOf(user, await tenantId(), { sessionId: "s", authenticatedAt: new Date(Date.now() - RECENT_SIGN_IN_MS - 1000) });
    const secret = generateTotpSecret();
    await expect(addAuthenticator(old, user.id, secret, totpAt(secret, Date.now()))).rejects.toThrow(/recent sign-in/);
  });
});
