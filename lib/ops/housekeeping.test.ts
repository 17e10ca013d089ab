import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { apiTokens, authChallenges, oneTimeCodes, sessions, throttles, trustedDevices, webauthnChallenges } from "@/db/schema";
import { defaultTenant } from "@/lib/bootstrap";
import { randomToken } from "@/lib/security/crypto";
import { makeUser } from "@/test/factories";
import { sweepEnded } from "./housekeeping";

const DAY = 24 * 3600_000;
const at = (msAgo: number) => new Date(Date.now() - msAgo);
const hash = () => randomToken();

describe("housekeeping", () => {
  it("deletes what has ended and keeps everything still usable or recently ended", async () => {
    const user = await makeUser();
    const tenantId = (await defaultTenant())!.id;
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
    const challenge = (expiresAt: Date) => ({ userId: user.id, tenantId, kind: "mfa" as const, secretHash: hash(), expiresAt });
    const [oldChallenge, liveChallenge] = ids(await db.insert(authChallenges).values([challenge(at(2 * 3600_000)), challenge(at(-300_000))]).returning());
    const ceremony = (expiresAt: Date) => ({ purpose: "login" as const, challengeHash: hash(), expiresAt });
    const [oldCeremony, liveCeremony] = ids(await db.insert(webauthnChallenges).values([ceremony(at(2 * 3600_000)), ceremony(at(-300_000))]).returning());
    const code = (expiresAt: Date) => ({ userId: user.id, tenantId, purpose: "reset" as const, codeHash: hash(), expiresAt });
    const [oldCode, recentCode] = ids(await db.insert(oneTimeCodes).values([code(at(2 * DAY)), code(at(3600_000))]).returning());
    const device = (expiresAt: Date) => ({ userId: user.id, tokenHash: hash(), expiresAt });
    const [oldDevice, liveDevice] = ids(await db.insert(trustedDevices).values([device(at(2 * DAY)), device(at(-DAY))]).returning());
    const session = (v: { createdAt: Date; expiresAt: Date; revokedAt?: Date }) => ({ userId: user.id, tenantId, kind: "api" as const, accessTokenHash: hash(), refreshTokenHash: hash(), lastSeenAt: v.createdAt, ...v });
    const [revokedLongAgo, revokedYesterday, pastRefresh, stillRefreshable] = ids(
      await db
        .insert(sessions)
        .values([
          session({ createdAt: at(20 * DAY), expiresAt: at(19 * DAY), revokedAt: at(8 * DAY) }),
          session({ createdAt: at(20 * DAY), expiresAt: at(19 * DAY), revokedAt: at(DAY) }),
          session({ createdAt: at(40 * DAY), expiresAt: at(39 * DAY) }),
          // Its access token expired long ago, but its refresh token still works (30 days from creation).
          session({ createdAt: at(25 * DAY), expiresAt: at(24 * DAY) }),
        ])
        .returning(),
    );
    const token = (v: { kind: "permanent" | "temporary_private"; expiresAt?: Date; revokedAt?: Date }) => ({ userId: user.id, tenantId, tokenHash: hash(), ...v });
    const [revokedToken, expiredTemporary, permanent] = ids(
      await db
        .insert(apiTokens)
        .values([token({ kind: "permanent", revokedAt: at(8 * DAY) }), token({ kind: "temporary_private", expiresAt: at(8 * DAY) }), token({ kind: "permanent" })])
        .returning(),
    );
    const key = `acct:${user.email}`;
    await db.insert(throttles).values([
      { key: `${key}:idle`, failures: 3, updatedAt: at(2 * DAY) },
      { key: `${key}:recent`, failures: 3, updatedAt: at(3600_000) },
    ]);

    const deleted = await sweepEnded();

    const remaining = async (rows: Promise<{ id: string }[]>) => ids(await rows).sort();
    const only = (...wanted: (string | undefined)[]) => (wanted as string[]).sort();
    expect(await remaining(db.select({ id: authChallenges.id }).from(authChallenges).where(inArray(authChallenges.id, [oldChallenge!, liveChallenge!])))).toEqual(only(liveChallenge));
    expect(await remaining(db.select({ id: webauthnChallenges.id }).from(webauthnChallenges).where(inArray(webauthnChallenges.id, [oldCeremony!, liveCeremony!])))).toEqual(only(liveCeremony));
    expect(await remaining(db.select({ id: oneTimeCodes.id }).from(oneTimeCodes).where(inArray(oneTimeCodes.id, [oldCode!, recentCode!])))).toEqual(only(recentCode));
    expect(await remaining(db.select({ id: trustedDevices.id }).from(trustedDevices).where(inArray(trustedDevices.id, [oldDevice!, liveDevice!])))).toEqual(only(liveDevice));
    expect(await remaining(db.select({ id: sessions.id }).from(sessions).where(inArray(sessions.id, [revokedLongAgo!, revokedYesterday!, pastRefresh!, stillRefreshable!])))).toEqual(
      only(revokedYesterday, stillRefreshable),
    );
    expect(await remaining(db.select({ id: apiTokens.id }).from(apiTokens).where(inArray(apiTokens.id, [revokedToken!, expiredTemporary!, permanent!])))).toEqual(only(permanent));
    expect((await db.select({ key: throttles.key }).from(throttles).where(inArray(throttles.key, [`${key}:idle`, `${key}:recent`]))).map((r) => r.key)).toEqual([`${key}:recent`]);
    expect(deleted).toMatchObject({ auth_challenges: 1, webauthn_challenges: 1, one_time_codes: 1, trusted_devices: 1, sessions: 2, api_tokens: 2, throttles: 1 });

    // A second sweep finds nothing more.
    expect(Object.values(await sweepEnded()).every((n) => n === 0)).toBe(true);
    expect((await db.select().from(sessions).where(eq(sessions.userId, user.id))).length).toBe(2);
  });
});
