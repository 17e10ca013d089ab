/**
 * Administrator CLI: create a user directly in the database (the app may be running).
 *   npx tsx scripts/create-user.ts --email a@b.c --password '…' [--role admin] [--tenant Default [--create-tenant]] [--super-admin]
 */
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { closeDb, db } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { tenants } from "@/db/schema";
import { bootstrap, DEFAULT_TENANT } from "@/lib/bootstrap";
import { assertPasswordPolicy, DEFAULT_POLICY, hashPassword } from "@/lib/security/password";
import { insertTenantWithDefaults } from "@/lib/tenants/defaults";
import { ensureMembership, insertUser } from "@/lib/users/records";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    password: { type: "string" },
    role: { type: "string", multiple: true, default: [] },
    tenant: { type: "string", default: DEFAULT_TENANT },
    "first-name": { type: "string", default: "" },
    "last-name": { type: "string", default: "" },
    "super-admin": { type: "boolean", default: false },
    "create-tenant": { type: "boolean", default: false },
  },
});

if (!values.email || !values.password) {
  console.error("usage: create-user --email EMAIL --password PASSWORD [--role NAME]… [--tenant NAME] [--super-admin]");
  process.exit(2);
}

await runMigrations();
await bootstrap();
const [existing] = await db.select().from(tenants).where(eq(tenants.name, values.tenant!)).limit(1);
const tenant = existing ?? (values["create-tenant"] ? await db.transaction((tx) => insertTenantWithDefaults(tx, values.tenant!)) : undefined);
if (!tenant) {
  console.error(`No tenant named "${values.tenant}"`);
  await closeDb();
  process.exit(2);
}
assertPasswordPolicy(values.password, DEFAULT_POLICY, "password", values.email);
// Hashed before the transaction: nothing inside one awaits anything but the database.
const passwordHash = await hashPassword(values.password);
const user = await db.transaction(async (tx) => {
  const u = await insertUser(tx, {
    email: values.email!,
    passwordHash,
    passwordUpdatedAt: new Date(),
    firstName: values["first-name"]!,
    lastName: values["last-name"]!,
    isSuperAdmin: values["super-admin"],
    verified: true,
  });
  await ensureMembership(tx, u.id, tenant.id, values.role);
  return u;
});
await closeDb();
console.log(JSON.stringify({ id: user.id, email: user.email, tenantId: tenant.id }));
