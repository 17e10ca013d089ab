import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { vaultEntries, vaultGroups } from "@/db/schema";
import { tooLarge } from "@/lib/errors";
import { findNul, NUL_MESSAGE } from "@/lib/input/nul";
import { gunzipCapped, InflateLimitError } from "./inflate";
import { GROUP_DESCRIPTION_MAX, listVaultGroups, ownGroup, VaultError } from "./vault";

export const BACKUP_VERSION = 1;
/** Decompressed size cap (about 250,000 entries): a few hundred KB of gzip can otherwise expand to gigabytes. */
export const MAX_BACKUP_JSON_BYTES = 64 * 1024 * 1024;
/**
 * Real backups compress about 70× (250× when every entry is the same); deflate bombs approach
 * 1000×. Checked while inflating, so a bomb stops after a few MB of output.
 */
export const MAX_BACKUP_RATIO = 400;

const Group = z.object({ ref: z.string().min(1).max(64), parentRef: z.string().max(64).nullable(), name: z.string().trim().min(1).max(200), description: z.string().max(GROUP_DESCRIPTION_MAX).default("") });
const Entry = z.object({
  groupRef: z.string().min(1).max(64),
  host: z.string().max(500),
  account: z.string().max(500),
  complexity: z.number().int().min(1).max(3),
  length: z.number().int().min(2).max(32),
  lowercase: z.boolean(),
  uppercase: z.boolean(),
  digits: z.boolean(),
  symbols: z.boolean(),
  lastRenewal: z.string().max(10).default(""),
  generatedBefore: z.boolean().default(false),
});
const Backup = z.object({ version: z.literal(BACKUP_VERSION), groups: z.array(Group).max(100_000), metadatas: z.array(Entry).max(1_000_000) });
export type BackupData = z.infer<typeof Backup>;

/** One group (with its subgroups) or everything, as base64 of gzip-compressed JSON; no owner ids. */
export async function exportBackup(userId: string, groupId?: string) {
  const all = await listVaultGroups(userId);
  let chosen = all;
  if (groupId) {
    await ownGroup(userId, groupId);
    const keep = [groupId];
    for (let i = 0; i < keep.length; i++) keep.push(...all.filter((g) => g.parentId === keep[i]).map((g) => g.id));
    chosen = all.filter((g) => keep.includes(g.id));
  }
  const ids = new Set(chosen.map((g) => g.id));
  const entries = (await db.select().from(vaultEntries).where(eq(vaultEntries.userId, userId))).filter((e) => ids.has(e.groupId));
  const data: BackupData = {
    version: BACKUP_VERSION,
    groups: chosen.map((g) => ({ ref: g.id, parentRef: g.parentId && ids.has(g.parentId) ? g.parentId : null, name: g.name, description: g.description })),
    metadatas: entries.map((e) => ({ groupRef: e.groupId, host: e.host, account: e.account, complexity: e.complexity, length: e.length, lowercase: e.lowercase, uppercase: e.uppercase, digits: e.digits, symbols: e.symbols, lastRenewal: e.lastRenewal, generatedBefore: e.generatedBefore })),
  };
  return gzipSync(Buffer.from(JSON.stringify(data))).toString("base64");
}

