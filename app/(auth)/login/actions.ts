"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { publicAction } from "@/lib/auth/action";
import { secureCookies, TRUST_COOKIE } from "@/lib/auth/cookies";
import { completeMfa, issueTicket, passwordLogin, trustDevice } from "@/lib/auth/login";

const loginSchema = z.object({
  email: z.email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password").max(256),
  tenantId: z.uuid().optional(),
});

export const loginAction = publicAction(loginSchema, async (input, meta) => {
  const trustToken = (await cookies()).get(TRUST_COOKIE)?.value;
  const outcome = await passwordLogin({ loginId: input.email, password: input.password, tenantId: input.tenantId, trustToken }, meta);
  if (outcome.status === "ok") return { status: "ok" as const, ticket: issueTicket(outcome.userId, outcome.tenantId) };
  if (outcome.status === "mfa")
    return { status: "mfa" as const, twoFactorId: outcome.twoFactorId, methods: [...new Set(outcome.methods.map((m) => m.kind))] };
  return outcome;
});

const mfaSchema = z.object({
  twoFactorId: z.string().min(10).max(100),
  code: z.string().trim().min(4, "Enter the code").max(32),
  trust: z.boolean().default(false),
});

export const mfaAction = publicAction(mfaSchema, async (input, meta) => {
  const done = await completeMfa(input, meta);
  if (input.trust) {
    const { token, maxAgeSeconds } = trustDevice(done.userId, done.tenantId, meta);
    (await cookies()).set(TRUST_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: secureCookies, maxAge: maxAgeSeconds, path: "/" });
  }
  return { ticket: issueTicket(done.userId, done.tenantId) };
});
