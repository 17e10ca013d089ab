import { db, type DB, type Tx } from "@/db/client";
import { auditEvents } from "@/db/schema";

export interface AuditEntry {
  tenantId?: string | null;
  actorId?: string | null;
  actorEmail?: string;
  action: string;
  targetType?: string;
  targetId?: string | null;
  targetLabel?: string;
  ip?: string;
  /** Never put secrets here: it is shown to admins and exported. */
  data?: Record<string, unknown>;
}

/**
 * Labels come from what a client typed (a failed sign-in records the id it was given), and audit
 * rows are kept: cap them so a request cannot store megabytes. An address or sign-in id fits.
 */
export const AUDIT_LABEL_MAX = 320;

function capLabel(label: string | undefined) {
  if (!label || label.length <= AUDIT_LABEL_MAX) return label ?? "";
  const cut = label.slice(0, AUDIT_LABEL_MAX);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut; // never half a surrogate pair
}

/** Appends one audit event, inside the caller's transaction when one is given. */
export async function audit(entry: AuditEntry, tx: Tx | DB = db) {
  await tx.insert(auditEvents).values({
    tenantId: entry.tenantId ?? null,
    actorId: entry.actorId ?? null,
    actorEmail: capLabel(entry.actorEmail),
    action: entry.action,
    targetType: entry.targetType ?? "",
    targetId: entry.targetId ?? null,
    targetLabel: capLabel(entry.targetLabel),
    ip: entry.ip ?? "",
    data: entry.data ?? {},
  });
}
