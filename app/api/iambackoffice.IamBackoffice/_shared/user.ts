import { z } from "zod";
import { listMethods } from "@/lib/mfa/methods";
import { passkeysOf } from "@/lib/passkeys/store";
import { registrationsOf } from "@/lib/users/details";
import type { UserRow } from "@/lib/users/records";
import { millis } from "./rpc";

export const TwoFactorMethod = z.object({
  id: z.string(),
  method: z.string(),
  authenticator: z.object({ algorithm: z.string(), codeLength: z.number().int(), timeStep: z.number().int() }).optional(),
});

export const UserRegistration = z.object({
  tenantId: z.string().optional(),
  data: z.record(z.string(), z.string()).optional(),
  preferredLanguages: z.array(z.string()).optional(),
  roles: z.array(z.string()).optional(),
  timezone: z.string().optional(),
});

export const User = z.object({
  id: z.string(),
  email: z.string(),
  username: z.string().optional(),
  firstName: z.string().optional(),
  middleName: z.string().optional(),
  lastName: z.string().optional(),
  fullName: z.string().optional(),
  birthDate: z.string().optional(),
  imageUrl: z.string().optional(),
  mobilePhone: z.string().optional(),
  timezone: z.string().optional(),
  preferredLanguages: z.array(z.string()),
  data: z.record(z.string(), z.string()),
  active: z.boolean(),
  verified: z.boolean(),
  passwordChangeRequired: z.boolean(),
  insertInstant: z.string().optional(),
  lastLoginInstant: z.string().optional(),
  lastUpdateInstant: z.string().optional(),
  passwordLastUpdateInstant: z.string().optional(),
  registrations: z.array(UserRegistration),
  twoFactor: z.object({ methods: z.array(TwoFactorMethod), recoveryCodes: z.array(z.string()) }),
});

/** TOTP and PIN methods, then passkeys as `{ id, method: "passkey" }` (see README, differences from the documented APIs). */
export async function methodsOf(userId: string) {
  const [methods, keys] = await Promise.all([listMethods(userId), passkeysOf(userId)]);
  return [
    ...methods.map((m) => ({
      id: m.id,
      method: m.kind as string,
      ...(m.kind === "authenticator" ? { authenticator: { algorithm: "HmacSHA1", codeLength: 6, timeStep: 30 } } : {}),
    })),
    ...keys.map((p) => ({ id: p.id, method: "passkey" })),
  ];
}

/**
 * The documented User; never the password, secrets, or recovery codes (stored only as hashes).
 * `methods`: the user's two-factor methods when already known (a sign-in knows when there are none).
 */
export async function toIamUser(u: UserRow, visibleTenants?: string[], methods?: z.infer<typeof TwoFactorMethod>[]): Promise<z.infer<typeof User>> {
  const [registrations, twoFactor] = await Promise.all([registrationsOf(u.id, visibleTenants), methods ?? methodsOf(u.id)]);
  const regs = registrations.map(({ membership: m, roleNames }) => ({
    tenantId: m.tenantId,
    data: m.data,
    preferredLanguages: m.preferredLanguages,
    timezone: m.timezone ?? u.timezone,
    roles: roleNames,
  }));
  return {
    id: u.id,
    email: u.email,
    username: u.username ?? undefined,
    firstName: u.firstName,
    middleName: u.middleName,
    lastName: u.lastName,
    fullName: u.fullName,
    birthDate: u.birthDate ?? undefined,
    imageUrl: u.imageUrl ?? undefined,
    mobilePhone: u.mobilePhone ?? undefined,
    timezone: u.timezone,
    preferredLanguages: u.preferredLanguages,
    data: u.data,
    active: u.active,
    verified: u.verified,
    passwordChangeRequired: u.passwordChangeRequired,
    insertInstant: millis(u.createdAt),
    lastLoginInstant: millis(u.lastLoginAt),
    lastUpdateInstant: millis(u.updatedAt),
    passwordLastUpdateInstant: millis(u.passwordUpdatedAt),
    registrations: regs,
    twoFactor: { methods: twoFactor, recoveryCodes: [] },
  };
}
