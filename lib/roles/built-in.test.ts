import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { roles } from "@/db/schema";
import { makeTenant } from "@/test/factories";
import { BUILT_IN_ROLE_DESCRIPTIONS, stockDescriptionOf } from "./built-in";

describe("built-in role descriptions", () => {
  it("names the built-in role while its description is the stock text, and nothing once edited or for other roles", () => {
    expect(stockDescriptionOf({ name: "admin", description: BUILT_IN_ROLE_DESCRIPTIONS.admin, isSystem: true })).toBe("admin");
    expect(stockDescriptionOf({ name: "member", description: BUILT_IN_ROLE_DESCRIPTIONS.member, isSystem: true })).toBe("member");
    expect(stockDescriptionOf({ name: "admin", description: "Our own words", isSystem: true })).toBeUndefined();
    // A custom role that happens to reuse the words is not built in.
    expect(stockDescriptionOf({ name: "admin", description: BUILT_IN_ROLE_DESCRIPTIONS.admin, isSystem: false })).toBeUndefined();
    expect(stockDescriptionOf({ name: "toString", description: "", isSystem: true })).toBeUndefined();
  });

  it("a new tenant's built-in roles are created with the stock descriptions", async () => {
    const t = await makeTenant();
    const rows = await db.select().from(roles).where(eq(roles.tenantId, t.id));
    expect(rows.map((r) => [r.name, stockDescriptionOf(r)]).sort()).toEqual([
      ["admin", "admin"],
      ["member", "member"],
    ]);
  });
});
