import path from "node:path";
import { z } from "zod";

const schema = z.object({
  DATABASE_PATH: z.string().default("data/app.db"),
  DATA_DIR: z.string().default("data"),
  APP_SECRET: z.string().min(32, "APP_SECRET must be at least 32 characters").optional(),
  APP_URL: z.url().optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("IAM Console <no-reply@localhost>"),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(1).optional(),
  NODE_ENV: z.string().default("development"),
  /** Behind a reverse proxy that sets X-Forwarded-For: take the client address from it. */
  TRUST_PROXY: z.stringbool().default(false),
});

/** Parsed once; a bad variable stops the server at start-up with a readable message. */
export const env = schema.parse(process.env);

export const dataDir = path.resolve(env.DATA_DIR);
export const appUrl = env.APP_URL ?? process.env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
// next-auth v4 reads NEXTAUTH_URL itself; default it to our own address.
process.env.NEXTAUTH_URL ??= appUrl;
