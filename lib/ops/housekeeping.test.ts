import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, rawRows } from "@/db/client";
import { engine } from "@/db/engine";
import { apiTokens, authChallenges, oneTimeCodes, sessions, throttles, trustedDevices, webauthnChallenges } from "@/db/schema";
import { defaultTenant } from "@/lib/bootstrap";
import { randomToken } from "@/lib/security/crypto";
import { makeTenant, makeUser } from "@/test/factories";
import { housekeepingPass, sweepEnded } from "./housekeeping";

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
    const [revokedLongAgo, revokedYesterday, expiredLongAgo, expiredYesterday] = ids(
      await db
        .insert(sessions)
        .values([
          session({ createdAt: at(20 * DAY), expiresAt: at(19 * DAY), revokedAt: at(8 * DAY) }),
          session({ createdAt: at(2 * DAY), expiresAt: at(-DAY), revokedAt: at(DAY) }),
          session({ createdAt: at(9 * DAY), expiresAt: at(8 * DAY) }),
          // Nothing renews a session, but an ended one is kept a week (why was I signed out?).
          session({ createdAt: at(2 * DAY), expiresAt: at(DAY) }),
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
    expect(await remaining(db.select({ id: sessions.id }).from(sessions).where(inArray(sessions.id, [revokedLongAgo!, revokedYesterday!, expiredLongAgo!, expiredYesterday!])))).toEqual(
      only(revokedYesterday, expiredYesterday),
    );
    expect(await remaining(db.select({ id: apiTokens.id }).from(apiTokens).where(inArray(apiTokens.id, [revokedToken!, expiredTemporary!, permanent!])))).toEqual(only(permanent));
    expect((await db.select({ key: throttles.key }).from(throttles).where(inArray(throttles.key, [`${key}:idle`, `${key}:recent`]))).map((r) => r.key)).toEqual([`${key}:recent`]);
    expect(deleted).toMatchObject({ auth_challenges: 1, webauthn_challenges: 1, one_time_codes: 1, trusted_devices: 1, sessions: 2, api_tokens: 2, throttles: 1 });

    // A second sweep finds nothing more.
    expect(Object.values(await sweepEnded()).every((n) => n === 0)).toBe(true);
    expect((await db.select().from(sessions).where(eq(sessions.userId, user.id))).length).toBe(2);
  });

  it.skipIf(engine === "pg")("gathers the planner's statistics on the app's connection for tables that grew (SQLite)", async () => {
    // A tenant grown to 5,000 members after the migrations analyzed the empty tables.
    const t = await makeTenant();
    const n = 5000;
    await db.run(sql.raw(`with recursive c(i) as (select 1 union all select i + 1 from c where i < ${n})
      insert into users (id, email, full_name, created_at, updated_at, password_updated_at) select 'grown-' || i, 'grown' || i || '@example.test', 'Grown ' || i, i, i, i from c`));
    await db.run(sql`insert into memberships (id, user_id, tenant_id, created_at) select 'm-' || id, id, ${t.id}, created_at from users where id like 'grown-%'`);
    // The users page sorted by email (lib/users/list.ts): walking the email index stops after a
    // page; without statistics SQLite reads and sorts every member instead (2.9 s at a million).
    const plan = async () =>
      (await rawRows<{ detail: string }>(sql`explain query plan select users.id, users.email, memberships.invited_at from memberships inner join users on users.id = memberships.user_id
        where memberships.tenant_id = ${t.id} order by users.email asc, users.id asc limit 26`)).map((r) => r.detail).join("; ");
    expect(await plan()).toContain("USE TEMP B-TREE FOR ORDER BY");

    await housekeepingPass();
    expect(await plan()).toContain("SCAN users USING COVERING INDEX users_email_walk_idx");
    expect(await plan()).not.toContain("TEMP B-TREE");
    const [users] = await rawRows<{ stat: string }>(sql`select stat from sqlite_stat1 where idx = 'users_email_uq'`);
    expect(Number(users!.stat.split(" ")[0])).toBeGreaterThan(n);
  });
});
