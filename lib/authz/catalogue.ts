/** The permission catalogue of api-contract.md §2. "All" is a wildcard on either axis. */
export const RESOURCES = [
  "All", "User", "Username", "Password", "Group", "Role", "Permission",
  "Organization", "Token", "Metadata", "Audit", "Settings",
] as const;
export const ACTIONS = ["All", "Read", "Create", "Edit", "Delete", "Reset", "Import"] as const;

export type Resource = (typeof RESOURCES)[number];
export type Action = (typeof ACTIONS)[number];

export interface PermissionPair {
  resource: string;
  action: string;
}

/** Pure evaluation: does any held pair grant (resource, action)? Unknown strings grant nothing. */
export function grants(held: PermissionPair[], resource: Resource, action: Action) {
  return held.some(
    (p) =>
      (p.resource === "All" || p.resource === resource) &&
      (p.action === "All" || p.action === action) &&
      (RESOURCES as readonly string[]).includes(p.resource) &&
      (ACTIONS as readonly string[]).includes(p.action),
  );
}
