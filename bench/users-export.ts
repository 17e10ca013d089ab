/**
 * Times the full CSV export of the users table (the same generator the export route streams):
 *   DATABASE_PATH=data/bench.db npx tsx bench/users-export.ts
 */
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { defaultTenant } from "@/lib/bootstrap";
import { usersCsv } from "@/lib/users/export";
import { userQuerySchema } from "@/lib/users/list";
const root = db.select().from(users).where(eq(users.isSuperAdmin, true)).get() ?? db.select().from(users).limit(1).get()!;
const caller = { userId: root.id, email: root.email, tenantId: defaultTenant()!.id, isSuperAdmin: true, readOnly: false, ip: "bench" };
const t = performance.now(); let bytes = 0, lines = 0;
for (const chunk of usersCsv(caller, userQuerySchema.parse({}))) { bytes += chunk.length; lines += chunk.split("\n").length - 1; }
console.log(`${lines - 1} users, ${(bytes / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
