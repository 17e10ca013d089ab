export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { runMigrations } = await import("./db/migrate");
  const { bootstrap } = await import("./lib/bootstrap");
  runMigrations();
  await bootstrap();
}
