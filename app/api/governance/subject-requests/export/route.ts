// A data subject's records as one JSON download (GDPR portability): POSTed from the subject requests page so
// the identifier never sits in a URL. Governance and data admins only; the search is audited (findSubject).
import { authorize } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { ForbiddenError, toErrorResponse } from "@/lib/errors";
import { findSubject, parseSubjectRequest } from "@/lib/governance/subject-requests/find-subject.db";
import { isSameOrigin } from "@/lib/same-origin";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    if (!isSameOrigin(request)) throw new ForbiddenError("Export from the subject requests page.");
    const form = await request.formData().catch(() => new FormData());
    const input = { key: form.get("key"), value: form.get("value") };
    const user = await authorize(can.handleSubjectRequests, {
      message: "Only governance and data admins can export a data subject's records.",
      action: "handleSubjectRequests",
      resource: "subject_requests",
    });
    const { key } = parseSubjectRequest(input);
    const { matches } = await findSubject(user, input);
    const body = {
      exportedAt: new Date().toISOString(),
      subjectKey: key,
      records: matches.map((m) => ({ product: m.product, environment: m.environment, table: m.table, count: m.count, rows: m.rows })),
    };
    const stamp = body.exportedAt.slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
    return new Response(JSON.stringify(body, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="subject-records-${stamp}.json"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    return toErrorResponse(e);
  }
}
