import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type Instance = { url: string; port: number; child: ChildProcess; log: () => string };

/** Starts the standalone server exactly as the Docker image does (node server.js) and waits until it is ready. */
export async function startInstance(port: number, env: Record<string, string>): Promise<Instance> {
  const dist = process.env.NEXT_DIST_DIR || ".next";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `iam-multi-${port}-`));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn("node", [path.resolve(dist, "standalone/server.js")], {
    env: { ...process.env, DATA_DIR: dir, DATABASE_PATH: path.join(dir, "unused.db"), PORT: String(port), HOSTNAME: "127.0.0.1", APP_URL: url, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: the server runs its work in a child process, and a signal must reach both.
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d));
  child.stderr!.on("data", (d: Buffer) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance on ${port} exited: ${output}`);
    const ready = await fetch(`${url}/api/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`instance on ${port} never became ready: ${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port, child, log: () => output };
}

export async function stopInstance(instance: Instance, signal: NodeJS.Signals = "SIGTERM") {
  if (instance.child.exitCode !== null) return;
  const exited = new Promise((r) => instance.child.once("exit", r));
  process.kill(-instance.child.pid!, signal);
  await exited;
  // The group's last process (the one holding the database connection) may outlive the first.
  for (let i = 0; i < 100 && groupAlive(instance.child.pid!); i++) await new Promise((r) => setTimeout(r, 100));
}

function groupAlive(pgid: number) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
