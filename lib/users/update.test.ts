import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { libErrorKey } from "@/i18n/lib-errors";
import { callerOf, makeUser } from "@/test/factories";
import { updateUsers } from "./update";

const active = async (id: string) => (await db.select({ active: users.active }).from(users).where(eq(users.id, id)))[0]!.active;

describe("deactivating through an edit", () => {
  it("refuses the caller's own account, alone or among others, and changes nothing", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const other = await makeUser();
    for (const ids of [[admin.id], [other.id, admin.id]]) {
      const refused = await updateUsers(callerOf(admin), ids, { active: false }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ name: "AppError", kind: "precondition", message: "You cannot deactivate yourself" });
    }
    expect(await active(admin.id)).toBe(true);
    expect(await active(other.id)).toBe(true);
  });

  it("still deactivates someone else, and lets the caller edit their own names", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const other = await makeUser();
    await updateUsers(callerOf(admin), [other.id], { active: false });
    expect(await active(other.id)).toBe(false);
    await expect(updateUsers(callerOf(admin), [admin.id], { firstName: "Still" })).resolves.toHaveLength(1);
  });

  it("the refusal is shown under bulk's translated reason", () => {
    expect(libErrorKey("You cannot deactivate yourself")).toEqual({ key: "admin.users.bulk.skipReasons.deactivateSelf" });
  });
});
