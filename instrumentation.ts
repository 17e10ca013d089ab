export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Everything stays inside this function, behind the runtime check, so the edge bundle drops it.
  try {
    await import("./lib/env"); // parses the configuration first, so its errors come before anything else's
    const { engine } = await import("./db/engine");
    const { runMigrations } = await import("./db/migrate");
    const { pingDatabase, readiness } = await import("./lib/ops/health");
    /** First-run data, then this instance's share of the background work. */
    const serve = async () => {
      const { bootstrap } = await import("./lib/bootstrap");
      await bootstrap();
      // Mail kept in plain text by earlier versions holds live codes: seal it with the instance key.
      await (await import("./lib/email/sealed")).sealPlainMail();
      const { startJobRunner, stopJobRunner } = await import("./lib/jobs/runner");
      const { startMailWorker, stopMailWorker } = await import("./lib/email/queue");
      startJobRunner();
      startMailWorker();
      // Next.js closes the HTTP server on SIGTERM (in-flight requests finish) and then exits; meanwhile
      // the workers take no more work and hand back what they hold, so other instances resume it at
      // once instead of after the lease. A batch cut off by the exit rolls back (lib/jobs/runner.ts).
      process.once("SIGTERM", () => {
        Promise.all([stopJobRunner(), stopMailWorker()]).catch((e: unknown) => console.error(`shutdown: ${e instanceof Error ? e.message : String(e)}`));
      });
    };
    await pingDatabase().catch((e: unknown) => {
      throw new Error(`the database cannot be reached: ${e instanceof Error ? e.message : String(e)}`);
    });
    // SQLite is one file of one process: it migrates itself. On PostgreSQL migrating is an explicit
    // deploy step (npm run db:migrate); an instance that finds it undone answers /api/ready with
    // 503 and starts serving once it is done.
    if (engine === "sqlite") await runMigrations();
    const ready = await readiness();
    if (ready.ready) return await serve();
    console.error(`Not ready: ${ready.message}`);
    const wait = setInterval(() => {
      readiness()
        .then(async (r) => {
          if (!r.ready) return;
          clearInterval(wait);
          await serve();
        })
        .catch((e: unknown) => console.error(`start-up: ${e instanceof Error ? e.message : String(e)}`));
    }, 5000);
  } catch (e) {
    // Bad configuration (lib/env.ts, ADMIN_PASSWORD…) or an unreachable database must stop the
    // process, not leave a server answering 500 to every request: one readable line, non-zero exit.
    const { startupFailureLine } = await import("./lib/startup-failure");
    console.error(startupFailureLine(e));
    process.exit(1);
  }
}

