import type { Action, Resource } from "@/lib/authz/catalogue";

export interface NavItem {
  href: string;
  /** The label's key under `shell.nav` (translated on the server in signed-in-shell). */
  key: string;
  icon: string;
  /** Shown only when the caller holds this permission (checked on the server). */
  permission?: [Resource, Action];
  superAdmin?: boolean;
}

export interface NavSection {
  /** The heading's key under `shell.sections`. */
  key: string;
  items: NavItem[];
}

/** One place for the sidebar; pages still check permissions themselves. */
export const NAV: NavSection[] = [
  {
    key: "account",
    items: [
      { href: "/", key: "home", icon: "home" },
      { href: "/account", key: "profile", icon: "user" },
      { href: "/account/password", key: "password", icon: "key" },
      { href: "/account/mfa", key: "mfa", icon: "smartphone" },
      { href: "/account/sessions", key: "sessions", icon: "monitor" },
      { href: "/account/tokens", key: "tokens", icon: "key" },
      { href: "/api-reference", key: "apiReference", icon: "file" },
      { href: "/account/pgp", key: "pgp", icon: "lock" },
    ],
  },
  {
    key: "vault",
    items: [
      { href: "/vault", key: "passwords", icon: "vault" },
      { href: "/vault/backup", key: "backup", icon: "file" },
      { href: "/settings", key: "settings", icon: "settings" },
    ],
  },
  {
    key: "administration",
    items: [
      { href: "/admin/users", key: "users", icon: "users", permission: ["User", "Read"] },
      { href: "/admin/groups", key: "groups", icon: "grid", permission: ["Group", "Read"] },
      { href: "/admin/roles", key: "roles", icon: "shield", permission: ["Role", "Read"] },
      { href: "/admin/tenants", key: "tenants", icon: "building", superAdmin: true },
      { href: "/admin/audit", key: "audit", icon: "file", permission: ["Audit", "Read"] },
      { href: "/admin/outbox", key: "outbox", icon: "mail", superAdmin: true },
    ],
  },
];
