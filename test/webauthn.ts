/**
 * A software WebAuthn authenticator for unit tests: ES256 keys, "none" attestation, flags and
 * counter under the test's control. It answers the JSON options our server hands the browser.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";

const b64u = (b: Uint8Array | Buffer) => Buffer.from(b).toString("base64url");
const sha = (b: Uint8Array | Buffer | string) => createHash("sha256").update(b).digest();

export interface Flags {
  uv?: boolean;
  /** Backup eligible (a synced passkey). */
  be?: boolean;
  bs?: boolean;
}

function flagsByte(f: Flags, attested: boolean) {
  return 0x01 | (f.uv === false ? 0 : 0x04) | (f.be ? 0x08 : 0) | (f.bs ? 0x10 : 0) | (attested ? 0x40 : 0);
}

function counterBytes(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

export class SoftAuthenticator {
  readonly credentialId: Buffer;
  private readonly key: KeyObject;
  private readonly cose: Uint8Array;
  userHandle?: string;

  /** `idBytes`: the credential id's length (WebAuthn allows at most 1023 bytes; authenticators use 16 to 64). */
  constructor(idBytes = 16) {
    this.credentialId = randomBytes(idBytes);
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.key = privateKey;
    const jwk = publicKey.export({ format: "jwk" });
    const cose = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, "base64url")],
      [-3, Buffer.from(jwk.y!, "base64url")],
    ]);
    this.cose = isoCBOR.encode(cose);
  }

  get id() {
    return b64u(this.credentialId);
  }

  register(options: { challenge: string; rp: { id?: string }; user: { id: string } }, origin: string, flags: Flags = {}, counter = 0): RegistrationResponseJSON {
    this.userHandle = options.user.id;
    const idLen = Buffer.alloc(2);
    idLen.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([sha(options.rp.id!), Buffer.from([flagsByte(flags, true)]), counterBytes(counter), Buffer.alloc(16), idLen, this.credentialId, Buffer.from(this.cose)]);
    const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.create", challenge: options.challenge, origin, crossOrigin: false }));
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([["fmt", "none"], ["attStmt", new Map()], ["authData", new Uint8Array(authData)]]) as never);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      clientExtensionResults: {},
      response: { clientDataJSON: b64u(clientDataJSON), attestationObject: b64u(attestationObject), transports: ["internal"] },
    };
  }

  assert(options: { challenge: string; rpId?: string }, origin: string, counter: number, flags: Flags = {}): AuthenticationResponseJSON {
    const authData = Buffer.concat([sha(options.rpId!), Buffer.from([flagsByte(flags, false)]), counterBytes(counter)]);
    const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge: options.challenge, origin, crossOrigin: false }));
    const signature = sign("sha256", Buffer.concat([authData, sha(clientDataJSON)]), this.key);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      clientExtensionResults: {},
      response: { clientDataJSON: b64u(clientDataJSON), authenticatorData: b64u(authData), signature: b64u(signature), userHandle: this.userHandle },
    };
  }
}
