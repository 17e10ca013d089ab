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

const DELIVERED = "(Delivered over SMTP; the text is not kept.)";

export const absoluteUrl = (pathname: string) => new URL(pathname, appUrl).toString();

/**
 * Sends through SMTP when SMTP_URL is set; otherwise keeps the message in the outbox table so a
 * fresh install works end to end (the operator reads it on the Outbox page). Failures never throw
 * to the caller: the request that triggered the mail must not reveal delivery problems. A delivered
 * message is logged without its text and links: they can hold reset and invitation codes; a kept
 * one (outbox, failed delivery) holds them sealed with the instance key.
 */
export async function sendMail(mail: Mail) {
  const links = mail.links ?? [];
  const body = [mail.text, ...links.map((l) => `${l.label}: ${l.url}`)].join("\n\n");
  const row = { tenantId: mail.tenantId ?? null, to: mail.to, subject: mail.subject, ...sealBody({ text: mail.text, links }) };
  if (!env.SMTP_URL) {
    db.insert(emails).values({ ...row, status: "stored" }).run();
    return;
  }
  try {
    const nodemailer = await import("nodemailer");
    await nodemailer.createTransport(env.SMTP_URL).sendMail({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text: body });
    db.insert(emails).values({ ...row, text: DELIVERED, links: [], status: "sent" }).run();
  } catch (e) {
    db.insert(emails).values({ ...row, status: "failed", error: (e as Error).message.slice(0, 500) }).run();
  }
}
