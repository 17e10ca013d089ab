import { and, asc, count, eq, inArray, or } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { vaultEntries, vaultGroups } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { deriveKey } from "@/lib/security/crypto";
import { settingBool } from "@/lib/settings/settings";
import { contains } from "@/db/dialect";
import { createHmac } from "node:crypto";
import { derivePassword, type Animal } from "./derive";
import { entryMatches } from "./search";

export type VaultGroup = typeof vaultGroups.$inferSelect;
export type VaultEntry = typeof vaultEntries.$inferSelect;

/** Domain failures of the vault: Forgiva answers these as OperationResult.error with HTTP 200. */
export class VaultError extends AppError {
  constructor(message: string) {
    super("validation", message);
    this.name = "VaultError";
  }
}

export const DEFAULT_GROUP = { name: "Accounts", description: "Default Metadata Group" };

/** A user always has at least one group. */
export async function ensureDefaultGroup(userId: string, tx: Tx | DB = db) {
  const [any] = await tx.select({ id: vaultGroups.id }).from(vaultGroups).where(eq(vaultGroups.userId, userId)).limit(1);
  if (!any) await tx.insert(vaultGroups).values({ userId, parentId: null, ...DEFAULT_GROUP });
}

/** Top-level groups each followed by its direct subgroups (Forgiva order). */
export async function listVaultGroups(userId: string) {
  await ensureDefaultGroup(userId);
  const all = await db.select().from(vaultGroups).where(eq(vaultGroups.userId, userId)).orderBy(asc(vaultGroups.createdAt), asc(vaultGroups.name));
  const out: VaultGroup[] = [];
  const visit = (parent: string | null) => {
    for (const g of all.filter((x) => x.parentId === parent)) {
      out.push(g);
      visit(g.id);
    }
  };
  visit(null);
  return out;
}

export async function ownGroup(userId: string, groupId: string) {
  const [g] = await db.select().from(vaultGroups).where(and(eq(vaultGroups.id, groupId), eq(vaultGroups.userId, userId)));
  if (!g) throw new VaultError("Invalid group");
  return g;
}

/** The backup schema (./backup) refuses more, so a longer one would make the owner's own backup impossible to re-import. */
export const GROUP_DESCRIPTION_MAX = 2000;

export async function addVaultGroup(userId: string, input: { name: string; description?: string; parentId?: string | null }) {
  const name = input.name.trim();
  if (!name) throw new VaultError("Group name must not be empty");
  if (name.length > 200) throw new VaultError("Group name is too long");
  const description = input.description?.trim() ?? "";
  if (description.length > GROUP_DESCRIPTION_MAX) throw new VaultError(`Group description is too long (at most ${GROUP_DESCRIPTION_MAX.toLocaleString("en-US")} characters)`);
  const parentId = input.parentId && input.parentId !== "0" ? (await ownGroup(userId, input.parentId)).id : null;
  const [g] = await db.insert(vaultGroups).values({ userId, name, description, parentId }).returning();
  return g!;
}

/** Removes a group, its subgroups and all their entries; recreates the default group if none is left. */
export async function removeVaultGroup(userId: string, groupId: string) {
  await ownGroup(userId, groupId);
  return await db.transaction(async (tx) => {
    const all = await tx.select().from(vaultGroups).where(eq(vaultGroups.userId, userId));
    const doomed = [groupId];
    for (let i = 0; i < doomed.length; i++) doomed.push(...all.filter((g) => g.parentId === doomed[i]).map((g) => g.id));
    const removed = (await tx.delete(vaultEntries).where(and(eq(vaultEntries.userId, userId), inArray(vaultEntries.groupId, doomed))).returning({ id: vaultEntries.id })).length;
    await tx.delete(vaultGroups).where(and(eq(vaultGroups.userId, userId), inArray(vaultGroups.id, doomed)));
    await ensureDefaultGroup(userId, tx);
    return removed;
  });
}

export interface EntryInput {
  groupId: string;
  host: string;
  account: string;
  complexity: number;
  length: number;
  lowercase: boolean;
  uppercase: boolean;
  digits: boolean;
  symbols: boolean;
}

async function checkEntry(userId: string, e: EntryInput) {
  const classes = [e.lowercase, e.uppercase, e.digits, e.symbols].filter(Boolean).length;
  if (!Number.isInteger(e.length) || e.length < 2 || e.length > 32 || ![1, 2, 3].includes(e.complexity) || classes === 0 || e.length < classes || (!e.host.trim() && !e.account.trim()) || e.host.length > 500 || e.account.length > 500)
    throw new VaultError("Invalid metadata");
  await ownGroup(userId, e.groupId);
}

export async function addEntry(userId: string, e: EntryInput) {
  await checkEntry(userId, e);
  const [row] = await db.insert(vaultEntries).values({ userId, ...e, host: e.host.trim(), account: e.account.trim() }).returning();
  return row!;
}

