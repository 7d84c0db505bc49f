// Re-validates every product against its effective policy, streaming progress as JSON lines
// ({type:"progress",done,total} per batch, then {type:"done",summary}) for the overview's progress bar.
import { authorize } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { ForbiddenError, toErrorResponse } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { audit } from "@/lib/governance/enforcement";
import { revalidateProducts } from "@/lib/governance/validate-products";

export const dynamic = "force-dynamic";

/** Cookies ride along on cross-site POSTs; only the portal's own pages may start this. */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return request.headers.get("sec-fetch-site") === "same-origin";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function POST(request: Request) {
  try {
    if (!sameOrigin(request)) throw new ForbiddenError("Start the re-validation from the governance overview.");
    const user = await authorize(can.revalidateAll, { message: "Only governance and data admins can re-validate every product.", action: "revalidate_all", resource: "data_product:*" });
    await audit({ subject: user.email, action: "revalidate_all", resource: "data_product:*", decision: "allow", reason: "Governance re-validation of every product.", policyId: "portal-permissions" });
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (line: object) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        try {
          const summary = await revalidateProducts({ trigger: "manual", userId: user.id, onProgress: (done, total) => send({ type: "progress", done, total }) });
          send({ type: "done", summary });
        } catch (err) {
          logger.error({ err }, "re-validation of all products failed");
          send({ type: "error", message: "Re-validation stopped because of an error; products validated so far keep their new results." });
        } finally {
          controller.close();
        }
      },
    });
    return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" } });
  } catch (e) {
    return toErrorResponse(e);
  }
}
