import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { handle } from "@/app/api/_shared/route";
import { listUsers } from "@/app/api/1.0/_ops/users";
import { Login } from "@/app/api/iambackoffice.IamBackoffice/_ops/login";
import { getCurrentUser } from "@/app/api/v1/_ops/users";
import { db } from "@/db/client";
import { engine } from "@/db/engine";
import { countQueries } from "@/db/query-count";
import { membershipRoles, memberships, mfaMethods, rolePermissions, roles, users } from "@/db/schema";
import { callerFromBearer } from "@/lib/auth/resolve";
import { can, permissionsOf, requirePermission } from "@/lib/authz/caller";
import { revokeAllSessions } from "@/lib/sessions/sessions";
import { generatePermanentToken, revokeToken } from "@/lib/tokens/tokens";
import { findUserWithAuthenticator } from "@/lib/users/records";
import { callerOf, makeRoleWith, makeUser, PASSWORD } from "@/test/factories";

/**
 * Round trips per request: on PostgreSQL every statement (BEGIN and COMMIT included) is one. These
 * pin what the hot paths cost today; a change that adds a statement to them fails here.
 */
const ctx = { params: Promise.resolve({}) };
const post = (path: string, body: unknown) =>
  new Request(`http://localhost${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const get = (path: string, token: string) => new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}` } });
const IP = "127.0.0.1";

async function signIn(email: string) {
  const res = await handle(Login)(post(Login.path, { loginId: email, password: PASSWORD }), ctx);
  expect(res.status).toBe(200);
  return ((await res.json()) as { tokens: { token: string } }).tokens.token;
}
const sorted = (ps: { resource: string; action: string }[]) => ps.map((p) => `${p.resource}/${p.action}`).sort();

describe("round trips", () => {
  it("a password sign-in over the API: 10 statements (user, claim 2, release, registrations, session transaction 5)", async () => {
    const user = await makeUser();
    const { queries } = await countQueries(() => signIn(user.email));
    expect(queries.length).toBeLessThanOrEqual(10);
  });

  it("a session token's caller and its permission checks: one query", async () => {
    const user = await makeUser({ roles: ["admin"] });
    const token = await signIn(user.email);
    const { result, queries } = await countQueries(async () => {
      const caller = (await callerFromBearer(token, IP))!;
      await requirePermission(caller, "User", "Read");
      return can(caller, "Role", "Edit");
    });
    expect(result).toBe(true);
    expect(queries).toHaveLength(1);
  });

  it("a permanent API token's caller and its permission check: one query", async () => {
    const user = await makeUser({ roles: ["admin"] });
    const { accessToken } = await generatePermanentToken(callerOf(user), { password: PASSWORD });
    await callerFromBearer(accessToken, IP); // its first use records lastUsedAt
    const { result, queries } = await countQueries(async () => can((await callerFromBearer(accessToken, IP))!, "User", "Read"));
    expect(result).toBe(true);
    expect(queries).toHaveLength(1);
  });

  it("whole token requests: BillForward users/mine in 1 (the caller with its own record), the Quatrix user list in 2 (caller, users with their details)", async () => {
    const user = await makeUser({ roles: ["admin"] });
    const token = await signIn(user.email);
    const mine = await countQueries(() => handle(getCurrentUser)(get(getCurrentUser.path, token), ctx));
    expect(mine.result.status).toBe(200);
    expect(mine.queries.length).toBeLessThanOrEqual(1);
    const list = await countQueries(() => handle(listUsers)(get(listUsers.path, token), ctx));
    expect(list.result.status).toBe(200);
    expect(list.queries.length).toBeLessThanOrEqual(2);
  });
});

describe("statements SQLite plans once", () => {
  // better-sqlite3 is built with STAT4: a bare parameter the planner compared with an index's
  // samples makes SQLite parse and plan the statement again every time it is bound (db/dialect.ts
  // keyPlaceholder, selectiveEq). The hot lookups by key bind theirs as `+?`, a tenant filter
  // wraps its term in unlikely(); PostgreSQL keeps `$n`.
  const bareKey = /"(id|access_token_hash|token_hash|email|username|user_id)" = (\?|\$\d+)/;
  it("a token request's caller and a sign-in's account read compare no key with a bare parameter", async () => {
    const user = await makeUser({ roles: ["admin"] });
    const signing = await countQueries(() => signIn(user.email));
    const token = signing.result;
    const mine = await countQueries(() => handle(getCurrentUser)(get(getCurrentUser.path, token), ctx));
    const caller = await countQueries(() => callerFromBearer(token, IP));
    const account = signing.queries.find((q) => q.includes('"users"."email" = '))!;
    expect(account).toBeDefined();
    for (const q of [account, mine.queries[0]!, caller.queries[0]!]) {
      if (engine === "sqlite") {
        expect(q).not.toMatch(bareKey);
        expect(q).toMatch(/= \+\?/);
      } else expect(q).toMatch(bareKey);
    }
  });

  it("the Quatrix list filters its tenant with a fixed estimate (unlikely), not a bare parameter", async () => {
    const user = await makeUser({ roles: ["admin"] });
    const token = await signIn(user.email);
    const list = await countQueries(() => handle(listUsers)(get(listUsers.path, token), ctx));
    expect(list.result.status).toBe(200);
    const users = list.queries.find((q) => q.includes('from "memberships"'))!;
    if (engine === "sqlite") {
      expect(users).toContain('where unlikely("memberships"."tenant_id" = ?)');
      expect(users).not.toMatch(/"tenant_id" = \?(?!\))/);
    } else expect(users).toContain('where "memberships"."tenant_id" = $1');
  });
});

