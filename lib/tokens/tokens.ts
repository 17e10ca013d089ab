import { and, desc, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { assertCurrentPassword } from "@/lib/account/credentials";
import { audit } from "@/lib/audit/record";
import type { Caller } from "@/lib/authz/caller";
import { forbidden, notFound, validation } from "@/lib/errors";
import { checkSecondFactor, listMethods } from "@/lib/mfa/methods";
import { randomToken, sha256 } from "@/lib/security/crypto";
import { selfOrPermitted } from "@/lib/users/scope";

const TEMPORARY_TTL_MS = 3600_000;
export type TokenRow = typeof apiTokens.$inferSelect;

/**
 * Re-authentication for minting long-lived credentials: password, plus a code when MFA is on. The
 * code goes through the throttled check: a correct password clears the password counters, so
 * without it whoever holds the password could guess codes without limit.
 */
async function reauthenticate(caller: Caller, password: string, code: string | undefined) {
  await assertCurrentPassword(caller, password, "password");
  if ((await listMethods(caller.userId)).length > 0) {
    if (!code) throw validation("code: a two-factor code is required", "code");
    if (!(await checkSecondFactor(caller.userId, code))) throw validation("code: the two-factor code is not valid", "code");
  }
}

/** A permanent private API token with its refresh token, both shown once and stored as hashes. */
export async function generatePermanentToken(caller: Caller, input: { password: string; code?: string; name?: string }) {
  if (caller.tokenId) throw validation("Permanent tokens are created from a signed-in session, not from another API token");
  await reauthenticate(caller, input.password, input.code);
  const accessToken = randomToken();
  const refreshToken = randomToken();
  // With its audit event or not at all: no live token may exist that the log does not show.
  return await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId: caller.userId, tenantId: caller.tenantId, kind: "permanent", name: input.name?.trim() || "API token", tokenHash: sha256(accessToken), refreshTokenHash: sha256(refreshToken) })
      .returning();
    await audit({ tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "token.created", targetType: "token", targetId: row!.id, targetLabel: row!.name }, tx);
    return { id: row!.id, accessToken, refreshToken };
  });
}

/**
 * Rotates a permanent token: the old access and refresh tokens stop working. The rotation is
 * conditional on the refresh token still being the row's and the row unrevoked: between the read
 * and the write (the password check) a parallel refresh or a revocation may have changed it, and
 * then this one must lose, so that exactly one caller holds working tokens and a stolen refresh
 * token used beside the real one shows as a failure instead of two successes.
 */
export async function refreshPermanentToken(caller: Caller, input: { password: string; refreshToken: string }) {
  const live = and(eq(apiTokens.refreshTokenHash, sha256(input.refreshToken)), eq(apiTokens.userId, caller.userId), isNull(apiTokens.revokedAt));
  const [row] = await db.select().from(apiTokens).where(live).limit(1);
  if (!row) throw notFound("Unknown refresh token");
  await assertCurrentPassword(caller, input.password, "password");
  const accessToken = randomToken();
  const refreshToken = randomToken();
  await db.transaction(async (tx) => {
    const rotated = await tx.update(apiTokens).set({ tokenHash: sha256(accessToken), refreshTokenHash: sha256(refreshToken) }).where(and(eq(apiTokens.id, row.id), live)).returning({ id: apiTokens.id });
    if (!rotated.length) throw notFound("Unknown refresh token");
    await audit({ tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "token.refreshed", targetType: "token", targetId: row.id, targetLabel: row.name }, tx);
  });
  return { accessToken, refreshToken };
}

/**
 * A private token with the caller's rights and a read-only public one, both for one hour. A
 * temporary token cannot mint more: a public one would escalate itself to full rights, a private
 * one would extend its own one-hour life indefinitely.
 */
export async function generateTemporaryTokens(caller: Caller) {
  if (caller.readOnly) throw forbidden("A read-only token cannot create tokens");
  if (caller.tokenId) {
    const [own] = await db.select({ kind: apiTokens.kind }).from(apiTokens).where(eq(apiTokens.id, caller.tokenId));
    if (own?.kind !== "permanent") throw forbidden("A temporary token cannot create tokens; use a session or a permanent API token");
  }
  const expiresAt = new Date(Date.now() + TEMPORARY_TTL_MS);
  const privateToken = randomToken();
  const publicToken = randomToken();
  const row = (kind: "temporary_private" | "temporary_public", token: string) => ({
    userId: caller.userId, tenantId: caller.tenantId, kind, name: kind === "temporary_public" ? "Temporary public" : "Temporary private", tokenHash: sha256(token), readOnly: kind === "temporary_public", expiresAt,
  });
  // Both or neither: a failed second insert must not leave a private token nobody was given.
  await db.transaction(async (tx) => {
    await tx.insert(apiTokens).values(row("temporary_private", privateToken));
    await tx.insert(apiTokens).values(row("temporary_public", publicToken));
  });
  return { privateToken, publicToken, expiresAt };
}

export async function listTokens(caller: Caller, userId: string) {
  await selfOrPermitted(caller, userId, "Read");
  const rows = await db.select().from(apiTokens).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))).orderBy(desc(apiTokens.createdAt));
  return rows.filter((t) => !t.expiresAt || t.expiresAt.getTime() > Date.now());
}

/** Revokes one token of a user: the owner, or an admin of the user's tenant. */
export async function revokeToken(caller: Caller, userId: string, tokenId: string) {
  await selfOrPermitted(caller, userId, "Edit");
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!revoked.length) throw notFound("Token not found");
  await audit({ tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "token.revoked", targetType: "token", targetId: tokenId, data: { userId } });
}
