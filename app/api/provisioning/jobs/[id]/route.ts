// A provisioning job's live state (steps, durations, log lines) for the progress component's polling.
import { requireUser } from "@/lib/auth/current-user";
import { toErrorResponse } from "@/lib/errors";
import { getVisibleJob } from "@/lib/provisioning/job-access";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requireUser();
    const job = await getVisibleJob(user, (await params).id);
    return Response.json(job, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return toErrorResponse(e);
  }
}
