import type { Caller } from "@/lib/authz/caller";
import { audit } from "@/lib/audit/record";
import { selfOrPermitted } from "@/lib/users/scope";
import { listActiveSessions, revokeSession } from "./sessions";

/** An admin's view of another user's sessions (User/Read in that user's tenant). */
export function userSessions(caller: Caller, userId: string) {
  selfOrPermitted(caller, userId, "Read");
  return listActiveSessions(userId);
}

export function revokeUserSession(caller: Caller, userId: string, sessionId: string) {
  selfOrPermitted(caller, userId, "Edit");
  revokeSession(userId, sessionId);
  audit({ tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "session.revoked", targetType: "user", targetId: userId, data: { sessionId } });
}
