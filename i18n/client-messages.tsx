import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

/** Namespaces every client component may use (the error page, shared words, the shared controls of components/forms and components/ui). */
const ALWAYS = ["common", "errorPage", "forms"];

/**
 * Hands client components below only the namespaces they use, so a page's payload carries its own
 * strings and not the whole catalogue. A nested provider replaces the outer one's messages, hence
 * ALWAYS. Locale and time zone are inherited from i18n/request.ts.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: string[]; children: React.ReactNode }) {
  const messages = await getMessages();
  const picked = Object.fromEntries([...ALWAYS, ...namespaces].filter((ns) => ns in messages).map((ns) => [ns, messages[ns]]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
