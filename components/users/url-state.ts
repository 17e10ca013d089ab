import type { UserQuery } from "@/lib/users/list";

const DEFAULTS: Partial<Record<keyof UserQuery, string>> = { sort: "created", dir: "desc", size: "25" };

/**
 * The users table URL for a query plus changes; defaults are left out so URLs stay short. Any
 * change other than a page step starts from the first page again (the cursors belong to the old
 * order and filters).
 */
export function usersHref(query: UserQuery, change: Partial<Record<keyof UserQuery, string | number | undefined>>) {
  const merged: Record<string, string | number | undefined> = { ...query, after: undefined, before: undefined, ...change };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === "" || DEFAULTS[k as keyof UserQuery] === String(v)) continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `/admin/users?${s}` : "/admin/users";
}
