import Link from "next/link";
import { targetHref } from "@/lib/audit/targets";

export interface AuditTargetView {
  targetType: string;
  targetId: string | null;
  targetLabel: string;
  /** The target user as the viewer may see them now; absent when out of reach (or not a user). */
  targetUser?: { email: string; fullName: string };
}

/** An event's target by name, linked to its page when the viewer can open it. */
export function AuditTarget({ e }: { e: AuditTargetView }) {
  const name = e.targetUser ? e.targetUser.fullName || e.targetUser.email : e.targetLabel || e.targetId || "—";
  // A user link only when the user is in reach (a deleted or foreign user would 404).
  const href = e.targetType === "user" && !e.targetUser ? null : targetHref(e.targetType, e.targetId);
  if (!href) return <span>{name}</span>;
  return (
    <Link href={href} className="underline-offset-4 hover:underline" title={e.targetUser?.email ?? e.targetLabel}>
      {name}
    </Link>
  );
}
