import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { callerFromBearer } from "@/lib/auth/resolve";
import { requireTenant } from "@/lib/authz/caller";
import { callerOf, makeUser } from "@/test/factories";
import { generateTemporaryTokens } from "./tokens";

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
