import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { callerFromBearer } from "@/lib/auth/resolve";
import { requireTenant } from "@/lib/authz/caller";
import { callerOf, makeUser } from "@/test/factories";
import { generateTemporaryTokens } from "./tokens";

const tokenCount = (userId: string) => db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).all().length;

describe("temporary tokens", () => {
  it("are minted from a session, never from another temporary token", async () => {
    const u = await makeUser();
    const { privateToken, publicToken } = generateTemporaryTokens(callerOf(u));
    const before = tokenCount(u.id);
    for (const token of [publicToken, privateToken]) {
      const caller = callerFromBearer(token, "127.0.0.1")!;
      expect(caller.userId).toBe(u.id);
      expect(() => generateTemporaryTokens(caller)).toThrow("cannot create tokens");
    }
    expect(tokenCount(u.id)).toBe(before);
  });
});

describe("requireTenant", () => {
  it("answers 404 Tenant not found to a super admin naming a tenant that does not exist", async () => {
    const sa = await makeUser({ superAdmin: true });
    expect(() => requireTenant(callerOf(sa), randomUUID())).toThrow("Tenant not found");
    expect(() => requireTenant(callerOf(sa), callerOf(sa).tenantId)).not.toThrow();
  });
});
