/**
 * Times a 100,000-entry vault backup: export, parse, and the all-or-nothing import, on a throwaway database:
 *   npx tsx bench/vault-import.ts
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vault-bench-"));
process.env.DATA_DIR = dir;
process.env.DATABASE_PATH = path.join(dir, "bench.db");
const { runMigrations } = await import("@/db/migrate");
const { bootstrap } = await import("@/lib/bootstrap");
const { insertUser } = await import("@/lib/users/records");
const { closeDb, db } = await import("@/db/client");
const { exportBackup, importBackup } = await import("@/lib/vault/backup");
await runMigrations();
await bootstrap();

const N = 100_000;
const user = (email: string) => db.transaction((tx) => insertUser(tx, { email, passwordHash: "x", firstName: "", lastName: "" }));
const groups = Array.from({ length: 100 }, (_, i) => ({ ref: `g${i}`, parentRef: i ? "g0" : null, name: `Group ${i}`, description: "" }));
const metadatas = Array.from({ length: N }, (_, i) => ({ groupRef: `g${i % 100}`, host: `host-${i}.example`, account: `account-${i}`, complexity: 2, length: 20, lowercase: true, uppercase: true, digits: true, symbols: i % 2 === 0 }));
const file = gzipSync(Buffer.from(JSON.stringify({ version: 1, groups, metadatas }))).toString("base64");

const time = async <T>(label: string, f: () => T | Promise<T>) => {
  const t = performance.now();
  const r = await f();
  console.log(`${label.padEnd(34)} ${(performance.now() - t).toFixed(0).padStart(6)} ms`);
  return r;
};
console.log(`backup file: ${(file.length / 1024 / 1024).toFixed(1)} MB base64 for ${N.toLocaleString()} entries`);
const a = await user("bench-a@example.test");
await time("import 100,000 entries", () => importBackup(a.id, file));
const exported = await time("export 100,000 entries", () => exportBackup(a.id));
const b = await user("bench-b@example.test");
await time("re-import the export", () => importBackup(b.id, exported));
await closeDb();
fs.rmSync(dir, { recursive: true, force: true });
