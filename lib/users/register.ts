import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { tenants } from "@/db/schema";
import { issueJoinCode, mailRegistrationAttempt, mailRegistrationConfirmation } from "@/lib/account/join";
import { audit } from "@/lib/audit/record";
import { AppError, conflict, notFound } from "@/lib/errors";
import { assertPasswordPolicy, hashPassword } from "@/lib/security/password";
import { consumeClientRate } from "@/lib/security/throttle";
import { ensureMembership, findUserByEmail, findUserByUsername, insertUser, type NewUser, type UserRow } from "./records";
import { unsavedUser } from "./unsaved";

type Fields = Omit<NewUser, "passwordHash" | "isSuperAdmin">;

/** What a registration answers with: the account as it was stored (or, for a taken address, would have been). */
export interface Registration {
  user: UserRow;
  registration: { tenantId: string; data: Record<string, string>; timezone: string; preferredLanguages: string[]; roles: string[] };
}

/**
 * How long a self-registration takes at the least. A free address writes the account, membership,
 * join code and event in one transaction where a taken one writes a single event (a unit probe on
 * PostgreSQL: 26 ms against 20 at the median, hashing included): without a floor the answer's
 * timing tells registered addresses apart, as "Forgot password" would (RESET_ANSWER_FLOOR_MS).
 */
export const REGISTER_ANSWER_FLOOR_MS = 250;

/**
 * Self-registration without an account: only where the tenant allows it, always with the
 * tenant's default role (a stranger cannot pick roles), rate-limited per IP.
 *
 * It never signs anyone in, and answers a taken address exactly like a free one (same work, same
 * shape): a new account gets no usable password until the mailbox owner confirms with the emailed
 * link and the chosen password; for a taken address nothing is stored and the owner is emailed
 * instead ("sign in or reset your password"), as "forgot password" already behaves. It answers no
 * sooner than REGISTER_ANSWER_FLOOR_MS after the request either way.
 */
export async function selfRegister(
  input: { tenantId: string; user: Fields & { password?: string }; data?: Record<string, string>; timezone?: string; preferredLanguages?: string[] },
  ctx: { ip: string },
): Promise<Registration> {
  await consumeClientRate("register-ip", ctx.ip, 10, 3600);
  const answerAt = Date.now() + REGISTER_ANSWER_FLOOR_MS;
  try {
    return await registerWork(input, ctx);
  } finally {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, answerAt - Date.now())));
  }
}

async function registerWork(input: Parameters<typeof selfRegister>[0], ctx: { ip: string }): Promise<Registration> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, input.tenantId));
  if (!tenant || tenant.retiredAt) throw notFound("Tenant not found");
  if (!tenant.allowSelfRegistration) throw new AppError("forbidden", "Self-registration is not enabled for this tenant");
  const { password, ...fields } = input.user;
  if (!password) throw new AppError("validation", "user.password: choose a password", "user.password");
  assertPasswordPolicy(password, tenant, "user.password", fields.email);
  const passwordHash = await hashPassword(password); // hashed on both paths: equal work, equal timing
  const values: NewUser = { ...fields, passwordHash: null, verified: false };
  const registration = { tenantId: tenant.id, data: input.data ?? {}, timezone: input.timezone ?? fields.timezone ?? "UTC", preferredLanguages: input.preferredLanguages ?? [], roles: [] };
  // Checked before looking at the address, so a taken username fails alike whether the address is
  // free or taken (checking it only for new addresses made it an oracle for the address).
  if (fields.username && (await findUserByUsername(fields.username))) throw conflict("Username is already taken", "username");
  const owner = await findUserByEmail(fields.email);
  if (owner) {
    await audit({ tenantId: tenant.id, actorEmail: owner.email, ip: ctx.ip, action: "user.registration_existing", targetType: "user", targetId: owner.id, targetLabel: owner.email });
    // Both paths queue one mail (nothing waits for SMTP, which would be a timing tell).
    await mailRegistrationAttempt(owner.email, tenant.id);
    return { user: unsavedUser(values), registration };
  }
  const { user, code } = await db.transaction(async (tx) => {
    const user = await insertUser(tx, values);
    await ensureMembership(tx, user.id, tenant.id, [], { data: registration.data, timezone: registration.timezone, preferredLanguages: registration.preferredLanguages });
    const code = await issueJoinCode(tx, user.id, tenant.id, passwordHash);
    await audit({ tenantId: tenant.id, actorId: user.id, actorEmail: user.email, ip: ctx.ip, action: "user.self_registered", targetType: "user", targetId: user.id, targetLabel: user.email }, tx);
    return { user, code };
  });
  await mailRegistrationConfirmation(user.email, tenant.id, code);
  return { user, registration };
}
