// Our npm registry mirror serves only the Linux builds of platform packages, so `npm install`
// leaves the other platforms' optional binaries (@next/swc-darwin-x64, …) out of
// package-lock.json, and `npm ci` then refuses the lock as "out of sync". This adds an entry
// for each missing optional dependency, with the os/cpu/libc read from its name, so `npm ci`
// accepts the lock and skips them on this platform. Run after any dependency change:
//   node scripts/lock-platform-stubs.mjs && npm ci --dry-run
import { readFileSync, writeFileSync } from "node:fs";

const OS = ["android", "darwin", "freebsd", "linux", "win32", "openharmony"];
const CPU = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "wasm32"];

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const packages = lock.packages;
let added = 0;

for (const [path, pkg] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (packages[nested] || packages[top]) continue;
    const parts = name.split("/").pop().split("-");
    const entry = { version: version.replace(/^[\^~]/, ""), optional: true };
    if (pkg.dev) entry.dev = true;
    const os = parts.find((p) => OS.includes(p));
    const cpu = parts.find((p) => CPU.includes(p));
    if (os && cpu !== "wasm32") entry.os = [os];
    if (cpu) entry.cpu = [cpu];
    if (parts.some((p) => p === "musl" || p === "musleabihf")) entry.libc = ["musl"];
    else if (parts.some((p) => p === "gnu" || p === "gnueabihf")) entry.libc = ["glibc"];
    packages[top] = entry;
    added++;
  }
}

writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform stub(s); run \`npm install\` once to restore npm's key order`);
