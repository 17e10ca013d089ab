/**
 * Every mail we send: the message keys under `email.<template>` (messages/*.json) besides its
 * subject and body, and the pages its links open. `bodyBy` is the body used when an `invitedBy`
 * value is given. Kept apart from templates.ts (no database) so the message-key test can read it.
 */
export const MAIL_TEMPLATES = {
  reset: { bodyBy: false, links: [["link", "/reset-password?code={code}"]] },
  invitation: { bodyBy: true, links: [["link", "/invite?code={code}"]] },
  tenantInvitation: { bodyBy: false, links: [["link", "/join?code={code}"]] },
  registrationConfirmation: { bodyBy: false, links: [["link", "/join?code={code}"]] },
  registrationAttempt: { bodyBy: false, links: [["signIn", "/login"], ["reset", "/forgot-password"]] },
  passwordChanged: { bodyBy: false, links: [] },
  emailChangedOld: { bodyBy: false, links: [] },
  emailChangedNew: { bodyBy: false, links: [] },
  accountCreated: { bodyBy: false, links: [] },
} as const satisfies Record<string, { bodyBy: boolean; links: readonly (readonly [string, string])[] }>;
export type MailTemplate = keyof typeof MAIL_TEMPLATES;

/** The keys a template's messages must have. */
export const mailKeys = (template: MailTemplate) => {
  const spec = MAIL_TEMPLATES[template];
  return ["subject", "body", ...(spec.bodyBy ? ["bodyBy"] : []), ...spec.links.map(([label]) => label)];
};
