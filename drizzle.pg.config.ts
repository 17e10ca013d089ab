import { defineConfig } from "drizzle-kit";

// The schema kit (db/schema/kit.ts) builds pg-core tables when it sees this.
process.env.DB_DIALECT = "pg";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations/pg",
});
