// Which kind of document an import is and its reading: the seed's DataProduct YAML (apiVersion v1), an ODCS v3
// contract (kind DataContract) or an ODPS product document (kind DataProduct, apiVersion v1.0.0/v0.9.0). Pure.
import { parse as parseYamlLoose } from "yaml";
import { toOdcs } from "@/lib/products/odcs";
import { formatPath, isRecord, parseProductYaml, readYaml, type ProductIssue } from "@/lib/products/yaml";
import { positionAt } from "@/lib/yaml-position";
import { projectContract, type ProjectChoices, type Projection } from "./project";
import { parseText, readContractValue } from "./read-contract";
import { contractRows } from "./rows";
import type { OdcsContract } from "./types";
import { schemaProblem } from "./validate";

export const IMPORT_FORMATS = ["auto", "yaml", "odcs", "odps"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
type Kind = Exclude<ImportFormat, "auto">;

export type ImportRead =
  | {
      ok: true;
      format: Kind;
      /** The declared contract to store (ODCS imports); null: the seed format or ODPS, derived from the spec. */
      contract: OdcsContract | null;
      projection: Projection;
      datasets: { name: string; physicalType: string | null; properties: number }[];
    }
  | { ok: false; format: Kind; errors: ProductIssue[]; unknownKind?: boolean };

/** Which format a document is, from its apiVersion/kind; null when none fits. */
export function detectFormat(text: string): Kind | null {
  let doc: unknown;
  try {
    doc = parseYamlLoose(text, { maxAliasCount: 100, logLevel: "error" });
  } catch {
    return "yaml"; // let the YAML parser report the syntax error with its line
  }
  return formatOf(doc);
}

function formatOf(doc: unknown): Kind | null {
  if (!isRecord(doc)) return null;
  const { kind, apiVersion } = doc;
  if (kind === "DataContract" || (typeof apiVersion === "string" && apiVersion.startsWith("v3"))) return "odcs";
  if (kind === "DataProduct" && (apiVersion === "v1.0.0" || apiVersion === "v0.9.0")) return "odps";
  if (kind === "DataProduct") return "yaml";
  return null;
}

function datasetsOf(contract: OdcsContract) {
  const rows = contractRows(contract);
  return rows.datasets.map((d) => ({ name: d.name, physicalType: d.physicalType, properties: d.propertyCount }));
}

function readOdps(text: string, choices: ProjectChoices): ImportRead {
  const read = readYaml(text);
  if (!read.ok) return { ...read, format: "odps" };
  const doc = read.value;
  const problem = schemaProblem("odps-v1.0.0", doc);
  if (problem || !isRecord(doc)) {
    const path = problem?.path ?? [];
    const line = positionAt(read.source, path)?.line;
    return {
      ok: false,
      format: "odps",
      errors: [
        {
          path: formatPath(path),
          ...(line ? { line } : {}),
          message: `Not valid ODPS v1.0.0: ${formatPath(path) || "the document"} ${problem?.message ?? "is not an object"}`,
        },
      ],
    };
  }
  // The product document's own statements, read through the same projection as a contract's.
  const team = doc.team;
  const view = {
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id: String(doc.id),
    version: typeof doc.version === "string" ? doc.version : "0.1.0",
    status: String(doc.status),
    ...(typeof doc.name === "string" ? { name: doc.name } : {}),
    ...(typeof doc.domain === "string" ? { domain: doc.domain } : {}),
    ...(isRecord(doc.description) ? { description: doc.description } : {}),
    ...(Array.isArray(doc.tags) ? { tags: doc.tags } : {}),
    ...(Array.isArray(team) ? { team: { members: team } } : isRecord(team) ? { team } : {}),
  } as OdcsContract;
  const projection = projectContract(view, choices);
  const ports = Array.isArray(doc.outputPorts) ? doc.outputPorts.filter(isRecord) : [];
  projection.notes.push({
    kind: "portal-only",
    path: "outputPorts",
    message:
      ports.length > 0
        ? `Output ports reference contracts ${ports.map((p) => String(p.contractId ?? p.name)).join(", ")}; import those contracts to add their datasets. The portal writes its own ODPS document on export.`
        : "The product has no output port; import its contracts to add datasets. The portal writes its own ODPS document on export.",
  });
  return { ok: true, format: "odps", contract: null, projection, datasets: [] };
}

export function readImportDocument(text: string, format: ImportFormat, choices: ProjectChoices = {}): ImportRead {
  // Parsed once; a text that does not parse goes on to the seed reader, which reports the syntax error's line.
  const parsed = parseText(text);
  const kind = format === "auto" ? (parsed.ok ? formatOf(parsed.value) : "yaml") : format;
  if (!kind) {
    return {
      ok: false,
      format: "yaml",
      unknownKind: true,
      errors: [
        {
          path: "kind",
          message:
            "Expected `kind: DataProduct` (apiVersion v1), an ODCS `kind: DataContract` (apiVersion v3.x) or an ODPS `kind: DataProduct` (apiVersion v1.0.0).",
        },
      ],
    };
  }
  if (kind === "odps") return readOdps(text, choices);
  if (kind === "odcs") {
    const read = parsed.ok ? readContractValue(parsed.value, parsed.locate, choices) : parsed;
    if (!read.ok) return { ...read, format: "odcs" };
    return { ok: true, format: "odcs", contract: read.contract, projection: read.projection, datasets: datasetsOf(read.contract) };
  }
  const seed = parseProductYaml(text);
  if (!seed.ok) return { ...seed, format: "yaml" };
  return {
    ok: true,
    format: "yaml",
    contract: null,
    projection: { spec: seed.spec, notes: [], missing: [] },
    datasets: datasetsOf(toOdcs(seed.spec) as OdcsContract),
  };
}
