import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { emails, users } from "@/db/schema";
import { openBody } from "@/lib/email/sealed";
import { verifyPassword } from "@/lib/security/password";
import { createUser } from "@/lib/users/create";
import { updateUsers } from "@/lib/users/update";
import { callerOf, makeUser, PASSWORD, uniqueEmail } from "@/test/factories";
import { changeEmail } from "./credentials";
import { codeAccount, redeemCode, requestPasswordReset, sendInvitation } from "./one-time-codes";

const INVALID = "This link or code is invalid or has expired. Request a new one.";
const NEW = "a fine new passphrase";
const ctx = { ip: "5.5.5.5" };

/** The code of the last mail sent to the address (reset and invitation mails link to ?code=). */
const mailedCode = async (to: string) => {
  const [row] = await db.select().from(emails).where(eq(emails.to, to)).orderBy(desc(emails.createdAt)).limit(1);
  return new URL(openBody(row!).links[0]!.url).searchParams.get("code")!;
};
const passwordIs = async (id: string, password: string) => verifyPassword((await db.select().from(users).where(eq(users.id, id)))[0]!.passwordHash, password);

describe("the invitation flow", () => {
  it("an invited user sets a password with the mailed code, once", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const invited = await createUser(callerOf(admin), { email: uniqueEmail("invited"), firstName: "New" });
    const code = await mailedCode(invited.email);
    expect(await codeAccount(code, "invite")).toMatchObject({ email: invited.email });
    expect(await redeemCode({ code, newPassword: NEW }, ["invite"], ctx)).toMatchObject({ userId: invited.id });
    expect(await passwordIs(invited.id, NEW)).toBe(true);
    await expect(redeemCode({ code, newPassword: "yet another passphrase" }, ["invite"], ctx)).rejects.toThrow(INVALID);
  });

  it("survives an edit that leaves the address alone", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const invited = await createUser(callerOf(admin), { email: uniqueEmail("invited"), firstName: "New" });
    const code = await mailedCode(invited.email);
    await updateUsers(callerOf(admin), [invited.id], { firstName: "Renamed" });
    await expect(redeemCode({ code, newPassword: NEW }, ["invite"], ctx)).resolves.toMatchObject({ userId: invited.id });
  });
});

describe("codes die with the account's address and state", () => {
  it("a disabled account answers exactly like a dead code, and its password stays", async () => {
    const user = await makeUser();
    const { code } = (await sendInvitation(user.id, callerOf(user).tenantId))!;
    // Disabled behind lib's back, so the code itself is still live: redeemCode must check the account.
    await db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await codeAccount(code, "invite")).toBeUndefined();
    await expect(redeemCode({ code, newPassword: NEW }, ["invite"], ctx)).rejects.toThrow(INVALID);
    expect(await passwordIs(user.id, PASSWORD)).toBe(true);
  });

  it("redeeming a reset code voids an outstanding invitation, and the reverse", async () => {
    for (const first of ["reset", "invite"] as const) {
      const user = await makeUser();
      await requestPasswordReset(user.email, ctx);
      const reset = await mailedCode(user.email);
      const { code: invite } = (await sendInvitation(user.id, callerOf(user).tenantId))!;
      const [used, left] = first === "reset" ? [reset, invite] : [invite, reset];
      await redeemCode({ code: used, newPassword: NEW }, [first], ctx);
      await expect(redeemCode({ code: left, newPassword: "a second passphrase" }, ["reset", "invite"], ctx)).rejects.toThrow(INVALID);
      expect(await passwordIs(user.id, NEW)).toBe(true);
    }
  });

  it("an admin correcting a mistyped address voids the invitation mailed to it", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const typo = await createUser(callerOf(admin), { email: uniqueEmail("jon"), firstName: "John" });
    const code = await mailedCode(typo.email);
    await updateUsers(callerOf(admin), [typo.id], { email: uniqueEmail("john") });
    await expect(redeemCode({ code, newPassword: NEW }, ["invite"], ctx)).rejects.toThrow(INVALID);
  });

  it("a user changing their own address voids the reset link mailed to the old one", async () => {
    const user = await makeUser();
    await requestPasswordReset(user.email, ctx);
    const code = await mailedCode(user.email);
    const next = uniqueEmail("moved");
    await changeEmail(callerOf(user), { password: PASSWORD, newEmail: next, confirmNewEmail: next });
    await expect(redeemCode({ code, newPassword: NEW }, ["reset"], ctx)).rejects.toThrow(INVALID);
    expect(await passwordIs(user.id, PASSWORD)).toBe(true);
  });
});