export async function updateEntry(userId: string, entryId: string, e: EntryInput) {
  await ownEntry(userId, entryId);
  await checkEntry(userId, e);
  const [row] = await db.update(vaultEntries).set({ ...e, host: e.host.trim(), account: e.account.trim() }).where(and(eq(vaultEntries.id, entryId), eq(vaultEntries.userId, userId))).returning();
  return row!;
}

export async function ownEntry(userId: string, entryId: string) {
  const [e] = await db.select().from(vaultEntries).where(and(eq(vaultEntries.id, entryId), eq(vaultEntries.userId, userId)));
  if (!e) throw new VaultError("Metadata does not exists.");
  return e;
}

export async function removeEntry(userId: string, entryId: string) {
  await ownEntry(userId, entryId);
  await db.delete(vaultEntries).where(and(eq(vaultEntries.id, entryId), eq(vaultEntries.userId, userId)));
}

export async function entriesByGroup(userId: string, groupId: string | undefined, startIdx = 0, countN = 100) {
  if (startIdx < 0 || countN < 0) return { rows: [] as VaultEntry[], total: 0 };
  const where = groupId ? and(eq(vaultEntries.userId, userId), eq(vaultEntries.groupId, groupId)) : eq(vaultEntries.userId, userId);
  const rows = await db.select().from(vaultEntries).where(where).orderBy(asc(vaultEntries.createdAt), asc(vaultEntries.id)).limit(Math.min(countN, 1000)).offset(startIdx);
  const [total] = await db.select({ n: count() }).from(vaultEntries).where(where);
  return { rows, total: total!.n };
}

/**
 * One page of a group's entries, or of a search (host or account contains every word of `q`, any
 * case) inside that group, or over every group when `groupId` is left out, with the total; a page
 * past the end is clamped to the last one.
 */
export async function pageEntries(userId: string, opts: { groupId?: string; q?: string; page: number; size: number }) {
  const found = opts.q ? entryMatches(opts.q) : undefined;
  const where = and(eq(vaultEntries.userId, userId), opts.groupId || !found ? eq(vaultEntries.groupId, opts.groupId ?? "") : undefined, found);
  const total = (await db.select({ n: count() }).from(vaultEntries).where(where))[0]!.n;
  const size = Math.min(Math.max(1, Math.trunc(opts.size)), 1000);
  const page = Math.min(Math.max(1, Math.trunc(opts.page)), Math.max(1, Math.ceil(total / size)));
  const order = found ? [asc(vaultEntries.host), asc(vaultEntries.account), asc(vaultEntries.id)] : [asc(vaultEntries.createdAt), asc(vaultEntries.id)];
  const rows = await db.select().from(vaultEntries).where(where).orderBy(...order).limit(size).offset((page - 1) * size);
  return { rows, total, page, size };
}

/** Substring match on host or account. */
export async function searchEntries(userId: string, criteria: string, limit = 200) {
  return await db.select().from(vaultEntries).where(and(eq(vaultEntries.userId, userId), or(contains(vaultEntries.host, criteria), contains(vaultEntries.account, criteria)))).orderBy(asc(vaultEntries.host)).limit(limit);
}

/** Distinct hosts containing the filter (autocomplete). */
export async function hostsLike(userId: string, filter: string) {
  return (await db.selectDistinct({ host: vaultEntries.host }).from(vaultEntries).where(and(eq(vaultEntries.userId, userId), contains(vaultEntries.host, filter))).orderBy(asc(vaultEntries.host)).limit(50)).map((r) => r.host);
}

/** Stand-in master key for users who chose `masterkey_use_ignored` (documented as weaker). */
const ignoredMasterKey = (userId: string) => createHmac("sha256", deriveKey("vault-no-master")).update(userId).digest("base64");

/**
 * Derives an entry's password. A renewal date, when given, becomes the entry's lastRenewal;
 * without one the stored lastRenewal is used, so later generations reproduce a rotation.
 */
export async function generateForEntry(userId: string, input: { entryId: string; masterKey?: string; animal: Animal; renewalDate?: string }) {
  const [e] = await db.select().from(vaultEntries).where(and(eq(vaultEntries.id, input.entryId), eq(vaultEntries.userId, userId)));
  if (!e) throw new VaultError("Invalid data");
  let masterKey = input.masterKey ?? "";
  if (!masterKey) {
    if (!(await settingBool(userId, "masterkey_use_ignored"))) throw new VaultError("Invalid data");
    masterKey = ignoredMasterKey(userId);
  }
  const renewalDate = input.renewalDate ?? e.lastRenewal;
  const password = await derivePassword({ masterKey, host: e.host, account: e.account, renewalDate, animal: input.animal, length: e.length, complexity: e.complexity as 1 | 2 | 3, lowercase: e.lowercase, uppercase: e.uppercase, digits: e.digits, symbols: e.symbols }).catch(() => {
    throw new VaultError("Invalid data");
  });
  await db.update(vaultEntries).set({ lastRenewal: renewalDate, generatedBefore: true }).where(eq(vaultEntries.id, e.id));
  return password;
}

