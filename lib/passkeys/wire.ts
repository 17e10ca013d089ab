import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";

const b64u = z.string().max(16_384).regex(/^[A-Za-z0-9_-]*$/, "not base64url");
// Extension outputs are not used (no extensions are requested): dropped.
const extensions = z.unknown().transform(() => ({}));

/** The browser's answer to navigator.credentials.create(), as @simplewebauthn/browser sends it. */
export const registrationResponse = z
  .object({
    id: b64u,
    rawId: b64u,
    type: z.literal("public-key"),
    authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
    clientExtensionResults: extensions,
    response: z.object({
      clientDataJSON: b64u,
      attestationObject: b64u,
      authenticatorData: b64u.optional(),
      transports: z.array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"])).max(10).optional(),
      publicKeyAlgorithm: z.number().int().optional(),
      publicKey: b64u.optional(),
    }),
  })
  .transform((r) => r as RegistrationResponseJSON);

/** The browser's answer to navigator.credentials.get(). */
export const authenticationResponse = z
  .object({
    id: b64u.min(1),
    rawId: b64u,
    type: z.literal("public-key"),
    authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
    clientExtensionResults: extensions,
    response: z.object({
      clientDataJSON: b64u,
      authenticatorData: b64u,
      signature: b64u,
      userHandle: b64u.optional(),
    }),
  })
  .transform((r) => r as AuthenticationResponseJSON);
