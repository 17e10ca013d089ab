import { db } from "@/db/client";
import { emails } from "@/db/schema";
import { appUrl, env } from "@/lib/env";
import { sealBody } from "./sealed";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  links?: { label: string; url: string }[];
  tenantId?: string | null;
}

export const absoluteUrl = (pathname: string) => new URL(pathname, appUrl).toString();

/**
 * Queues a message. With SMTP_URL set it is written "queued" and the mail worker of any instance
 * sends it (lib/email/queue.ts): the request returns once the row is committed, so a process that
 * dies after answering loses nothing, and delivery problems never reach (or slow) the caller.
 * Without SMTP_URL it is "stored": the Outbox page shows it, so a fresh install works end to end.
 * Text and links are sealed with the instance key either way (they hold reset and invitation codes).
 */
export async function sendMail(mail: Mail) {
  const row = { tenantId: mail.tenantId ?? null, to: mail.to, subject: mail.subject, ...sealBody({ text: mail.text, links: mail.links ?? [] }) };
  if (!env.SMTP_URL) {
    await db.insert(emails).values({ ...row, status: "stored" });
    return;
  }
  await db.insert(emails).values({ ...row, status: "queued", nextAttemptAt: new Date() });
  const { kickMail } = await import("./queue");
  kickMail();
}
