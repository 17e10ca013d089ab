/** Where an event's target lives in the console, when it has a page. */
export function targetHref(targetType: string, targetId: string | null) {
  if (!targetId) return null;
  const base = { user: "/admin/users", group: "/admin/groups", role: "/admin/roles", tenant: "/admin/tenants" }[targetType];
  return base ? `${base}/${encodeURIComponent(targetId)}` : null;
}
