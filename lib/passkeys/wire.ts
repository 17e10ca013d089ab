import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";

// Anyone can post an "answer from the browser", so every field is bounded here, before the
// database: a credential id past the WebAuthn maximum used to be stored, and on PostgreSQL its
// unique index refused it (index row size) with a 500. The bounds are in base64url characters.
/** Credential ids are at most 1023 bytes (WebAuthn "Credential ID"; registration §7.1 refuses longer ones). */
export const CREDENTIAL_ID_MAX = 1364;
/** User handles are at most 64 bytes (ours: a UUID, 36). */
const USER_HANDLE_MAX = 86;
/** clientDataJSON, signatures, public keys: a few hundred bytes in practice, ~4.6 KB for ML-DSA-87 signatures. */
const SMALL_MAX = 8192;
/** An attestation with its authenticator data and, if a browser passes one on, a certificate chain. */
const ATTESTATION_MAX = 16_384;

// A message key (i18n/action-errors): the user cannot fix a field the browser wrote, only retry.
const MALFORMED = "validation.passkeyResponse";
const b64u = (max: number) => z.string(MALFORMED).max(max, MALFORMED).regex(/^[A-Za-z0-9_-]*$/, MALFORMED);
const credentialId = b64u(CREDENTIAL_ID_MAX).min(1, MALFORMED);
// Extension outputs are not used (no extensions are requested): dropped.
const extensions = z.unknown().transform(() => ({}));

// WebAuthn lets browsers report transports newer than this list ("unknown values MUST be
// ignored"): they are dropped, so a new browser still registers; only the known ones are kept and
// handed back as hints when signing in.
const KNOWN_TRANSPORTS = new Set(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);
const transports = z
  .array(z.string(MALFORMED).max(32, MALFORMED), MALFORMED)
  .max(10, MALFORMED)
  .transform((ts) => [...new Set(ts.filter((t) => KNOWN_TRANSPORTS.has(t)))]);

/** The browser's answer to navigator.credentials.create(), as @simplewebauthn/browser sends it. */
export const registrationResponse = z
  .object({
    id: credentialId,
    rawId: credentialId,
    type: z.literal("public-key", MALFORMED),
    authenticatorAttachment: z.enum(["platform", "cross-platform"], MALFORMED).optional(),
    clientExtensionResults: extensions,
    response: z.object({
      clientDataJSON: b64u(SMALL_MAX),
      attestationObject: b64u(ATTESTATION_MAX),
      authenticatorData: b64u(ATTESTATION_MAX).optional(),
      transports: transports.optional(),
      publicKeyAlgorithm: z.number(MALFORMED).int(MALFORMED).optional(),
      publicKey: b64u(SMALL_MAX).optional(),
    }, MALFORMED),
  }, MALFORMED)
  .transform((r) => r as RegistrationResponseJSON);

/** The browser's answer to navigator.credentials.get(). */
export const authenticationResponse = z
  .object({
    id: credentialId,
    rawId: credentialId,
    type: z.literal("public-key", MALFORMED),
    authenticatorAttachment: z.enum(["platform", "cross-platform"], MALFORMED).optional(),
    clientExtensionResults: extensions,
    response: z.object({
      clientDataJSON: b64u(SMALL_MAX),
      authenticatorData: b64u(SMALL_MAX),
      signature: b64u(SMALL_MAX),
      userHandle: b64u(USER_HANDLE_MAX).optional(),
    }, MALFORMED),
  }, MALFORMED)
  .transform((r) => r as AuthenticationResponseJSON);
