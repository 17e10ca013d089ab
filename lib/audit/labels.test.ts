import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_LABELS, eventLabel, targetHref } from "./labels";

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

describe("audit labels", () => {
  const recorded = recordedActions();

  it("finds the actions the code records (the scan itself works)", () => {
    for (const a of ["login.success", "login.mfa_failed", "user.deleted", "mfa.reset", "group.members_added", "tenant.restored", "registration.confirmed"]) expect(recorded.has(a), a).toBe(true);
  });

  it("has a label for every action the code records", () => {
    const missing = [...recorded].filter(([a]) => !(a in AUDIT_LABELS)).map(([a, file]) => `${a} (${file})`);
    expect(missing).toEqual([]);
  });

  it("has no label for an action nothing records any more", () => {
    expect(Object.keys(AUDIT_LABELS).filter((a) => !recorded.has(a))).toEqual([]);
  });

  it("names what a refusal refused", () => {
    expect(eventLabel({ action: "authz.denied", data: { attempted: "user.roles_assigned" } })).toBe("Refused: Role given");
    expect(eventLabel({ action: "authz.denied", data: { attempted: "User/Edit" } })).toBe("Refused: User/Edit");
    expect(eventLabel({ action: "login.mfa_failed", data: {} })).toBe("Sign-in failed: wrong second factor");
    expect(eventLabel({ action: "made.up" })).toBe("made.up");
  });

  it("links targets that have a page", () => {
    expect(targetHref("user", "u1")).toBe("/admin/users/u1");
    expect(targetHref("role", "r 1")).toBe("/admin/roles/r%201");
    expect(targetHref("token", "t1")).toBeNull();
    expect(targetHref("user", null)).toBeNull();
  });
});
