/** Users table constants, importable by browser code (no database here). */
export const SORTS = ["email", "name", "created", "lastLogin", "status"] as const;
export const PAGE_SIZES = [10, 25, 50, 100] as const;
