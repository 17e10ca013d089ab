/**
 * Times the full CSV export of the users table (the same generator the export route streams):
 *   DATABASE_PATH=data/bench.db npx tsx bench/users-export.ts
 *   DATABASE_URL=postgres://… APP_SECRET=… npx tsx bench/users-export.ts
 */
import { eq } from "drizzle-orm";
import { closeDb, db } from "@/db/client";
import { users } from "@/db/schema";
import { defaultTenant } from "@/lib/bootstrap";
import { usersCsv } from "@/lib/users/export";
import { userQuerySchema } from "@/lib/users/list";
const [superAdmin] = await db.select().from(users).where(eq(users.isSuperAdmin, true)).limit(1);
const root = superAdmin ?? (await db.select().from(users).limit(1))[0]!;
const caller = { userId: root.id, email: root.email, tenantId: (await defaultTenant())!.id, isSuperAdmin: true, readOnly: false, ip: "bench" };
const t = performance.now(); let bytes = 0, lines = 0;
for await (const chunk of usersCsv(caller, userQuerySchema.parse({}))) { bytes += chunk.length; lines += chunk.split("\n").length - 1; }
console.log(`${lines - 1} users, ${(bytes / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
await closeDb();