/** Decodes and validates a backup: base64 of gzip JSON, or base64 of plain JSON. */
export async function parseBackup(encoded: string, maxJsonBytes = MAX_BACKUP_JSON_BYTES): Promise<BackupData> {
  const raw = Buffer.from(encoded.trim(), "base64");
  if (!raw.length) throw new VaultError("The backup is empty");
  let text: string;
  try {
    text = (raw[0] === 0x1f && raw[1] === 0x8b ? await gunzipCapped(raw, { maxBytes: maxJsonBytes, maxRatio: MAX_BACKUP_RATIO }) : raw).toString("utf8");
  } catch (e) {
    // Not a VaultError: Forgiva answers those with HTTP 200, an oversized upload gets a 413.
    if (e instanceof InflateLimitError) throw tooLarge(`The backup is too large: ${e.message}`);
    throw new VaultError("The backup file is corrupt (it does not decompress)");
  }
  if (text.length > maxJsonBytes) throw tooLarge(`The backup is too large: more than ${Math.floor(maxJsonBytes / 1024 / 1024)} MB`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new VaultError("This is not a vault backup (not base64-encoded JSON)");
  }
  const parsed = Backup.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new VaultError(`This is not a vault backup of this app: ${issue.path.join(".") || "file"} ${issue.message}`);
  }
  // A NUL would reach PostgreSQL on import and fail there (500); the API's own check (handle())
  // cannot see inside the encoded file. Only walked when the text can hold one.
  const nulAt = text.includes("\\u0000") ? findNul(parsed.data) : null;
  if (nulAt !== null) throw new VaultError(`This is not a vault backup of this app: ${nulAt} ${NUL_MESSAGE}`);
  const parentOf = new Map<string, string | null>();
  for (const g of parsed.data.groups) {
    if (parentOf.has(g.ref)) throw new VaultError(`The backup is inconsistent: two groups share the ref "${g.ref}"`);
    parentOf.set(g.ref, g.parentRef || null);
  }
  if (parsed.data.groups.some((g) => g.parentRef && !parentOf.has(g.parentRef)) || parsed.data.metadatas.some((m) => !parentOf.has(m.groupRef)))
    throw new VaultError("The backup is inconsistent: an entry or group points at a missing group");
  checkReachesRoot(parentOf);
  if (parsed.data.metadatas.some((m) => (!m.host.trim() && !m.account.trim()) || ![m.lowercase, m.uppercase, m.digits, m.symbols].some(Boolean)))
    throw new VaultError("The backup contains invalid metadata");
  return parsed.data;
}

/** Every parent chain must end at a top-level group: a group in a cycle would be imported but never shown. */
function checkReachesRoot(parentOf: Map<string, string | null>) {
  const rooted = new Set<string>();
  for (const start of parentOf.keys()) {
    const path = new Set<string>();
    for (let ref: string | null = start; ref !== null && !rooted.has(ref); ref = parentOf.get(ref)!) {
      if (path.has(ref)) throw new VaultError(`The backup is inconsistent: group "${ref}" is its own ancestor`);
      path.add(ref);
    }
    for (const ref of path) rooted.add(ref);
  }
}

/** Rows per multi-row insert: 500 entries are 8,000 bound parameters, within both engines' caps. */
const CHUNK = 500;
const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Recreates a backup for the caller in one transaction (all or nothing): new ids, the backup's
 * root groups become top-level groups. Multi-row inserts of 500 rows keep 100,000 entries to seconds.
 */
export async function importBackup(userId: string, encoded: string) {
  const data = await parseBackup(encoded);
  const now = Date.now();
  const idOf = new Map<string, string>();
  for (const g of data.groups) idOf.set(g.ref, randomUUID());
  const groupRows = data.groups.map((g) => ({ id: idOf.get(g.ref)!, userId, parentId: g.parentRef ? idOf.get(g.parentRef)! : null, name: g.name, description: g.description, createdAt: new Date(now) }));
  // createdAt one millisecond apart keeps the backup's order (entries are listed by createdAt).
  const entryRows = data.metadatas.map((m, i) => ({
    id: randomUUID(),
    userId,
    groupId: idOf.get(m.groupRef)!,
    host: m.host.trim(),
    account: m.account.trim(),
    complexity: m.complexity,
    length: m.length,
    lowercase: m.lowercase,
    uppercase: m.uppercase,
    digits: m.digits,
    symbols: m.symbols,
    lastRenewal: m.lastRenewal,
    generatedBefore: m.generatedBefore,
    seq: i,
    createdAt: new Date(now + i),
    updatedAt: new Date(now),
  }));
  await db.transaction(async (tx) => {
    for (const part of chunks(groupRows)) await tx.insert(vaultGroups).values(part);
    for (const part of chunks(entryRows)) await tx.insert(vaultEntries).values(part);
  });
  return { groups: data.groups.length, metadataIds: entryRows.map((e) => e.id) };
}

