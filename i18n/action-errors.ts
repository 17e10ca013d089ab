import "server-only";
import { getTranslations } from "next-intl/server";
import { libErrorKey } from "./lib-errors";

interface Failure {
  ok: false;
  message: string;
  code?: string;
  fieldErrors?: Record<string, string>;
  retryAfter?: number;
}

/**
 * A failed server action in the request's language. Zod messages of action schemas are message
 * keys ("validation.email", or an area's own: "admin.validation.groupName", "vault.errors.length"); lib's English messages are looked up in LIB_ERRORS. `code` is the
 * key, so a form can react to a kind of failure (an expired sign-in) whatever the language.
 */
/** A message that is a key: dotted words, no spaces (no English sentence looks like that). */
const isKey = (message: string) => /^(admin\.)?validation\./.test(message) || /^[a-z][A-Za-z]*\.errors\.[A-Za-z0-9]+$/.test(message);

export async function localizeFailure(failure: Failure): Promise<Failure> {
  const t = await getTranslations();
  const keyOf = (message: string) => (isKey(message) ? { key: message, values: undefined } : libErrorKey(message));
  const translate = (message: string) => {
    const found = keyOf(message);
    return found && t.has(found.key) ? t(found.key, found.values) : message;
  };
  const fieldErrors = failure.fieldErrors && Object.fromEntries(Object.entries(failure.fieldErrors).map(([field, m]) => [field, translate(m)]));
  return { ...failure, message: translate(failure.message), code: keyOf(failure.message)?.key, fieldErrors };
}
