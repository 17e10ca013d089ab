import type { AuditRowView } from "@/components/audit/audit-table";
import type { AuditRow } from "@/lib/audit/query";
import { eventLabel } from "@/lib/audit/labels";

/** An audit event as the client table receives it (serialisable, labelled). */
export const auditRowView = (e: AuditRow): AuditRowView => ({
  id: e.id,
  createdAt: e.createdAt.toISOString(),
  tenantId: e.tenantId,
  tenantName: e.tenantName,
  actorId: e.actorId,
  actorEmail: e.actorEmail,
  action: e.action,
  label: eventLabel(e),
  targetType: e.targetType,
  targetId: e.targetId,
  targetLabel: e.targetLabel,
  targetUser: e.targetUser,
  ip: e.ip,
  data: e.data,
});
