// The periodic health probe behind "API availability": every active deployment's endpoint is called
// (its service URL, made absolute with PUBLIC_URL when relative) and, when there is no URL to call, its
// backing table is queried. Each probe records a health_probe event: status 0 / 5xx counts as down.
// It runs as a pg-boss cron job registered by the provisioning worker, so once per interval for the whole
// cluster rather than once per server process.
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { recordMetricEvents, type MetricEventInput } from "@/lib/metrics/record";

const TIMEOUT_MS = 5_000;

export type ProbeResult = { deploymentId: string; productId: string; target: string; status: number; durationMs: number };

function absoluteUrl(serviceUrl: string | null): string | null {
  if (!serviceUrl) return null;
  if (/^https?:\/\//i.test(serviceUrl)) return serviceUrl;
  const base = env().PUBLIC_URL;
  return base && serviceUrl.startsWith("/") ? new URL(serviceUrl, base).toString() : null;
}

async function probeHttp(url: string): Promise<number> {
  try {
    // No credentials: a 401/403 still proves the endpoint is up and answering.
    const res = await fetch(url, {
      method: "GET",
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { "user-agent": "meshport-health-probe" },
    });
    await res.body?.cancel();
    return res.status;
  } catch {
    return 0;
  }
}

async function probeTable(schema: string, table: string): Promise<number> {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  try {
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${TIMEOUT_MS}`);
      await tx.$queryRawUnsafe(`SELECT 1 FROM ${q(schema)}.${q(table)} LIMIT 1`);
    });
    return 200;
  } catch {
    return 503;
  }
}

/** Probes every active deployment once, records the results in one statement and returns them. */
export async function runHealthProbe(now: () => number = Date.now): Promise<ProbeResult[]> {
  const deployments = await db.deployment.findMany({
    where: { status: "active" },
    select: {
      id: true,
      productId: true,
      serviceUrl: true,
      schemaName: true,
      tableName: true,
      environment: true,
      product: { select: { domainId: true } },
    },
  });
  const results = await Promise.all(
    deployments.map(async (d) => {
      const url = absoluteUrl(d.serviceUrl);
      const started = now();
      let status: number;
      let target: string;
      if (url) {
        target = url;
        status = await probeHttp(url);
      } else if (d.schemaName && d.tableName) {
        target = `${d.schemaName}.${d.tableName}`;
        status = await probeTable(d.schemaName, d.tableName);
      } else {
        target = "(nothing to probe)";
        status = 0;
      }
      return { d, result: { deploymentId: d.id, productId: d.productId, target, status, durationMs: now() - started } };
    }),
  );
  const events: MetricEventInput[] = results.map(({ d, result }) => ({
    type: "health_probe",
    productId: d.productId,
    domainId: d.product.domainId,
    status: result.status,
    durationMs: result.durationMs,
    meta: { environment: d.environment, target: result.target },
  }));
  await recordMetricEvents(events);
  const down = results.filter((r) => r.result.status === 0 || r.result.status >= 500).length;
  if (down > 0) logger.warn({ down, probed: results.length }, "health probe: endpoints down");
  return results.map((r) => r.result);
}

/**
 * The cron expression closest to HEALTH_PROBE_INTERVAL_S seconds (null = 0 = off). Cron counts whole
 * minutes, so shorter intervals run every minute and longer ones round to the nearest minute, or to the
 * nearest hour from an hour on (at most daily). A step that does not divide the hour (or the day) restarts
 * at its top, so one gap per hour (or day) is shorter.
 */
export function healthProbeCron(seconds: number): string | null {
  if (seconds <= 0) return null;
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return `*/${minutes} * * * *`;
  const hours = Math.round(minutes / 60);
  return hours < 24 ? `0 */${hours} * * *` : "0 0 * * *";
}
