import { closeDb } from "./client";
import { runMigrations } from "./migrate";
import { bootstrap } from "@/lib/bootstrap";
import { startupFailureLine } from "@/lib/startup-failure";

// The explicit migration step of a PostgreSQL deployment (instances do not migrate at start there).
// A failure is one line and exit 1, as at server start: a deploy log should name the cause
// ("database "iam" does not exist"), not a driver's stack.
try {
  await runMigrations();
  await bootstrap();
  await closeDb();
  console.log("database ready");
} catch (e) {
  console.error(startupFailureLine(e).replace(/^Cannot start/, "db:migrate failed"));
  process.exit(1);
}
