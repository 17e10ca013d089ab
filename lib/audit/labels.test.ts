import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { eventLabeller } from "./labels";
import { targetHref } from "./targets";

const CATALOGUES = { en, de, fr };
let locale: keyof typeof CATALOGUES = "en";
// The request's translator, as next-intl gives it to a server component, in the language under test.
vi.mock("next-intl/server", () => ({ getTranslations: async (namespace: string) => createTranslator({ locale, messages: CATALOGUES[locale], namespace: namespace as never }) }));

const root = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

/**
 * Files that write audit events (audit, denied) or name the action a refusal records (the
 * escalation checks take it as their "attempt"): every "namespace.name" literal in them is an
 * action, except these, which are something else.
 */
const RECORDS = /\b(audit|denied|manageableUser|reachableUser|requireReaches|rolesInReach)\(/;
const NOT_ACTIONS = new Map([
  ["users.delete", "a job kind (lib/jobs)"],
  ["user.password", "a field path in a validation error"],
]);

function recordedActions() {
  const found = new Map<string, string>();
  for (const file of [...sources("lib"), ...sources("app")]) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    if (!RECORDS.test(text)) continue;
    // A translation key passed to t("…") is not an action.
    for (const m of text.matchAll(/(?<!\bt\()"([a-z]+\.[a-z_]+)"/g)) if (!NOT_ACTIONS.has(m[1]!)) found.set(m[1]!, file);
  }
  return found;
}

/** The actions a language has labels for: admin.audit.actions.<namespace>.<name>. */
const labelled = (messages: typeof en) =>
  Object.entries(messages.admin.audit.actions as Record<string, Record<string, string>>).flatMap(([ns, names]) => Object.keys(names).map((name) => `${ns}.${name}`));

describe("audit labels", () => {
  const recorded = recordedActions();

  it("finds the actions the code records (the scan itself works)", () => {
    for (const a of ["login.success", "login.mfa_failed", "user.deleted", "mfa.reset", "group.members_added", "tenant.restored", "registration.confirmed"]) expect(recorded.has(a), a).toBe(true);
  });

  it.each(Object.keys(CATALOGUES))("has a label in %s for every action the code records", (l) => {
    const have = new Set(labelled(CATALOGUES[l as keyof typeof CATALOGUES]));
    const missing = [...recorded].filter(([a]) => !have.has(a)).map(([a, file]) => `${a} (${file})`);
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(CATALOGUES))("has no label in %s for an action nothing records any more", (l) => {
    expect(labelled(CATALOGUES[l as keyof typeof CATALOGUES]).filter((a) => !recorded.has(a))).toEqual([]);
  });

  it("names what a refusal refused, in the request's language", async () => {
    locale = "en";
    const label = await eventLabeller();
    expect(label({ action: "authz.denied", data: { attempted: "user.roles_assigned" } })).toBe("Refused: Role given");
    expect(label({ action: "authz.denied", data: { attempted: "User/Edit" } })).toBe("Refused: User/Edit");
    expect(label({ action: "login.mfa_failed", data: {} })).toBe("Sign-in failed: wrong second factor");
    expect(label({ action: "made.up" })).toBe("made.up");
    locale = "de";
    const german = await eventLabeller();
    expect(german({ action: "authz.denied", data: { attempted: "user.roles_assigned" } })).toBe("Abgelehnt: Rolle vergeben");
    expect(german({ action: "login.success" })).toBe("Angemeldet");
    locale = "fr";
    expect((await eventLabeller())({ action: "user.deleted" })).toBe("Utilisateur supprimé");
  });

  it("links targets that have a page", () => {
    expect(targetHref("user", "u1")).toBe("/admin/users/u1");
    expect(targetHref("role", "r 1")).toBe("/admin/roles/r%201");
    expect(targetHref("token", "t1")).toBeNull();
    expect(targetHref("user", null)).toBeNull();
  });
});
