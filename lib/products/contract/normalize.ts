// The normalisation an imported ODCS contract goes through before it is stored, and the only changes an
// export makes to what was declared (documented in lib/products/contract/README.md):
//   1. apiVersion becomes v3.1.0 (v3.0.x documents are valid v3.1.0 documents once 2. is done);
//   2. the v3.0 list form of `team` becomes the v3.1 object form `{ members: [...] }`.
// YAML-only presentation (comments, key order, quoting, anchors) is not part of the JSON document and is not kept.
import type { OdcsContract } from "./types";

export const ODCS_V31 = "v3.1.0" as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A deep copy of `doc` in the stored v3.1 form. `doc` must already be a valid ODCS v3 document. */
export function normalizeContract(doc: Record<string, unknown>): OdcsContract {
  const copy = structuredClone(doc);
  copy.apiVersion = ODCS_V31;
  if (Array.isArray(copy.team)) copy.team = { members: copy.team };
  return copy as OdcsContract;
}

export { isRecord };
