import path from "node:path";
import { z } from "zod";
import { ConfigError } from "./startup-failure";

const schema = z.object({
  DATABASE_PATH: z.string().default("data/app.db"),
  /** postgres://user:pass@host:5432/db selects PostgreSQL; unset = the SQLite file at DATABASE_PATH. */
  DATABASE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// address, e.g. postgres://iam:secret@db:5432/iam").optional()),
  DATA_DIR: z.string().default("data"),
  APP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  APP_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// address, e.g. https://iam.example.com" }).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Empty means unset, as it always has.
  SMTP_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^smtps?$/, error: "must look like smtp://user:pass@mail:587 or smtps://…" }).optional()),
  MAIL_FROM: z.string().default("IAM Console <no-reply@localhost>"),
  ADMIN_EMAIL: z.email("must be an email address").optional(),
  ADMIN_PASSWORD: z.string().min(1).optional(),
  NODE_ENV: z.string().default("development"),
  /** Behind a reverse proxy that sets X-Forwarded-For: take the client address from it. */
  TRUST_PROXY: z.stringbool().default(false),
  THROTTLE_IP_FREE_FAILURES: z.coerce.number().int().min(0).optional(),
})
  .refine((e) => !e.ADMIN_EMAIL === !e.ADMIN_PASSWORD, { message: "ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither", path: ["ADMIN_PASSWORD"] })
  // Instances sharing a database must share the key that encrypts TOTP secrets and signs cookies:
  // a generated per-instance key file would make each instance refuse the others' sessions.
  .refine((e) => !e.DATABASE_URL || e.APP_SECRET, { message: "is required with DATABASE_URL (every instance must use the same key): set it to 32+ random characters, e.g. openssl rand -base64 48", path: ["APP_SECRET"] });

function parse() {
  const parsed = schema.safeParse(process.env);
  if (parsed.success) return parsed.data;
  // One line naming each bad variable; the values are not echoed (APP_SECRET, SMTP passwords).
  const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`);
  throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
}

/** Parsed once; a bad variable stops the server at start-up with one readable line (instrumentation.ts). */
export const env = parse();

export const dataDir = path.resolve(env.DATA_DIR);
export const appUrl = env.APP_URL ?? process.env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
// next-auth v4 reads NEXTAUTH_URL itself; default it to our own address.
process.env.NEXTAUTH_URL ??= appUrl;
