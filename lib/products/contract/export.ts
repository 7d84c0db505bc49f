// Export: the ODCS v3.1 contract exactly as declared (a product imported from ODCS), or as the seed format
// declares it (a product registered through the form or the seed YAML: lib/products/odcs.ts maps the spec), and
// an ODPS v1.0.0 product document whose output port references that contract. Pure; the API route and the
// product page call these through the products area's entry.
import { stringify } from "yaml";
import { toOdcs } from "@/lib/products/odcs";
import type { DataProductSpec, LifecycleState } from "@/lib/products/types";
import { ODCS_V31 } from "./normalize";
import type { OdcsContract } from "./types";

export type ExportSource = {
  spec: DataProductSpec;
  /** The declared contract stored with the version; null for products declared in the seed format. */
  contract: OdcsContract | null;
  lifecycle: LifecycleState;
};

const STATUS_BY_LIFECYCLE: Record<LifecycleState, string> = {
  draft: "draft",
  in_review: "proposed",
  published: "active",
  deprecated: "deprecated",
  retired: "retired",
};

/** The product's ODCS v3.1.0 contract. A declared contract comes back as stored: nothing is added. */
export function exportContract(source: ExportSource): OdcsContract {
  if (source.contract) return structuredClone(source.contract);
  return toOdcs(source.spec, { lifecycle: source.lifecycle }) as OdcsContract;
}

export function exportContractYaml(source: ExportSource): string {
  // compat: quote strings that YAML 1.1 readers (PyYAML-based ODCS tools) would take for booleans.
  return stringify(exportContract(source), { compat: "yaml-1.1", lineWidth: 0 });
}

/**
 * The ODPS v1.0.0 product document. It is the portal's own statement about the product (id, status from the
 * lifecycle, owner of record); its single output port names the contract by id and version.
 */
export function exportOdps(source: ExportSource & { domain: string }): Record<string, unknown> {
  const contract = exportContract(source);
  const { spec } = source;
  return {
    apiVersion: "v1.0.0",
    kind: "DataProduct",
    id: `${source.domain}.${spec.name}`,
    name: spec.name,
    version: spec.version,
    status: STATUS_BY_LIFECYCLE[source.lifecycle],
    domain: source.domain,
    ...(typeof contract.tenant === "string" ? { tenant: contract.tenant } : {}),
    description: { purpose: spec.description },
    ...(spec.tags.length > 0 ? { tags: [...spec.tags] } : {}),
    outputPorts: [
      {
        name: spec.name,
        version: contract.version,
        contractId: contract.id,
        ...((contract.schema?.length ?? 0) > 0
          ? { description: `Datasets: ${(contract.schema ?? []).map((d) => d.name).join(", ")}` }
          : {}),
      },
    ],
    team: { members: [{ username: spec.owner, role: "owner" }] },
  };
}

export function exportOdpsYaml(source: ExportSource & { domain: string }): string {
  return stringify(exportOdps(source), { compat: "yaml-1.1", lineWidth: 0 });
}

export { ODCS_V31 };
