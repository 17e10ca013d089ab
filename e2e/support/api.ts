import { expect, type APIRequestContext } from "@playwright/test";
import { createUser } from "./env";

export const IAM = "/api/iambackoffice.IamBackoffice";

/** Signs in over IamBackoffice and returns an Authorization header for the session token. */
export async function bearer(request: APIRequestContext, email: string, password: string) {
  const res = await request.post(`${IAM}/Login`, { data: { loginId: email, password } });
  expect(res.status(), await res.text()).toBe(200);
  const token = (await res.json()).tokens.token as string;
  return { Authorization: `Bearer ${token}` };
}

/** A tenant admin, a plain member of the same tenant, and an admin of another tenant. */
export async function actors(request: APIRequestContext) {
  const admin = createUser({ roles: ["admin"] });
  const member = createUser();
  const otherTenant = `Other ${Date.now().toString(36)}`;
  const foreign = createUser({ roles: ["admin"], tenant: otherTenant, createTenant: true });
  return {
    admin: { ...admin, h: await bearer(request, admin.email, admin.password) },
    member: { ...member, h: await bearer(request, member.email, member.password) },
    foreign: { ...foreign, h: await bearer(request, foreign.email, foreign.password) },
  };
}
