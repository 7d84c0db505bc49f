// Next.js calls register() once per server process. The Node.js runtime (not the edge one) starts the
// job worker there, unless WORKER_ENABLED=false says another process runs it. The worker also
// schedules the health probe (lib/metrics/health-probe.ts), once for the cluster.
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself, per bundle; the edge bundle must not even import the worker.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  if (!env().WORKER_ENABLED) return;
  const { logger } = await import("@/lib/logger");
  const { startWorker } = await import("@/job-handlers");
  // Not awaited: a database that is still starting must not block the server; the worker retries on demand.
  startWorker().catch((err: unknown) => logger.error({ err }, "job worker did not start"));
}
