/**
 * The `code` query value of a link page (/reset-password, /invite, /join). Next.js hands a repeated
 * key over as an array, which would crash the lookup (`code.trim()`); only a single string can be
 * a code, and real codes are far shorter than 200 characters, so nothing longer is hashed.
 */
export const codeParam = (raw: string | string[] | undefined) => (typeof raw === "string" ? raw.slice(0, 200) : undefined);
