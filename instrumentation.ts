export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Everything stays inside this function, behind the runtime check, so the edge bundle drops it.
  try {
    await import("./lib/env"); // parses the configuration first, so its errors come before anything else's
    const { runMigrations } = await import("./db/migrate");
    const { bootstrap } = await import("./lib/bootstrap");
    const { failInterruptedJobs } = await import("./lib/jobs/jobs");
    runMigrations();
    await bootstrap();
    // Here, not in bootstrap(): CLI scripts bootstrap too while the server may be running jobs.
    failInterruptedJobs();
    // Mail kept in plain text by earlier versions holds live codes: seal it with the instance key.
    (await import("./lib/email/sealed")).sealPlainMail();
  } catch (e) {
    // Bad configuration (lib/env.ts, ADMIN_PASSWORD…) must stop the process, not leave a server
    // answering 500 to every request: one readable line, non-zero exit.
    const { startupFailureLine } = await import("./lib/startup-failure");
    console.error(startupFailureLine(e));
    process.exit(1);
  }
}
