/**
 * Which engine this process talks to: PostgreSQL when DATABASE_URL names one, otherwise the SQLite
 * file under data/. Read straight from the environment (not lib/env) because the schema kit needs it
 * while drizzle-kit loads the schema, outside the app. DB_DIALECT=pg lets drizzle-kit generate the
 * PostgreSQL migrations without a server.
 */
export type Engine = "sqlite" | "pg";

export const engine: Engine = process.env.DB_DIALECT === "pg" || /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? "pg" : "sqlite";
