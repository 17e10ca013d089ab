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

/** Appends one audit event, inside the caller's transaction when one is given. */
export async function audit(entry: AuditEntry, tx: Tx | DB = db) {
  await tx.insert(auditEvents).values({
    tenantId: entry.tenantId ?? null,
    actorId: entry.actorId ?? null,
    actorEmail: entry.actorEmail ?? "",
    action: entry.action,
    targetType: entry.targetType ?? "",
    targetId: entry.targetId ?? null,
    targetLabel: entry.targetLabel ?? "",
    ip: entry.ip ?? "",
    data: entry.data ?? {},
  });
}
