import { sql, type AnyColumn } from "drizzle-orm";

/** Escapes LIKE wildcards so a user's "50%" or "a_b" matches literally. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Case-insensitive (ASCII) substring match. */
export const contains = (column: AnyColumn, text: string) => sql`${column} like ${`%${literal(text)}%`} escape '\\'`;

/** Case-insensitive (ASCII) prefix match; can use an index on the column when it is NOCASE. */
export const startsWith = (column: AnyColumn, text: string) => sql`${column} like ${`${literal(text)}%`} escape '\\'`;