describe("what the one-query caller reads", () => {
  it("the same permissions as permissionsOf: held roles, the default role when none is held or all are retired", async () => {
    const narrow = await makeRoleWith([{ resource: "Group", action: "Read" }]);
    const user = await makeUser({ roles: [narrow.id] });
    const token = await signIn(user.email);
    const tenantId = (await callerFromBearer(token, IP))!.tenantId;
    const check = async (expected: string[]) => {
      const caller = (await callerFromBearer(token, IP))!;
      expect(sorted(caller.permissions!)).toEqual(expected);
      expect(sorted(await permissionsOf(user.id, tenantId))).toEqual(expected);
    };
    await check(["Group/Read"]);
    // The default role grants nothing out of the box: give it something to see.
    const [fallback] = await db.select().from(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.isDefault, true)));
    await db.insert(rolePermissions).values({ roleId: fallback!.id, resource: "Audit", action: "Read" });
    const member = sorted(await permissionsOf((await makeUser()).id, tenantId));
    expect(member).toContain("Audit/Read");
    await db.update(roles).set({ revokedAt: new Date() }).where(eq(roles.id, narrow.id));
    await check(member);
    const [m] = await db.select().from(memberships).where(and(eq(memberships.userId, user.id), eq(memberships.tenantId, tenantId)));
    await db.delete(membershipRoles).where(eq(membershipRoles.membershipId, m!.id));
    await check(member);
  });

  it("the caller's own record, when asked for: the same row and authenticator as findUserWithAuthenticator, one row per permission", async () => {
    const wide = await makeRoleWith([{ resource: "Group", action: "Read" }, { resource: "User", action: "Read" }, { resource: "Audit", action: "Read" }]);
    const user = await makeUser({ roles: [wide.id] });
    const session = await signIn(user.email);
    const { accessToken } = await generatePermanentToken(callerOf(user), { password: PASSWORD });
    const expectOwn = async (hasAuthenticator: boolean) => {
      for (const token of [session, accessToken]) {
        const caller = (await callerFromBearer(token, IP, true))!;
        const { user: row, hasAuthenticator: has } = (await findUserWithAuthenticator(user.id))!;
        const { passwordHash, ...rest } = row;
        expect(passwordHash).toBeTruthy();
        expect(caller.own).toEqual({ user: rest, hasAuthenticator: has }); // everything but the password hash
        expect(caller.own!.hasAuthenticator).toBe(hasAuthenticator);
        expect(sorted(caller.permissions!)).toEqual(["Audit/Read", "Group/Read", "User/Read"]);
        expect((await callerFromBearer(token, IP))!.own).toBeUndefined();
      }
    };
    await expectOwn(false);
    await db.insert(mfaMethods).values([
      { userId: user.id, kind: "pin", pinHash: "y" },
      { userId: user.id, kind: "authenticator", secretEnc: "x" },
    ]);
    await db.update(users).set({ firstName: "Renamed" }).where(eq(users.id, user.id));
    await expectOwn(true);
  });

  it("a role change, a revoked session and a revoked token count on the very next request", async () => {
    const user = await makeUser({ roles: ["admin"] });
    const token = await signIn(user.email);
    const caller = (await callerFromBearer(token, IP))!;
    expect(await can(caller, "User", "Delete")).toBe(true);
    const [m] = await db.select().from(memberships).where(and(eq(memberships.userId, user.id), eq(memberships.tenantId, caller.tenantId)));
    await db.delete(membershipRoles).where(eq(membershipRoles.membershipId, m!.id));
    expect(await can((await callerFromBearer(token, IP))!, "User", "Delete")).toBe(false);
    await revokeAllSessions(user.id);
    expect(await callerFromBearer(token, IP)).toBeNull();

    const { id, accessToken } = await generatePermanentToken(callerOf(user), { password: PASSWORD });
    expect(await callerFromBearer(accessToken, IP)).toMatchObject({ tokenId: id, userId: user.id });
    await revokeToken(callerOf(user), user.id, id);
    expect(await callerFromBearer(accessToken, IP)).toBeNull();
  });
});
