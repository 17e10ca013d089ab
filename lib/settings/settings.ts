import { and, eq } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { userSettings } from "@/db/schema";
import { validation } from "@/lib/errors";
import { hasAuthenticator } from "@/lib/mfa/methods";

type Kind = "bool" | "int" | "enum";
interface Spec {
  kind: Kind;
  default: string;
  min?: number;
  max?: number;
  values?: string[];
}

/** The Forgiva settings keys plus our theme and language. */
export const SETTINGS: Record<string, Spec> = {
  animals_do_not_scramble: { kind: "bool", default: "false" },
  masterkey_use_ignored: { kind: "bool", default: "false" },
  masterkey_ask_once: { kind: "bool", default: "false" },
  password_always_show_not_copy: { kind: "bool", default: "true" },
  password_default_length: { kind: "int", default: "16", min: 2, max: 32 },
  password_default_complexity: { kind: "int", default: "1", min: 1, max: 3 },
  theme: { kind: "enum", default: "system", values: ["light", "dark", "system"] },
  language: { kind: "enum", default: "en", values: ["en", "de", "fr", "es", "pt", "it", "nl"] },
};
/** Computed and read-only. */
const READ_ONLY = new Set(["2fa_enabled"]);
/** Never readable or writable through settings. */
const HIDDEN = new Set(["2fa_sotp_code"]);
/** Own keys only: "constructor", "__proto__" and the like are not settings. */
const specOf = (key: string) => (Object.hasOwn(SETTINGS, key) && !HIDDEN.has(key) ? SETTINGS[key] : undefined);

export async function getSetting(userId: string, key: string): Promise<string> {
  if (key === "2fa_enabled") return String(await hasAuthenticator(userId));
  const spec = specOf(key);
  if (!spec) throw validation(`Unknown setting "${key}"`, "key");
  const [row] = await db.select().from(userSettings).where(and(eq(userSettings.userId, userId), eq(userSettings.key, key)));
  return row?.value ?? spec.default;
}

/** Every setting with its default filled in, in one query (plus the computed 2fa_enabled). */
export async function getAllSettings(userId: string): Promise<Record<string, string>> {
  const stored = new Map((await db.select().from(userSettings).where(eq(userSettings.userId, userId))).map((r) => [r.key, r.value]));
  const values = Object.fromEntries(Object.entries(SETTINGS).map(([k, spec]) => [k, stored.get(k) ?? spec.default]));
  return { ...values, "2fa_enabled": String(await hasAuthenticator(userId)) };
}

export const settingBool = async (userId: string, key: string) => (await getSetting(userId, key)) === "true";

/** Validates and normalises ("TRUE" → "true", "016" → "16") before storing. */
export async function setSetting(userId: string, key: string, raw: string, tx: Tx | DB = db) {
  if (READ_ONLY.has(key)) throw validation(`"${key}" is read-only`, "key");
  const spec = specOf(key);
  if (!spec) throw validation(`Unknown setting "${key}"`, "key");
  const value = raw.trim();
  if (!value) throw validation("value must not be empty", "value");
  let normalized = value;
  if (spec.kind === "bool") {
    if (!/^(true|false)$/i.test(value)) throw validation(`"${key}" must be true or false`, "value");
    normalized = value.toLowerCase();
  } else if (spec.kind === "int") {
    if (!/^-?\d+$/.test(value)) throw validation(`"${key}" must be a whole number`, "value");
    const n = Number(value);
    if (n < spec.min! || n > spec.max!) throw validation(`"${key}" must be between ${spec.min} and ${spec.max}`, "value");
    normalized = String(n);
  } else if (!spec.values!.includes(value)) throw validation(`"${key}" must be one of ${spec.values!.join(", ")}`, "value");
  await tx.insert(userSettings).values({ userId, key, value: normalized }).onConflictDoUpdate({ target: [userSettings.userId, userSettings.key], set: { value: normalized } });
  return normalized;
}

/** Several settings at once, all or nothing: a bad value changes nothing. */
export async function setSettings(userId: string, values: Record<string, string>) {
  await db.transaction(async (tx) => {
    for (const [key, value] of Object.entries(values)) await setSetting(userId, key, value, tx);
  });
}

/**
 * The console's own per-user notes (the dashboard's "password policy reviewed"), stored beside the
 * settings but never one of them: the settings APIs read and write SETTINGS keys only, and no
 * setting name contains ":".
 */
const noteKey = (name: string) => `console:${name}`;

export async function getNote(userId: string, name: string): Promise<string | undefined> {
  const [row] = await db.select({ value: userSettings.value }).from(userSettings).where(and(eq(userSettings.userId, userId), eq(userSettings.key, noteKey(name))));
  return row?.value;
}

export async function setNote(userId: string, name: string, value: string) {
  const key = noteKey(name);
  await db.insert(userSettings).values({ userId, key, value }).onConflictDoUpdate({ target: [userSettings.userId, userSettings.key], set: { value } });
}
