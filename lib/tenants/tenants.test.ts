import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { tenants, users } from "@/db/schema";
import { enableAuthenticator } from "@/lib/mfa/methods";
import { generateTotpSecret, totpAt } from "@/lib/mfa/totp";
import { ensureMembership } from "@/lib/users/records";
import { callerOf, makeTenant, makeUser } from "@/test/factories";
import { switchableTenants } from "./tenants";

const flags = async (caller: Parameters<typeof switchableTenants>[0], ids: string[]) =>
  Object.fromEntries((await switchableTenants(caller)).filter((t) => ids.includes(t.id)).map((t) => [t.id, t.enrolmentRequired]));

describe("switchable tenants say where MFA set-up would come first", () => {
  it("a tenant forcing 2FA, for someone without a factor, until they enrol", async () => {
    const plain = await makeTenant();
    const forced = await makeTenant();
    await db.update(tenants).set({ forceMfa: true }).where(eq(tenants.id, forced.id));
    const root = await makeUser({ superAdmin: true });
    const caller = callerOf(root);
    expect(await flags(caller, [plain.id, forced.id])).toEqual({ [plain.id]: false, [forced.id]: true });

    const secret = generateTotpSecret();
    await enableAuthenticator(root.id, secret, totpAt(secret, Date.now()), { id: root.id, email: root.email, ip: "" });
    expect(await flags(caller, [plain.id, forced.id])).toEqual({ [plain.id]: false, [forced.id]: false });
  });

  it("every tenant when the account itself requires MFA", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const user = await makeUser({ tenantId: a.id });
    await db.transaction(async (tx) => void (await ensureMembership(tx, user.id, b.id, [])));
    await db.update(users).set({ mfaRequired: true }).where(eq(users.id, user.id));
    expect(await flags(callerOf(user, a.id), [a.id, b.id])).toEqual({ [a.id]: true, [b.id]: true });
  });
});
