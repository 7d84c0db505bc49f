import path from "node:path";
import { defineConfig } from "vitest/config";

// Three projects: fast pure-logic unit tests; integration tests that run services against a real
// PostgreSQL database created (and dropped) by tests/global-setup.ts; and the reliability and security
// suite (authorization matrix, fuzzing, concurrency, crashes) on a database of its own.
const alias = { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "tests/server-only-stub.ts") };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          setupFiles: ["tests/fast-check-seed.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**"],
          environment: "node",
          globalSetup: ["tests/global-setup.ts"],
          // Services import @/lib/auth/server, whose entry now re-exports getCurrentUser (next-auth): inlined,
          // Vite resolves next-auth's extensionless "next/server" import (as the reliability project does).
          server: { deps: { inline: ["next-auth"] } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "reliability",
          include: ["tests/reliability/**/*.rel.test.ts"],
          exclude: ["node_modules/**"],
          environment: "node",
          // Its own database (see the file for why not tests/global-setup.ts's process.env hand-over).
          globalSetup: ["tests/reliability/global-setup.ts"],
          setupFiles: ["tests/fast-check-seed.ts", "tests/reliability/setup-env.ts"],
          // next-auth imports "next/server" without an extension, which Node's own ESM loader refuses;
          // inlined, Vite resolves it (the matrix loads the sign-in actions and the auth route).
          server: { deps: { inline: ["next-auth"] } },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
