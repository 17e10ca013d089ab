import { z } from "zod";
import type { OpSpec } from "@/app/api/_shared/surface";
import { addAuthenticator, disableMethod } from "@/lib/mfa/self-service";
import { generateTotpSecret } from "@/lib/mfa/totp";
import { selfOrPermitted } from "@/lib/users/scope";
import { BASE, iam } from "../_shared/rpc";

const Empty = z.object({}).catchall(z.unknown());
const SecretResponse = z.object({ secret: z.string() });
const SuccessResponse = z.object({ success: z.boolean() });

export const GenerateSecretForQR: OpSpec<typeof Empty, z.ZodType, z.ZodType, typeof SecretResponse> = {
  surface: iam,
  method: "POST",
  path: `${BASE}/GenerateSecretForQR`,
  operationId: "IamBackoffice_GenerateSecretForQR",
  summary: "A fresh base32 TOTP secret for a QR code (nothing is stored until EnableUserMfa)",
  tag: "IamBackoffice",
  auth: "required",
  body: Empty,
  response: SecretResponse,
  run: () => ({ secret: generateTotpSecret() }),
};

const EnableRequest = z.object({
  userId: z.string().min(1, "userId is required"),
  secret: z.string().min(1, "secret is required"),
  code: z.string().min(1, "code is required"),
});

export const EnableUserMfa: OpSpec<typeof EnableRequest, z.ZodType, z.ZodType, typeof SuccessResponse> = {
  surface: iam,
  method: "POST",
  path: `${BASE}/EnableUserMfa`,
  operationId: "IamBackoffice_EnableUserMfa",
  summary: "Add an authenticator after checking a current code for the secret (on oneself: a session token from a sign-in in the last 10 minutes)",
  tag: "IamBackoffice",
  auth: "required",
  body: EnableRequest,
  response: SuccessResponse,
  async run({ body, caller }) {
    const c = caller!;
    const user = await selfOrPermitted(c, body.userId, "Edit");
    await addAuthenticator(c, user.id, body.secret, body.code);
    return { success: true };
  },
};

const DisableRequest = z.object({
  userId: z.string().min(1, "userId is required"),
  code: z.string().min(1, "code is required"),
  methodId: z.string().min(1, "methodId is required"),
});

export const DisableUserMfa: OpSpec<typeof DisableRequest, z.ZodType, z.ZodType, typeof SuccessResponse> = {
  surface: iam,
  method: "POST",
  path: `${BASE}/DisableUserMfa`,
  operationId: "IamBackoffice_DisableUserMfa",
  summary: "Remove an MFA method; needs a valid TOTP or recovery code of that user",
  tag: "IamBackoffice",
  auth: "required",
  body: DisableRequest,
  response: SuccessResponse,
  async run({ body, caller }) {
    const c = caller!;
    const user = await selfOrPermitted(c, body.userId, "Edit");
    await disableMethod(c, user.id, body.methodId, body.code);
    return { success: true };
  },
};
