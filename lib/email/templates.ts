import { createTranslator } from "next-intl";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { recipientLocale } from "@/lib/i18n/preferences";
import type { Locale } from "@/lib/i18n/negotiate";
import { findUserByEmail } from "@/lib/users/records";
import { absoluteUrl, sendMail } from "./send";
import { MAIL_TEMPLATES, type MailTemplate } from "./template-keys";

const MESSAGES: Record<Locale, typeof en> = { en, de, fr };

/** Subject, text and links of a mail in one language (exported for tests). */
export function renderMail(template: MailTemplate, locale: Locale, values: Record<string, string>) {
  const spec = MAIL_TEMPLATES[template];
  // Keys are checked per template by the message-key test (test/i18n/messages.test.ts).
  const t = createTranslator({ locale, messages: MESSAGES[locale] }) as unknown as (key: string, values?: Record<string, string>) => string;
  const key = (k: string) => `email.${template}.${k}`;
  return {
    subject: t(key("subject"), values),
    text: t(key(spec.bodyBy && values.invitedBy ? "bodyBy" : "body"), values),
    links: spec.links.map(([label, path]) => ({ label: t(key(label), values), url: absoluteUrl(path.replace("{code}", encodeURIComponent(values.code ?? ""))) })),
  };
}

/**
 * Queues a mail in the recipient's language: their language setting, else the first of their
 * profile languages we have, else English (lib/i18n/preferences). An address without an account
 * gets English. `userId` names the account when `to` is no longer its address (an email change).
 */
export async function sendTemplatedMail(to: string, tenantId: string | null | undefined, template: MailTemplate, values: Record<string, string> = {}, userId?: string) {
  const locale = await recipientLocale(userId ?? (await findUserByEmail(to))?.id);
  await sendMail({ to, tenantId, ...renderMail(template, locale, values) });
}
