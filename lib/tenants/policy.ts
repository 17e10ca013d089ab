import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { tenants } from "@/db/schema";
import { DEFAULT_POLICY, type PasswordPolicy } from "@/lib/security/password";

export function tenantPolicy(tenantId: string | null | undefined): PasswordPolicy {
  if (!tenantId) return DEFAULT_POLICY;
  const t = db.select().from(tenants).where(eq(tenants.id, tenantId)).get();
  return t ? { passwordMinLength: t.passwordMinLength, rejectCommonPasswords: t.rejectCommonPasswords } : DEFAULT_POLICY;
}
