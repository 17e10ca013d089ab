import { getTranslations } from "next-intl/server";

/**
 * What each recorded audit action means, in words, for the audit log and the dashboard, in the
 * request's language: the keys `admin.audit.actions.<namespace>.<name>` of messages/*.json. Every
 * action the code records must have one in every language (labels.test.ts scans the sources); the
 * stored action stays the machine name (filters, CSV and the APIs use it).
 */
export async function eventLabeller() {
  const t = await getTranslations("admin.audit");
  /** The label of an action; one the messages do not know yet shows as recorded. */
  const label = (action: string) => {
    const [, ns, name] = /^([a-z]+)\.([a-z_]+)$/.exec(action) ?? [];
    return ns && name && t.has(`actions.${ns}.${name}`) ? t(`actions.${ns}.${name}`) : action;
  };
  /** An event's label; a refusal names what was refused ("Refused: Role given"). */
  return (e: { action: string; data?: Record<string, unknown> | null }) => {
    const attempted = e.action === "authz.denied" && typeof e.data?.attempted === "string" ? e.data.attempted : undefined;
    return attempted ? t("refused", { what: label(attempted) }) : label(e.action);
  };
}
