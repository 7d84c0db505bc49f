// The job's Terraform JSON plan for the cloud targets, as a download. A plan only: never applied here.
import { requireUser } from "@/lib/auth/current-user";
import { toErrorResponse } from "@/lib/errors";
import { getVisiblePlan } from "@/lib/provisioning/job-access";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requireUser();
    const plan = await getVisiblePlan(user, (await params).id);
    const filename = `${plan.domain}-${plan.name}-${plan.environment}.plan.tf.json`;
    return new Response(`${JSON.stringify(plan.plan, null, 2)}\n`, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "X-Meshport-Plan": "plan-only; not applied",
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    return toErrorResponse(e);
  }
}
