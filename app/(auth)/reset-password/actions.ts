"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { rememberDevice } from "@/app/(auth)/_lib/device-cookie";
import { redeemCode } from "@/lib/account/one-time-codes";
import { publicAction } from "@/lib/auth/action";
import { TRUST_COOKIE } from "@/lib/auth/cookies";
import { DEVICE_COOKIE } from "@/lib/auth/device-cookie";
import { issueTicket, passwordLogin } from "@/lib/auth/login";

const schema = z
  .object({
    code: z.string().trim().min(10, "validation.codeFromEmail").max(200),
    newPassword: z.string().min(1, "validation.newPassword"),
    confirmPassword: z.string(),
    purpose: z.enum(["reset", "invite"]),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "validation.passwordsMismatch", path: ["confirmPassword"] });

/**
 * Shared by the reset-password and invitation pages: both redeem an emailed code. An accepted
 * invitation then signs the person in with the password just chosen, through the ordinary sign-in
 * (throttling, audit, a second factor when the account has one): `ticket` is set when no second
 * step is due, and the page finishes the sign-in with it; otherwise the person signs in as usual.
 */
export const setPasswordWithCodeAction = publicAction(schema, async (input, meta) => {
  const redeemed = await redeemCode(input, [input.purpose], meta);
  return { ticket: input.purpose === "invite" ? await signInAfterInvite(redeemed, input.newPassword, meta) : null };
});

async function signInAfterInvite(redeemed: { email: string; tenantId: string | null }, password: string, meta: { ip: string; userAgent: string }) {
  const jar = await cookies();
  try {
    const outcome = await passwordLogin(
      { loginId: redeemed.email, password, tenantId: redeemed.tenantId ?? undefined, trustToken: jar.get(TRUST_COOKIE)?.value, deviceCookie: jar.get(DEVICE_COOKIE)?.value },
      meta,
    );
    if (outcome.status !== "ok") return null;
    await rememberDevice(outcome.userId);
    return await issueTicket(outcome.userId, outcome.tenantId);
  } catch {
    // The password is set either way; whatever stops this sign-in (a disabled account, a throttle)
    // the sign-in page says when the person signs in themselves.
    return null;
  }
}
