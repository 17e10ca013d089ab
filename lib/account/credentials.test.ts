import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { RECENT_SIGN_IN_MS } from "@/lib/auth/step-up";
import { verifyPassword } from "@/lib/security/password";
import { createSession } from "@/lib/sessions/sessions";
import { callerOf, makeUser, PASSWORD } from "@/test/factories";
import { changePassword, mayChangeRequiredPasswordWithoutCurrent } from "./credentials";

const NEW = "a brand new passphrase";

async function forcedUser() {
  const user = await makeUser();
  await db.update(users).set({ passwordChangeRequired: true }).where(eq(users.id, user.id));
  const { session } = await createSession({ userId: user.id, tenantId: callerOf(user).tenantId, kind: "browser" });
  return { user, caller: callerOf(user, undefined, { sessionId: session.id, authenticatedAt: new Date(), pending: "password" }) };
}
const hashOf = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;

describe("forced first password change", () => {
  it("right after signing in with the initial password, the new one is set without typing the old one again", async () => {
    const { user, caller } = await forcedUser();
    await changePassword(caller, { newPassword: NEW });
    const row = await hashOf(user.id);
    expect(row.passwordChangeRequired).toBe(false);
    expect(await verifyPassword(row.passwordHash, NEW)).toBe(true);
  });

  it("still refuses the same password, and asks for the current one when nothing is forced, the sign-in is old or the caller is an API token", async () => {
    const { user, caller } = await forcedUser();
    await expect(changePassword(caller, { newPassword: PASSWORD })).rejects.toThrow("The new password must differ from the current one");
    const old = new Date(Date.now() - RECENT_SIGN_IN_MS - 1000);
    for (const c of [{ ...caller, pending: null }, { ...caller, authenticatedAt: old }, { ...caller, sessionId: undefined, tokenId: "t" }]) {
      expect(mayChangeRequiredPasswordWithoutCurrent(c)).toBe(false);
      await expect(changePassword(c, { newPassword: NEW })).rejects.toThrow("Enter your current password");
    }
    expect(await verifyPassword((await hashOf(user.id)).passwordHash, PASSWORD)).toBe(true);
  });
});
