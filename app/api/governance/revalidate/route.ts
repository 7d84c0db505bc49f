// Starts re-validating every product against its effective policy as a queued run (the worker does the
// work in batches) and answers 202 with the run's id at once; the overview polls the run's progress.
import { authorize } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { ForbiddenError, toErrorResponse } from "@/lib/errors";
import { audit } from "@/lib/audit/writer";
import { startRevalidationRun } from "@/lib/governance/revalidation/start-run.db";
import { isSameOrigin } from "@/lib/same-origin";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    if (!isSameOrigin(request)) throw new ForbiddenError("Start the re-validation from the governance overview.");
    const user = await authorize(can.revalidateAll, {
      message: "Only governance and data admins can re-validate every product.",
      action: "revalidate_all",
      resource: "data_product:*",
    });
    await audit({
      subject: user.email,
      action: "revalidate_all",
      resource: "data_product:*",
      decision: "allow",
      reason: "Governance re-validation of every product.",
      policyId: "portal-permissions",
    });
    const run = await startRevalidationRun({ trigger: "manual", userId: user.id });
    return Response.json({ runId: run.runId, total: run.total }, { status: 202, headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return toErrorResponse(e);
  }
}
