import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // server-only throws outside React Server Components; lib code is plain Node here.
      "server-only": path.resolve(import.meta.dirname, "test/empty.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    pool: "forks",
    // Each file has its own database and data directory (test/setup.ts), so files run side by side.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
