export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { runMigrations } = await import("./db/migrate");
  const { bootstrap } = await import("./lib/bootstrap");
  const { failInterruptedJobs } = await import("./lib/jobs/jobs");
  runMigrations();
  await bootstrap();
  // Here, not in bootstrap(): CLI scripts bootstrap too while the server may be running jobs.
  failInterruptedJobs();
}
