import { defineConfig } from "drizzle-kit";

// SQLite migrations; PostgreSQL's come from drizzle.pg.config.ts (npm run db:generate makes both).
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema/index.ts",
  out: "./db/migrations/sqlite",
});
