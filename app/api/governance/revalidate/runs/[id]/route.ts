// A re-validation run's progress (done / total, outcome counts) for the polling progress component.
import { requireUser } from "@/lib/auth/current-user";
import { toErrorResponse } from "@/lib/errors";
import { getVisibleRun } from "@/lib/governance/revalidation/run-progress.db";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requireUser();
    const run = await getVisibleRun(user, (await params).id);
    return Response.json(run, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return toErrorResponse(e);
  }
}
