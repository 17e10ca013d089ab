/**
 * The descriptions the built-in roles are created with (lib/tenants/defaults.ts). They are stored
 * in English like any description; pages show a translation (admin.roles.builtInDescriptions.<name>)
 * while the stored text is still this stock one, and an admin's own wording as typed.
 */
export const BUILT_IN_ROLE_DESCRIPTIONS = {
  admin: "Full administration of this tenant",
  member: "Signed-in user; self-service only",
} as const;

export type BuiltInRole = keyof typeof BUILT_IN_ROLE_DESCRIPTIONS;

/** The built-in role whose stock description this role still carries, if it does. */
export function stockDescriptionOf(role: { name: string; description: string; isSystem: boolean }): BuiltInRole | undefined {
  if (!role.isSystem || !Object.hasOwn(BUILT_IN_ROLE_DESCRIPTIONS, role.name)) return undefined;
  const name = role.name as BuiltInRole;
  return BUILT_IN_ROLE_DESCRIPTIONS[name] === role.description ? name : undefined;
}
