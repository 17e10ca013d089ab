import { createHmac, scrypt } from "node:crypto";
import { ANIMALS, type Animal } from "./animals";

/**
 * Deterministic, memory-hard password derivation ("fv1"); see docs/vault-password-algorithm.md.
 * Nothing here is stored or logged: the same inputs always give the same password.
 */
export const ALGORITHM_VERSION = "fv1";

export { ANIMALS, type Animal };
export const SYMBOLS = ".@+-*/%_!,#$&?=:;^~()[]{}".slice(0, 23);

const CLASSES = {
  lowercase: "abcdefghijklmnopqrstuvwxyz",
  uppercase: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  digits: "0123456789",
  symbols: SYMBOLS,
} as const;
type ClassName = keyof typeof CLASSES;

/** scrypt cost by complexity: 16 MiB, 32 MiB, 64 MiB of memory (r=8). */
const SCRYPT_N = { 1: 2 ** 14, 2: 2 ** 15, 3: 2 ** 16 } as const;

export interface DeriveInput {
  masterKey: string;
  host: string;
  account: string;
  /** "" or YYYY-MM-DD */
  renewalDate: string;
  animal: Animal;
  length: number;
  complexity: 1 | 2 | 3;
  lowercase: boolean;
  uppercase: boolean;
  digits: boolean;
  symbols: boolean;
}

export class VaultInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = "VaultInputError";
  }
}

function validate(i: DeriveInput): ClassName[] {
  if (!i.masterKey) throw new VaultInputError("masterKey", "Enter the master key");
  if (!Number.isInteger(i.length) || i.length < 2 || i.length > 32) throw new VaultInputError("length", "Length must be 2 to 32");
  if (![1, 2, 3].includes(i.complexity)) throw new VaultInputError("complexity", "Complexity must be 1, 2 or 3");
  if (!(ANIMALS as readonly string[]).includes(i.animal)) throw new VaultInputError("animal", "Choose one of the 20 animals");
  if (i.renewalDate !== "" && !isDate(i.renewalDate)) throw new VaultInputError("renewalDate", "Renewal date must be YYYY-MM-DD");
  const classes = (Object.keys(CLASSES) as ClassName[]).filter((c) => i[c]);
  if (!classes.length) throw new VaultInputError("classes", "Enable at least one character class");
  if (i.length < classes.length) throw new VaultInputError("length", "Length must be at least the number of enabled classes");
  return classes;
}

function isDate(s: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** Length-prefixed fields: no two different inputs encode to the same salt. */
function encode(parts: string[]) {
  return Buffer.concat(parts.map((p) => {
    const b = Buffer.from(p, "utf8");
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  }));
}

/** Endless deterministic byte stream: HMAC-SHA256(key, counter). */
function* stream(key: Buffer) {
  for (let counter = 0; ; counter++) {
    const block = createHmac("sha256", key).update(Buffer.from(String(counter))).digest();
    yield* block;
  }
}

/** Unbiased integer in [0, n) by rejection sampling from the stream. */
function pick(bytes: Generator<number>, n: number) {
  const limit = 256 - (256 % n);
  for (;;) {
    const b = bytes.next().value as number;
    if (b < limit) return b % n;
  }
}

export async function derivePassword(input: DeriveInput): Promise<string> {
  const classes = validate(input);
  const salt = encode([
    ALGORITHM_VERSION,
    input.host.trim().toLowerCase(),
    input.account.trim(),
    input.renewalDate,
    input.animal,
    String(input.length),
    String(input.complexity),
    classes.join(","),
  ]);
  const N = SCRYPT_N[input.complexity];
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(input.masterKey.normalize("NFC"), salt, 32, { N, r: 8, p: 1, maxmem: 256 * N * 8 + 1024 * 1024 }, (err, k) => (err ? reject(err) : resolve(k))),
  );
  const bytes = stream(key);
  const alphabet = classes.map((c) => CLASSES[c]).join("");
  // Draw whole candidates until one holds every enabled class: uniform over all valid passwords.
  for (;;) {
    const chars = Array.from({ length: input.length }, () => alphabet[pick(bytes, alphabet.length)]!);
    if (classes.every((c) => chars.some((ch) => CLASSES[c].includes(ch)))) return chars.join("");
  }
}
