import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { callerOf, makeRoleWith, makeUser } from "@/test/factories";
import { requirePermission } from "./caller";
import type { PermissionPair } from "./catalogue";
import { covers, holdsAll, missingPermissions, requireHoldsAll, requireReaches } from "./escalation";

/** A user of the Default tenant holding one role with exactly these pairs. */
async function holder(pairs: PermissionPair[]) {
  const user = await makeUser({ roles: [(await makeRoleWith(pairs)).name] });
  return { user, caller: callerOf(user) };
}

const denials = (actorId: string) =>
  db.select().from(auditEvents).where(and(eq(auditEvents.action, "authz.denied"), eq(auditEvents.actorId, actorId)));

const refusal = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AppError) return { kind: e.kind, message: e.message };
    throw e;
  }
  throw new Error("expected a refusal");
};

describe("covers: what a held set of permissions covers", () => {
  const ALL = { resource: "All", action: "All" };
  it("All/All covers everything, catalogue or not", () => {
    for (const p of [ALL, { resource: "User", action: "Edit" }, { resource: "All", action: "Read" }, { resource: "Invoice", action: "Void" }]) expect(covers([ALL], p)).toBe(true);
  });

  it("a narrow pair covers only itself, never a wildcard over it", () => {
    const held = [{ resource: "Role", action: "Edit" }];
    expect(covers(held, { resource: "Role", action: "Edit" })).toBe(true);
    expect(covers(held, { resource: "Role", action: "All" })).toBe(false);
    expect(covers(held, { resource: "All", action: "Edit" })).toBe(false);
    expect(covers(held, ALL)).toBe(false);
    expect(covers(held, { resource: "User", action: "Edit" })).toBe(false);
  });

  it("a wildcard is covered by everything it stands for, however it is spelled", () => {
    const userActions = ["Read", "Create", "Edit", "Delete", "Reset", "Import"].map((action) => ({ resource: "User", action }));
    expect(covers(userActions, { resource: "User", action: "All" })).toBe(true);
    expect(covers(userActions.slice(1), { resource: "User", action: "All" })).toBe(false);
    expect(covers([{ resource: "All", action: "Read" }], { resource: "Audit", action: "Read" })).toBe(true);
  });

  it("a pair outside the catalogue is covered only by the same strings or a literal All", () => {
    expect(covers([{ resource: "Invoice", action: "All" }], { resource: "Invoice", action: "Void" })).toBe(true);
    expect(covers([{ resource: "Invoice", action: "Read" }], { resource: "Invoice", action: "Void" })).toBe(false);
    expect(covers([{ resource: "User", action: "All" }], { resource: "Invoice", action: "Void" })).toBe(false);
  });
});

describe("holdsAll / requireHoldsAll", () => {
  it("reads the caller's permissions in their tenant; a super admin holds everything", async () => {
    const { caller } = await holder([{ resource: "Role", action: "Edit" }]);
    expect(await holdsAll(caller, [{ resource: "Role", action: "Edit" }])).toBe(true);
    expect(await missingPermissions(caller, [{ resource: "All", action: "All" }, { resource: "Role", action: "Edit" }, { resource: "All", action: "All" }])).toEqual([{ resource: "All", action: "All" }]);
    const root = callerOf(await makeUser({ superAdmin: true }));
    expect(await holdsAll(root, [{ resource: "All", action: "All" }])).toBe(true);
  });

  it("refuses with a 403 naming what is missing and records the attempt", async () => {
    const { user, caller } = await holder([{ resource: "Role", action: "Edit" }]);
    const r = await refusal(() => requireHoldsAll(caller, [{ resource: "All", action: "All" }], { action: "role.created", targetType: "role", targetLabel: "x" }));
    expect(r).toEqual({ kind: "forbidden", message: "You cannot grant permissions you do not hold yourself: All/All" });
    expect(await denials(user.id)).toMatchObject([{ targetType: "role", targetLabel: "x", data: { attempted: "role.created", missing: ["All/All"] } }]);
  });

  it("a refusal for a missing permission names it and is recorded too", async () => {
    const { user, caller } = await holder([{ resource: "Role", action: "Edit" }]);
    expect(await refusal(() => requirePermission(caller, "User", "Edit"))).toEqual({ kind: "forbidden", message: "You need the User/Edit permission to do this" });
    expect(await refusal(() => requirePermission(caller, "User", "Read"))).toEqual({ kind: "forbidden", message: "You need the User/Read permission to do this" });
    expect(await denials(user.id)).toMatchObject([{ data: { attempted: "User/Edit", missing: ["User/Edit"] } }, { data: { attempted: "User/Read" } }]);
  });
});

describe("requireReaches: changing another account", () => {
  it("needs everything the target holds in the tenant; peers and oneself are fine", async () => {
    const { user, caller } = await holder([{ resource: "User", action: "Edit" }]);
    const peer = (await holder([{ resource: "User", action: "Edit" }])).user;
    const member = await makeUser();
    const admin = await makeUser({ roles: ["admin"] });
    await expect(requireReaches(caller, peer, "user.updated")).resolves.toBeUndefined();
    await expect(requireReaches(caller, member, "user.updated")).resolves.toBeUndefined();
    await expect(requireReaches(caller, user, "user.updated")).resolves.toBeUndefined();
    expect(await refusal(() => requireReaches(caller, admin, "user.updated"))).toEqual({
      kind: "forbidden",
      message: `${admin.email} holds permissions you do not (All/All): only someone who holds them can change this account`,
    });
    expect(await denials(user.id)).toMatchObject([{ targetId: admin.id, data: { attempted: "user.updated", missing: ["All/All"] } }]);
    const auditor = (await holder([{ resource: "Audit", action: "Read" }])).user;
    await expect(requireReaches(callerOf(admin), auditor, "user.updated")).resolves.toBeUndefined();
  });
});
