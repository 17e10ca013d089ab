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
      { href: "/account", label: "Profile", icon: "user" },
      { href: "/account/password", label: "Password & email", icon: "key" },
      { href: "/account/mfa", label: "Two-factor", icon: "smartphone" },
      { href: "/account/sessions", label: "Sessions", icon: "monitor" },
    ],
  },
  {
    title: "Administration",
    items: [{ href: "/admin/outbox", label: "Outbox", icon: "mail", permission: ["User", "Read"] }],
  },
];
