// `npm test`: the whole suite — unit and integration (vitest, real PostgreSQL), then the production
// build and the Playwright journeys in Chromium. Uses the server DATABASE_URL names, or starts the
// embedded PostgreSQL once for the run; every suite creates and drops its own databases on it.
import { existsSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { ensureDatabase, REPO_ROOT } from "./embedded-db";
import { NEXT_BIN, node, prismaGenerate, run } from "./run";

const VITEST = path.join(REPO_ROOT, "node_modules", "vitest", "vitest.mjs");
const ESLINT = path.join(REPO_ROOT, "node_modules", "eslint", "bin", "eslint.js");
const PRETTIER = path.join(REPO_ROOT, "node_modules", "prettier", "bin", "prettier.cjs");
const PLAYWRIGHT = path.join(REPO_ROOT, "node_modules", "@playwright", "test", "cli.js");
const RESULTS = path.join(REPO_ROOT, "test-results");

/** A TCP port nobody listens on, so the e2e server never collides with a running portal. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

type Tally = { passed: number; failed: number; skipped: number };

function vitestTally(): Tally {
  const file = path.join(RESULTS, "vitest.json");
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}

function playwrightTally(): Tally {
  const file = path.join(RESULTS, "e2e.json");
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
}

async function main() {
  const only = process.argv[2]; // optional: lint | unit | integration | e2e
  rmSync(RESULTS, { recursive: true, force: true });
  const server = await ensureDatabase({ dbName: "postgres" });
  const env = { ...process.env, DATABASE_URL: server.url, NODE_ENV: "test" } as NodeJS.ProcessEnv;
  const tallies: Record<string, Tally> = {};
  let failedStep = false;
  try {
    await prismaGenerate();
    if (!only || only === "lint") {
      // House rules first: ESLint (Next.js rules, layer boundaries) and Prettier; a finding fails the run.
      const lint = await run(process.execPath, [ESLINT, ".", "--max-warnings", "0"], { env });
      const format = await run(process.execPath, [PRETTIER, "--check", ".", "--log-level", "warn"], { env });
      tallies.lint = { passed: Number(lint === 0) + Number(format === 0), failed: Number(lint !== 0) + Number(format !== 0), skipped: 0 };
    }
    if (!only || only === "unit" || only === "integration") {
      const projects = only ? ["--project", only] : [];
      const code = await run(
        process.execPath,
        [VITEST, "run", ...projects, "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(RESULTS, "vitest.json")}`],
        { env },
      );
      tallies.vitest = vitestTally();
      if (code !== 0 && tallies.vitest.failed === 0) tallies.vitest.failed = 1;
    }
    if (!only || only === "e2e") {
      await node([NEXT_BIN, "build"], { env: { ...process.env, NODE_ENV: "production" } });
      const e2ePort = process.env.E2E_PORT ?? String(await freePort());
      const code = await run(process.execPath, [PLAYWRIGHT, "test"], {
        env: { ...process.env, DATABASE_URL: server.url, E2E_PORT: e2ePort },
      });
      tallies.playwright = playwrightTally();
      if (code !== 0 && tallies.playwright.failed === 0) tallies.playwright.failed = 1;
    }
  } catch (e) {
    console.error(`[test] ${e instanceof Error ? e.message : String(e)}`);
    failedStep = true;
  } finally {
    await server.stop?.();
  }
  const total = Object.values(tallies).reduce(
    (a, t) => ({ passed: a.passed + t.passed, failed: a.failed + t.failed, skipped: a.skipped + t.skipped }),
    { passed: 0, failed: failedStep ? 1 : 0, skipped: 0 },
  );
  for (const [name, t] of Object.entries(tallies))
    console.log(`[test] ${name}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(total.failed > 0 ? 1 : 0);
}

void main();
