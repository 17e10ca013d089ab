import { audit } from "@/lib/audit/record";
import { forbidden } from "@/lib/errors";
import type { Caller } from "./caller";

/** What was attempted, for the refusal's audit event. */
export interface Attempt {
  /** The audit action the change would have recorded, e.g. "user.roles_assigned". */
  action: string;
  tenantId?: string;
  targetType?: string;
  targetId?: string | null;
  targetLabel?: string;
  data?: Record<string, unknown>;
}

/**
 * Records a refused change ("authz.denied") and returns the 403 to throw (`throw await denied(…)`).
 * Call it before any write transaction is open: an event written inside one would be rolled back
 * with the change (and on SQLite it would wait for the connection that transaction holds).
 */
export async function denied(caller: Caller, message: string, attempt: Attempt) {
  await audit({
    tenantId: attempt.tenantId ?? caller.tenantId,
    actorId: caller.userId,
    actorEmail: caller.email,
    ip: caller.ip,
    action: "authz.denied",
    targetType: attempt.targetType,
    targetId: attempt.targetId,
    targetLabel: attempt.targetLabel,
    data: { attempted: attempt.action, reason: message, ...attempt.data },
  });
  return forbidden(message);
}
