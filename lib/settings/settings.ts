import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
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

export function getSetting(userId: string, key: string): string {
  if (key === "2fa_enabled") return String(hasAuthenticator(userId));
  const spec = specOf(key);
  if (!spec) throw validation(`Unknown setting "${key}"`, "key");
  return db.select().from(userSettings).where(and(eq(userSettings.userId, userId), eq(userSettings.key, key))).get()?.value ?? spec.default;
}

export function getAllSettings(userId: string) {
  return Object.fromEntries([...Object.keys(SETTINGS), "2fa_enabled"].map((k) => [k, getSetting(userId, k)]));
}

export const settingBool = (userId: string, key: string) => getSetting(userId, key) === "true";

/** Validates and normalises ("TRUE" → "true", "016" → "16") before storing. */
export function setSetting(userId: string, key: string, raw: string) {
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
  db.insert(userSettings).values({ userId, key, value: normalized }).onConflictDoUpdate({ target: [userSettings.userId, userSettings.key], set: { value: normalized } }).run();
  return normalized;
}

/** Several settings at once, all or nothing: a bad value changes nothing. */
export function setSettings(userId: string, values: Record<string, string>) {
  db.transaction(() => {
    for (const [key, value] of Object.entries(values)) setSetting(userId, key, value);
  });
}
