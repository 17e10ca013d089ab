/**
 * PostgreSQL refuses U+0000 in any text parameter (SQLSTATE 22021), which would surface as a 500
 * from whatever query first sees the string; SQLite stores it and C-string tooling later cuts the
 * value short. No field has a use for it, so the API and the server actions refuse it up front,
 * before any database access, with a 400 naming the field.
 */
export const NUL_MESSAGE = "must not contain the NUL character (U+0000)";

/** The path ("user.email", "roles.2", "" for the value itself) of the first string holding U+0000, or null. */
export function findNul(value: unknown, path = "", depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  // Parsed JSON and form values are shallow; the cap only guards against a cyclic object.
  if (!value || typeof value !== "object" || depth > 64) return null;
  const entries: [string, unknown][] =
    value instanceof FormData ? [...value.entries()] : Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [key, v] of entries) {
    if (key.includes("\u0000")) return path; // the key itself: name its parent, not the NUL
    const found = findNul(v, path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
