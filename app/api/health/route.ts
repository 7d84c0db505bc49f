// Liveness + readiness: the portal answers and its database is reachable.
import { pingDatabase } from "@/lib/platform/queries";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";

export async function GET() {
  const started = performance.now();
  try {
    await pingDatabase();
    return Response.json({ status: "ok", database: "reachable", latencyMs: Math.round(performance.now() - started) });
  } catch (err) {
    logger.error({ err }, "health check: database unreachable");
    return Response.json({ status: "error", database: "unreachable" }, { status: 503 });
  }
}
