"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { rememberDevice } from "@/app/(auth)/_lib/device-cookie";
import { publicAction } from "@/lib/auth/action";
import { secureCookies, TRUST_COOKIE } from "@/lib/auth/cookies";
import { DEVICE_COOKIE } from "@/lib/auth/device-cookie";
import { completeMfa, issueTicket, passwordLogin, trustDevice } from "@/lib/auth/login";
import { choosePasskeyTenant, completeMfaWithPasskey, passkeyLogin, passwordlessOptions, secondFactorOptions } from "@/lib/passkeys/sign-in";
import { authenticationResponse } from "@/lib/passkeys/wire";
import { emailAddress } from "@/lib/input/schemas";

const loginSchema = z.object({
  email: emailAddress("validation.email", "validation.emailTooLong"),
  password: z.string().min(1, "validation.password").max(256),
  tenantId: z.uuid().optional(),
});

export const loginAction = publicAction(loginSchema, async (input, meta) => {
  const jar = await cookies();
  const outcome = await passwordLogin(
    { loginId: input.email, password: input.password, tenantId: input.tenantId, trustToken: jar.get(TRUST_COOKIE)?.value, deviceCookie: jar.get(DEVICE_COOKIE)?.value },
    meta,
  );
  if (outcome.status === "ok") {
    await rememberDevice(outcome.userId);
    return { status: "ok" as const, ticket: await issueTicket(outcome.userId, outcome.tenantId) };
  }
  if (outcome.status === "mfa")
    return { status: "mfa" as const, twoFactorId: outcome.twoFactorId, methods: [...new Set(outcome.methods.map((m) => m.kind))] };
  return outcome;
});

const mfaSchema = z.object({
  twoFactorId: z.string().min(10).max(100),
  code: z.string().trim().min(4, "validation.code").max(32),
  trust: z.boolean().default(false),
});

export const mfaAction = publicAction(mfaSchema, async (input, meta) => {
  const done = await completeMfa(input, meta);
  if (input.trust) {
    const { token, maxAgeSeconds } = await trustDevice(done.userId, done.tenantId, meta);
    (await cookies()).set(TRUST_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: secureCookies, maxAge: maxAgeSeconds, path: "/" });
  }
  await rememberDevice(done.userId);
  return { ticket: await issueTicket(done.userId, done.tenantId) };
});

/** Passwordless: a challenge for any discoverable passkey of this site (button or browser autofill). */
export const passkeyLoginOptionsAction = publicAction(z.object({}), async () => await passwordlessOptions());

export const passkeyLoginAction = publicAction(z.object({ response: authenticationResponse }), async (input, meta) => {
  const outcome = await passkeyLogin({ response: input.response, deviceCookie: (await cookies()).get(DEVICE_COOKIE)?.value }, meta);
  if (outcome.status === "choose_tenant") return outcome;
  await rememberDevice(outcome.userId);
  return { status: "ok" as const, ticket: await issueTicket(outcome.userId, outcome.tenantId) };
});

export const passkeyTenantAction = publicAction(z.object({ token: z.string().min(10).max(100), tenantId: z.uuid() }), async (input) => {
  const done = await choosePasskeyTenant(input);
  await rememberDevice(done.userId);
  return { ticket: await issueTicket(done.userId, done.tenantId) };
});

/** Second step with a passkey instead of a code. */
export const passkeyMfaOptionsAction = publicAction(z.object({ twoFactorId: z.string().min(10).max(100) }), async (input) => await secondFactorOptions(input.twoFactorId));

export const passkeyMfaAction = publicAction(
  z.object({ twoFactorId: z.string().min(10).max(100), response: authenticationResponse, trust: z.boolean().default(false) }),
  async (input, meta) => {
    const done = await completeMfaWithPasskey(input, meta);
    if (input.trust) {
      const { token, maxAgeSeconds } = await trustDevice(done.userId, done.tenantId, meta);
      (await cookies()).set(TRUST_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: secureCookies, maxAge: maxAgeSeconds, path: "/" });
    }
    await rememberDevice(done.userId);
    return { ticket: await issueTicket(done.userId, done.tenantId) };
  },
);
