import type { AuditRowView } from "@/components/audit/audit-table";
import type { AuditRow } from "@/lib/audit/query";

/** An audit event as the client table receives it (serialisable, labelled by `label`: lib/audit/labels). */
export const auditRowView = (e: AuditRow, label: (e: AuditRow) => string): AuditRowView => ({
  id: e.id,
  createdAt: e.createdAt.toISOString(),
  tenantId: e.tenantId,
  tenantName: e.tenantName,
  actorId: e.actorId,
  actorEmail: e.actorEmail,
  action: e.action,
  label: label(e),
  targetType: e.targetType,
  targetId: e.targetId,
  targetLabel: e.targetLabel,
  targetUser: e.targetUser,
  ip: e.ip,
  data: e.data,
});
