"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { sendPasswordResetEmail } from "@/lib/account/one-time-codes";
import { authedAction } from "@/lib/auth/action";
import { addMembers, removeMembers } from "@/lib/groups/groups";
import { removeMfa, resetMfa, setMfa } from "@/lib/mfa/admin";
import { adminRemovePasskey } from "@/lib/passkeys/passkeys";
import { assignRoles, unassignRoles } from "@/lib/roles/roles";
import { revokeUserSession, signOutUserEverywhere } from "@/lib/sessions/admin";
import { startDeleteUsers } from "@/lib/users/delete";
import { updateUsers } from "@/lib/users/update";
import { emailAddress } from "@/lib/input/schemas";

const done = (id: string) => revalidatePath(`/admin/users/${id}`);

export const updateUserAction = authedAction(
  z.object({
    userId: z.uuid(),
    email: emailAddress("validation.email", "validation.emailTooLong"),
    firstName: z.string().trim().max(100),
    lastName: z.string().trim().max(100),
    active: z.boolean(),
  }),
  async (caller, { userId, ...patch }) => {
    await updateUsers(caller, [userId], patch);
    done(userId);
    return null;
  },
);

export const userMfaAction = authedAction(
  z.object({ userId: z.uuid(), op: z.enum(["force", "reset", "remove", "pin"]), pin: z.string().optional() }),
  async (caller, { userId, op, pin }) => {
    if (op === "force") await setMfa(caller, [userId], "2FA", "");
    if (op === "pin") await setMfa(caller, [userId], "PIN", pin ?? "");
    if (op === "reset") await resetMfa(caller, [userId]);
    if (op === "remove") await removeMfa(caller, [userId], "2FA");
    done(userId);
    return null;
  },
);

export const userRoleAction = authedAction(z.object({ userId: z.uuid(), role: z.string().min(1, "admin.validation.role"), assign: z.boolean() }), async (caller, { userId, role, assign }) => {
  await (assign ? assignRoles : unassignRoles)(caller, userId, caller.tenantId, [role]);
  done(userId);
  return null;
});

export const revokeUserSessionAction = authedAction(z.object({ userId: z.uuid(), sessionId: z.uuid() }), async (caller, { userId, sessionId }) => {
  await revokeUserSession(caller, userId, sessionId);
  done(userId);
  return null;
});

export const removeUserPasskeyAction = authedAction(z.object({ userId: z.uuid(), passkeyId: z.uuid() }), async (caller, { userId, passkeyId }) => {
  await adminRemovePasskey(caller, userId, passkeyId);
  done(userId);
  return null;
});

/** Deletion is a background job (as in bulk): the page follows it on the job's progress page. */
export const deleteUserAction = authedAction(z.object({ userId: z.uuid() }), async (caller, { userId }) => {
  const job = await startDeleteUsers(caller, [userId]);
  return { jobId: job.id };
});

export const sendPasswordResetAction = authedAction(z.object({ userId: z.uuid() }), async (caller, { userId }) => {
  const { email } = await sendPasswordResetEmail(caller, userId);
  done(userId);
  return { email };
});

export const signOutEverywhereAction = authedAction(z.object({ userId: z.uuid() }), async (caller, { userId }) => {
  const ended = await signOutUserEverywhere(caller, userId);
  done(userId);
  return { sessions: ended.sessions, tokens: ended.tokens };
});

export const userGroupAction = authedAction(
  z.object({ userId: z.uuid(), groupId: z.uuid("admin.validation.group"), add: z.boolean() }),
  async (caller, { userId, groupId, add }) => {
    await (add ? addMembers : removeMembers)(caller, groupId, [userId]);
    done(userId);
    return null;
  },
);
