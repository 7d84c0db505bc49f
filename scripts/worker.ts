// The job worker (every area's handlers, job-handlers.ts) on its own: `tsx --conditions=react-server scripts/worker.ts`.
// Use it when the portal runs with WORKER_ENABLED=false, or to add workers; the crash-and-resume test
// runs (and kills) it as a child process.
import { startWorker } from "@/job-handlers";
import { logger } from "@/lib/logger";

async function main() {
  const worker = await startWorker();
  console.log("[worker] ready");
  const stop = async (signal: string) => {
    logger.info({ signal }, "worker stopping");
    await worker.stop().catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((e) => {
  console.error("[worker] failed to start:", e instanceof Error ? e.message : e);
  process.exit(1);
});
