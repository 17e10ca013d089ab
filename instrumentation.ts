export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Everything stays inside this function, behind the runtime check, so the edge bundle drops it.
  try {
    await import("./lib/env"); // parses the configuration first, so its errors come before anything else's
    const { ConfigError } = await import("./lib/startup-failure");
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
      const { startHousekeeping, stopHousekeeping } = await import("./lib/ops/housekeeping");
      startJobRunner();
      startMailWorker();
      startHousekeeping();
      // On SIGTERM Next.js closes the HTTP server (in-flight requests finish), then calls
      // process.exit. Meanwhile the workers take no more work, let the batch or message in flight
      // finish and hand back what they hold, so another instance resumes it at once instead of after
      // the lease; the exit waits for that (at most 10 s). A batch cut off anyway rolls back.
      process.once("SIGTERM", () => {
        const stopped = Promise.all([stopJobRunner(), stopMailWorker(), stopHousekeeping()]).catch((e: unknown) => console.error(`shutdown: ${e instanceof Error ? e.message : String(e)}`));
        const bounded = Promise.race([stopped, new Promise((r) => setTimeout(r, 10_000).unref())]);
        const exit = process.exit.bind(process);
        process.exit = ((code?: number) => void bounded.finally(() => exit(code))) as typeof process.exit;
      });
    };
    await pingDatabase().catch((e: unknown) => {
      // Drizzle wraps the driver's error ("Failed query: …"); its cause says why (ECONNREFUSED, auth…).
      const cause = e instanceof Error ? ((e.cause as Error | undefined) ?? e) : undefined;
      throw new ConfigError(`the database cannot be reached: ${cause?.message ?? String(e)}`);
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

