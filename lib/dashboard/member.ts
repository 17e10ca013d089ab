import { count, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { vaultEntries, vaultGroups } from "@/db/schema";
import type { Caller } from "@/lib/authz/caller";
import { listMethods, remainingRecoveryCodes } from "@/lib/mfa/methods";
import { passkeysOf } from "@/lib/passkeys/store";
import { listActiveSessions } from "@/lib/sessions/sessions";
import { findUserById } from "@/lib/users/records";

export interface MemberSummary {
  mfa: { required: boolean; authenticator: boolean; pin: boolean; passkeys: number; recoveryCodes: number };
  sessions: { active: number; lastSignInAt: Date | null };
  vault: { entries: number; groups: number };
}

/** The caller's own account at a glance: second factors, sessions and vault. */
export async function memberSummary(caller: Caller): Promise<MemberSummary> {
  const [user, methods, keys, codes, sessions, [entries], [groups]] = await Promise.all([
    findUserById(caller.userId),
    listMethods(caller.userId),
    passkeysOf(caller.userId),
    remainingRecoveryCodes(caller.userId),
    listActiveSessions(caller.userId),
    db.select({ n: count() }).from(vaultEntries).where(eq(vaultEntries.userId, caller.userId)),
    db.select({ n: count() }).from(vaultGroups).where(eq(vaultGroups.userId, caller.userId)),
  ]);
  return {
    mfa: {
      required: !!user?.mfaRequired,
      authenticator: methods.some((m) => m.kind === "authenticator"),
      pin: methods.some((m) => m.kind === "pin"),
      passkeys: keys.length,
      recoveryCodes: codes,
    },
    sessions: { active: sessions.length, lastSignInAt: user?.lastLoginAt ?? null },
    vault: { entries: entries!.n, groups: groups!.n },
  };
}
