import type { Action, Resource } from "@/lib/authz/catalogue";

export interface NavItem {
  href: string;
  label: string;
  icon: string;
  /** Shown only when the caller holds this permission (checked on the server). */
  permission?: [Resource, Action];
  superAdmin?: boolean;
}

export interface NavSection {
  title: string;
  items: NavItem[];
}

/** One place for the sidebar; pages still check permissions themselves. */
export const NAV: NavSection[] = [
  {
    title: "Account",
    items: [
      { href: "/", label: "Home", icon: "home" },
      { href: "/account", label: "Profile", icon: "user" },
      { href: "/account/password", label: "Password & email", icon: "key" },
      { href: "/account/mfa", label: "Two-factor", icon: "smartphone" },
      { href: "/account/sessions", label: "Sessions", icon: "monitor" },
      { href: "/account/tokens", label: "API tokens", icon: "key" },
      { href: "/api-reference", label: "API reference", icon: "file" },
      { href: "/account/pgp", label: "PGP key", icon: "lock" },
    ],
  },
  {
    title: "Vault",
    items: [
      { href: "/vault", label: "Passwords", icon: "vault" },
      { href: "/vault/backup", label: "Backup", icon: "file" },
      { href: "/settings", label: "Settings", icon: "settings" },
    ],
  },
  {
    title: "Administration",
    items: [
      { href: "/admin/users", label: "Users", icon: "users", permission: ["User", "Read"] },
      { href: "/admin/groups", label: "Groups", icon: "grid", permission: ["Group", "Read"] },
      { href: "/admin/roles", label: "Roles", icon: "shield", permission: ["Role", "Read"] },
      { href: "/admin/tenants", label: "Tenants", icon: "building", superAdmin: true },
      { href: "/admin/audit", label: "Audit log", icon: "file", permission: ["Audit", "Read"] },
      { href: "/admin/outbox", label: "Outbox", icon: "mail", superAdmin: true },
    ],
  },
];
