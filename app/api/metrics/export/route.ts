// CSV export of one chart's data: /api/metrics/export?chart=…&range=…|from=…&to=…[&domain=slug].
// Metric readers may export everything; a domain's members only their own domain's charts.
import { z } from "zod";
import { authorize } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError, toErrorResponse } from "@/lib/errors";
import { CHARTS, chartCsv } from "@/lib/metrics/export";
import { toCsv } from "@/lib/metrics/csv";
import { getMetricsDomain } from "@/lib/metrics/queries";
import { parseRange } from "@/lib/metrics/period";
import { parseInput } from "@/lib/validation/parse";
import { isDomainSlug } from "@/lib/validation/slug";

const querySchema = z.object({
  chart: z.enum(CHARTS, "Unknown chart."),
  domain: z.string().refine(isDomainSlug, "Unknown domain.").optional(),
});

export async function GET(request: Request): Promise<Response> {
  try {
    const url = new URL(request.url);
    const q = Object.fromEntries(url.searchParams);
    const { chart, domain } = parseInput(
      querySchema,
      { chart: q.chart, domain: q.domain || undefined },
      { message: "Choose a chart to export." },
    );
    await authorize((u) => (domain ? can.readDomainMetrics(u, domain) : can.readMetrics(u)), "You cannot export these metrics.");
    let domainId: string | undefined;
    if (domain) {
      const d = await getMetricsDomain(domain);
      if (!d) throw new NotFoundError("This domain does not exist.");
      domainId = d.id;
    } else if (chart === "domain-products") {
      throw new ValidationError("This chart needs a domain.");
    }
    // Whole-mesh tables (every domain's rows) are for metric readers only.
    if (domain && (chart === "domains" || chart === "rollout"))
      throw new ValidationError("This chart covers every domain; export it from the mesh dashboard.");
    const range = parseRange({ range: q.range, from: q.from, to: q.to });
    const table = await chartCsv(chart, { domainId }, range);
    const name = `meshport-${chart}${domain ? `-${domain}` : ""}-${range.from}-to-${range.to}.csv`;
    return new Response(toCsv(table.columns, table.rows), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    return toErrorResponse(e);
  }
}
