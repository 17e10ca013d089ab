import { and, asc, eq, isNull, lt, lte, or } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import { db } from "@/db/client";
import { claimable } from "@/db/dialect";
import { emails } from "@/db/schema";
import { env } from "@/lib/env";
import { poller } from "@/lib/ops/poller";
import { openBody } from "./sealed";

/**
 * The outgoing mail queue. Every instance runs a worker; a worker claims one due message at a time
 * with a lease (one UPDATE over a SKIP LOCKED pick on PostgreSQL), sends it outside any
 * transaction, then marks it sent. A failed attempt is retried with backoff; after the last it is
 * "failed" (kept sealed, shown in the Outbox). A process that dies mid-send leaves a lease that
 * lapses, and another instance sends the message.
 */
const LEASE_MS = 60_000;
const POLL_MS = Number(process.env.MAIL_POLL_SECONDS ?? 5) * 1000;
/** Delays before attempts 2, 3, …: about a day of retries in all. */
const BACKOFF_S = [30, 120, 600, 3600, 6 * 3600, 18 * 3600];
export const DELIVERED = "(Delivered over SMTP; the text is not kept.)";

let transport: Transporter | undefined;

const leaseFree = () => or(isNull(emails.leaseUntil), lt(emails.leaseUntil, new Date()));

async function claim() {
  const now = new Date();
  const next = db
    .select({ id: emails.id })
    .from(emails)
    .where(and(eq(emails.status, "queued"), lte(emails.nextAttemptAt, now), leaseFree()))
    .orderBy(asc(emails.nextAttemptAt))
    .limit(1);
  const [row] = await db
    .update(emails)
    .set({ leaseUntil: new Date(now.getTime() + LEASE_MS) })
    .where(and(eq(emails.id, claimable(next)), eq(emails.status, "queued"), leaseFree()))
    .returning();
  return row;
}

async function deliver(row: typeof emails.$inferSelect) {
  const body = openBody(row);
  try {
    const nodemailer = await import("nodemailer");
    transport ??= nodemailer.createTransport(env.SMTP_URL);
    await transport.sendMail({ from: env.MAIL_FROM, to: row.to, subject: row.subject, text: [body.text, ...body.links.map((l) => `${l.label}: ${l.url}`)].join("\n\n") });
    // Delivered: the text (live codes) is not kept; the row stays as the delivery record.
    await db.update(emails).set({ status: "sent", text: DELIVERED, links: [], error: null, attempts: row.attempts + 1, leaseUntil: null }).where(eq(emails.id, row.id));
  } catch (e) {
    const attempts = row.attempts + 1;
    const delay = BACKOFF_S[attempts - 1];
    const error = (e as Error).message.slice(0, 500);
    await db
      .update(emails)
      .set(delay === undefined ? { status: "failed", error, attempts, leaseUntil: null } : { error, attempts, nextAttemptAt: new Date(Date.now() + delay * 1000), leaseUntil: null })
      .where(eq(emails.id, row.id));
  }
}

/** Sends every message due now, one at a time (exported for tests; the worker calls it). */
export async function sendDueMail() {
  while (!loop.state.stopping) {
    const row = await claim();
    if (!row) return;
    await deliver(row);
  }
}

const loop = poller("mail", POLL_MS, sendDueMail);

/** Sends what is due now, in a server that runs the worker. */
export const kickMail = loop.kick;

export function startMailWorker() {
  if (env.SMTP_URL) loop.start();
}

/** SIGTERM: finish the message being sent, take no more. */
export async function stopMailWorker() {
  await loop.stop();
  transport?.close();
}
