import { and, eq, inArray, not } from "drizzle-orm";
import { db } from "@/db/client";
import { startsWith } from "@/db/dialect";
import { emails } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/security/crypto";

type Body = { text: string; links: { label: string; url: string }[] };

/**
 * Mail bodies at rest: text and links (reset and invitation codes) are sealed together with the
 * instance key (AES-256-GCM, as TOTP secrets are) into the `text` column; `links` stays empty.
 * The prefix tells sealed rows from rows written before sealing existed, which read as plain.
 * The app never writes mail text starting with it (texts are fixed sentences).
 */
const SEALED = "sealed:";

export const sealBody = (body: Body): Body => ({ text: SEALED + encryptSecret(JSON.stringify(body)), links: [] });

/** The readable body of a stored row: only for sending it or showing it to a super admin. */
export function openBody(row: Body): Body {
  if (!row.text.startsWith(SEALED)) return { text: row.text, links: row.links };
  try {
    return JSON.parse(decryptSecret(row.text.slice(SEALED.length))) as Body;
  } catch {
    // A changed APP_SECRET must not break the Outbox page: the old messages are simply unreadable.
    return { text: "(Sealed with another instance key: this message cannot be read.)", links: [] };
  }
}

/** Seals rows stored in plain text by earlier versions (runs at start; a no-op once done). */
export async function sealPlainMail() {
  const plain = await db.select().from(emails).where(and(inArray(emails.status, ["stored", "failed"]), not(startsWith(emails.text, SEALED))));
  if (!plain.length) return 0;
  await db.transaction(async (tx) => {
    for (const row of plain) await tx.update(emails).set(sealBody({ text: row.text, links: row.links })).where(eq(emails.id, row.id));
  });
  return plain.length;
}
