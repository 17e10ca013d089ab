import { closeDb } from "./client";
import { runMigrations } from "./migrate";
import { bootstrap } from "@/lib/bootstrap";

// The explicit migration step of a PostgreSQL deployment (instances do not migrate at start there).
await runMigrations();
await bootstrap();
await closeDb();
console.log("database ready");
