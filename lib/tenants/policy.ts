import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { tenants } from "@/db/schema";
import { DEFAULT_POLICY, type PasswordPolicy } from "@/lib/security/password";

export async function tenantPolicy(tenantId: string | null | undefined): Promise<PasswordPolicy> {
  if (!tenantId) return DEFAULT_POLICY;
  const [t] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  return t ? { passwordMinLength: t.passwordMinLength, rejectCommonPasswords: t.rejectCommonPasswords } : DEFAULT_POLICY;
}
