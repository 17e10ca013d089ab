import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { passwordChange } from "@/app/api/user/_ops/vault";
import { updateEmail } from "@/app/api/v1/_ops/users";
import { callerFromBearer, callerFromSessionId } from "@/lib/auth/resolve";
import type { Caller } from "@/lib/authz/caller";
import { verifyPassword } from "@/lib/security/password";
import { createSession } from "@/lib/sessions/sessions";
import { generatePermanentToken } from "@/lib/tokens/tokens";
import { failWrites } from "./fail-writes";
import { callerOf, makeUser, PASSWORD, uniqueEmail } from "./factories";

// The operations' own run(), as their route handlers call it (handle() only parses and maps errors).
type Ctx<O extends { run: (ctx: never) => unknown }> = Parameters<O["run"]>[0];
const run = <O extends { run: (ctx: never) => unknown }>(op: O, ctx: Partial<Ctx<O>>) =>
  op.run({ query: {}, params: {}, ip: "", userAgent: "", req: new Request("http://localhost/"), ...ctx } as Ctx<O> as never);

const signedIn = async () => {
  const user = await makeUser();
  const { session } = await createSession({ userId: user.id, tenantId: callerOf(user).tenantId, kind: "browser" });
  return { user, caller: callerOf(user, undefined, { sessionId: session.id }) as Caller };
};
const row = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;

let undo: (() => Promise<void>) | undefined;
afterEach(async () => {
  await undo?.();
  undo = undefined;
});

describe("Forgiva password/change", () => {
  const NEW = "a brand new passphrase";
  it("changes the password and ends every session, the caller's too", async () => {
    const { user, caller } = await signedIn();
    expect(await run(passwordChange, { body: { header: {}, oldPassword: PASSWORD, newPassword: NEW }, caller })).toEqual({ info: "Password changed. Sign in again." });
    expect(await verifyPassword((await row(user.id)).passwordHash, NEW)).toBe(true);
    expect(await callerFromSessionId(caller.sessionId!, "")).toBeNull();
  });

  it("is one transaction: when the caller's session cannot be ended, the password stays as it was", async () => {
    const { user, caller } = await signedIn();
    undo = await failWrites("sessions", "UPDATE", `NEW.id = '${caller.sessionId}' AND NEW.revoked_at IS NOT NULL`);
    await expect(run(passwordChange, { body: { header: {}, oldPassword: PASSWORD, newPassword: NEW }, caller })).rejects.toThrow();
    expect(await verifyPassword((await row(user.id)).passwordHash, PASSWORD)).toBe(true);
  });
});

describe("BillForward update_email with revokeOldAccessTokens", () => {
  const body = (next: string) => ({ password: PASSWORD, newEmail: next, confirmNewEmail: next, revokeOldAccessTokens: true });

  it("changes the address and revokes the old tokens, keeping the calling session", async () => {
    const { user, caller } = await signedIn();
    const token = await generatePermanentToken(caller, { password: PASSWORD });
    const next = uniqueEmail("moved");
    await run(updateEmail, { body: body(next), params: { email: user.email }, caller });
    expect((await row(user.id)).email).toBe(next);
    expect(await callerFromBearer(token.accessToken, "")).toBeNull();
    expect(await callerFromSessionId(caller.sessionId!, "")).not.toBeNull();
  });

  it("is one transaction: when the tokens cannot be revoked, the address stays as it was", async () => {
    const { user, caller } = await signedIn();
    const token = await generatePermanentToken(caller, { password: PASSWORD });
    undo = await failWrites("api_tokens", "UPDATE", "NEW.revoked_at IS NOT NULL");
    await expect(run(updateEmail, { body: body(uniqueEmail("moved")), params: { email: user.email }, caller })).rejects.toThrow();
    expect((await row(user.id)).email).toBe(user.email);
    await undo();
    undo = undefined;
    expect(await callerFromBearer(token.accessToken, "")).not.toBeNull();
  });
});
