import { can, type Caller } from "@/lib/authz/caller";

/**
 * What the home page shows the caller: the admin dashboard's parts they may see (user figures and
 * the checklist need User/Read, sign-ins and recent events Audit/Read), or null for the member summary.
 */
export async function dashboardAccess(caller: Caller): Promise<{ users: boolean; audit: boolean } | null> {
  const [users, audit] = await Promise.all([can(caller, "User", "Read"), can(caller, "Audit", "Read")]);
  return users || audit ? { users, audit } : null;
}
