// Validates a spec that is not stored (the API's and CLI's dry run) against its domain's effective policy,
// with the product's latest measured quality when it exists. Writes nothing.
import "server-only";
import { db } from "@/lib/db";
import type { DataProductSpec } from "@/lib/products";
import { validateProduct, type Finding } from "./rules";
import { summarize, type ComplianceStatus } from "./status";
import { latestQualityScores, loadPolicyContexts } from "./validate-products.db";

export async function validateDraft(spec: DataProductSpec): Promise<{ status: ComplianceStatus; findings: Finding[] }> {
  const contextFor = await loadPolicyContexts();
  const existing = await db.dataProduct.findFirst({ where: { name: spec.name, domain: { slug: spec.domain } }, select: { id: true } });
  const scores = existing ? (await latestQualityScores([existing.id])).get(existing.id) : undefined;
  const findings = validateProduct(spec, contextFor(spec.domain).policy, scores ? { qualityScores: scores } : {});
  return { status: summarize(findings).status, findings };
}
