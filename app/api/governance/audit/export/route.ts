// The filtered audit log as CSV, streamed in chunks so an export of the whole log never sits in memory.
// Governance and data admins only; the export itself is audited.
import { authorize } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { toErrorResponse, ValidationError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { audit } from "@/lib/audit/writer";
import { auditCsvHeader, auditCsvLine } from "@/lib/audit/csv";
import { iterateAuditEvents } from "@/lib/audit/log";
import { auditFilterParams, parseAuditQuery } from "@/lib/audit/query";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    // Input first: a bad filter is a 400 for anyone and never reaches the audit log or SQL.
    const url = new URL(request.url);
    const { filters, errors } = parseAuditQuery(Object.fromEntries(url.searchParams));
    if (Object.keys(errors).length > 0) throw new ValidationError("Some filters are not valid.", errors);
    const user = await authorize(can.readAudit, {
      message: "Only governance and data admins can export the audit log.",
      action: "export_audit",
      resource: "audit_events",
    });
    await audit({
      subject: user.email,
      action: "export_audit",
      resource: "audit_events",
      decision: "allow",
      reason: "Audit log exported as CSV.",
      policyId: "portal-permissions",
      context: { filters: auditFilterParams(filters) },
    });

    const encoder = new TextEncoder();
    const chunks = iterateAuditEvents(filters);
    // The first chunk is read before the 200 is sent: a query that fails fails here, as an error
    // response, instead of cutting the download after the status line.
    const first = await chunks.next();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(auditCsvHeader()));
        if (first.done) controller.close();
        else controller.enqueue(encoder.encode(first.value.map(auditCsvLine).join("")));
      },
      // Pulled as the client reads: a slow download does not make the server buffer the log.
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) return controller.close();
          controller.enqueue(encoder.encode(next.value.map(auditCsvLine).join("")));
        } catch (err) {
          logger.error({ err }, "audit export failed mid-stream");
          controller.error(new Error("export failed"));
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-log-${stamp}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    return toErrorResponse(e);
  }
}
