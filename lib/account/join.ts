import { and, eq, gt, isNull } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { memberships, oneTimeCodes, tenants, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { sendTemplatedMail } from "@/lib/email/templates";
import { validation } from "@/lib/errors";
import { randomToken, sha256 } from "@/lib/security/crypto";
import { verifyPassword } from "@/lib/security/password";
import { consumeClientRate } from "@/lib/security/throttle";
import { INVITE_TTL_MS } from "./one-time-codes";

/**
 * "Join" links: an admin added an address that already has an account (the membership waits,
 * granting nothing, until the owner accepts), or someone self-registered (the chosen password
 * starts working only once the mailbox confirms). Either way the answer to whoever asked is the
 * same as for a new address, and only the mailbox owner can finish it.
 */
const INVALID = "This link is invalid or has expired. Ask for a new one.";

/** One live join code per account and tenant: a new one replaces the older, other tenants' stay. */
export async function issueJoinCode(tx: Tx | DB, userId: string, tenantId: string, passwordHash?: string) {
  const code = randomToken(24);
  await tx
    .update(oneTimeCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.tenantId, tenantId), eq(oneTimeCodes.purpose, "join"), isNull(oneTimeCodes.usedAt)));
  await tx.insert(oneTimeCodes).values({ userId, tenantId, purpose: "join", codeHash: sha256(code), passwordHash: passwordHash ?? null, expiresAt: new Date(Date.now() + INVITE_TTL_MS) });
  return code;
}

const tenantName = async (tenantId: string) => (await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId)))[0]?.name ?? "a tenant";

export async function mailTenantInvitation(to: string, tenantId: string, code: string, invitedBy: string) {
  const name = await tenantName(tenantId);
  return await sendTemplatedMail(to, tenantId, "tenantInvitation", { invitedBy, tenant: name, code });
}

export async function mailRegistrationConfirmation(to: string, tenantId: string, code: string) {
  const name = await tenantName(tenantId);
  return await sendTemplatedMail(to, tenantId, "registrationConfirmation", { email: to, tenant: name, code });
}

/** The owner of an existing address is told, instead of the registrant being told "taken". */
export async function mailRegistrationAttempt(to: string, tenantId: string) {
  const name = await tenantName(tenantId);
  return await sendTemplatedMail(to, tenantId, "registrationAttempt", { email: to, tenant: name });
}

async function liveJoinCode(code: string) {
  const [row] = await db
    .select()
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.codeHash, sha256(code.trim())), eq(oneTimeCodes.purpose, "join"), isNull(oneTimeCodes.usedAt), gt(oneTimeCodes.expiresAt, new Date())))
    .limit(1);
  return row;
}

/** What the /join page shows before anything happens (opening the link changes nothing). */
export async function describeJoinCode(code: string) {
  const row = await liveJoinCode(code);
  if (!row?.tenantId) return undefined;
  return { tenantName: await tenantName(row.tenantId), needsPassword: !!row.passwordHash };
}

/**
 * Accepts a join link: the membership becomes active, and a self-registration's password starts
 * working. A self-registration also needs that password, so a mailbox owner who did not register
 * cannot be made to confirm an account whose password a stranger chose.
 */
export async function acceptJoin(input: { code: string; password?: string }, ctx: { ip: string }) {
  await consumeClientRate("redeem-ip", ctx.ip, 30, 600);
  const row = await liveJoinCode(input.code);
  const user = row?.tenantId ? (await db.select().from(users).where(eq(users.id, row.userId)))[0] : undefined;
  if (!row?.tenantId || !user) throw validation(INVALID, "code");
  if (row.passwordHash && !(await verifyPassword(row.passwordHash, input.password ?? "")))
    throw validation("Enter the password chosen when registering", "password");
  const tenantId = row.tenantId;
  return await db.transaction(async (tx) => {
    const won = await tx.update(oneTimeCodes).set({ usedAt: new Date() }).where(and(eq(oneTimeCodes.id, row.id), isNull(oneTimeCodes.usedAt))).returning({ id: oneTimeCodes.id });
    if (!won.length) throw validation(INVALID, "code");
    const joined = await tx.update(memberships).set({ invitedAt: null }).where(and(eq(memberships.userId, user.id), eq(memberships.tenantId, tenantId))).returning({ id: memberships.id });
    if (!joined.length) throw validation(INVALID, "code"); // removed from the tenant meanwhile
    if (row.passwordHash && !user.passwordHash)
      await tx.update(users).set({ passwordHash: row.passwordHash, passwordUpdatedAt: new Date(), verified: true }).where(eq(users.id, user.id));
    const action = row.passwordHash ? "registration.confirmed" : "membership.accepted";
    await audit({ tenantId, actorId: user.id, actorEmail: user.email, ip: ctx.ip, action, targetType: "user", targetId: user.id, targetLabel: user.email }, tx);
    return { tenantId, email: user.email };
  });
}
