import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { API_CSP } from "./lib/security/csp";
import { SERVER_ACTION_LIMIT, SERVER_ACTION_MAX_BYTES } from "./lib/security/limits";

const nextConfig: NextConfig = {
  // Lets several dev servers share a checkout (each with its own build folder).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // A self-contained server (node server.js) for the Docker image and CI; scripts/standalone.sh
  // adds the static assets and migrations it does not trace.
  output: "standalone",
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pg"],
  experimental: {
    serverActions: { bodySizeLimit: SERVER_ACTION_LIMIT },
    // The proxy (pages only; see its matcher) copies request bodies up to this size. Only server
    // actions post to pages, so a little over their own limit is enough.
    proxyClientMaxBodySize: SERVER_ACTION_MAX_BYTES + 1024 * 1024,
  },
  async headers() {
    return [
      // Pages get a per-request nonce policy from proxy.ts; API answers are JSON and may carry tokens or codes.
      {
        source: "/api/:path*",
        headers: [
          { key: "Content-Security-Policy", value: API_CSP },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
      // The backup upload handler skips the proxy too (see proxy.ts).
      { source: "/vault/backup/import", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

// No locale in the URL: i18n/request.ts picks it per request (user setting, then Accept-Language).
export default createNextIntlPlugin("./i18n/request.ts")(nextConfig);
