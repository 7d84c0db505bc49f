// The 18 official ODCS examples (bitol-io/open-data-contract-standard docs/examples, copied into
// __fixtures__/odcs-examples): each imports, exports valid ODCS v3.1.0, and comes back equal as JSON after
// the documented normalisation (normalize.ts) — and an export imported again is the same contract.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { exportContract, exportOdps } from "./export";
import { normalizeContract } from "./normalize";
import { completeProjection } from "./project";
import { readContract } from "./read-contract";
import { contractRows } from "./rows";
import { schemaProblem } from "./validate";

const dir = path.join(__dirname, "../__fixtures__/odcs-examples");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));

describe("official ODCS examples", () => {
  it("are all here", () => expect(files).toHaveLength(18));

  it.each(files)("%s imports, exports valid and round-trips", (file) => {
    const text = readFileSync(path.join(dir, file), "utf8");
    const read = readContract(text, { domain: "sales", owner: "owner@example.com" });
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const spec = completeProjection(read.projection);
    expect(spec.success, JSON.stringify(spec.error?.issues)).toBe(true);
    const source = { spec: spec.data!, contract: read.contract, lifecycle: "draft" as const };
    const exported = exportContract(source);
    expect(schemaProblem("odcs-v3.1.0", exported)).toBeNull();
    expect(JSON.parse(JSON.stringify(exported))).toEqual(JSON.parse(JSON.stringify(normalizeContract(parse(text)))));
    const again = readContract(JSON.stringify(exported));
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(again.contract).toEqual(exported);
    expect(schemaProblem("odps-v1.0.0", exportOdps({ ...source, domain: "sales" }))).toBeNull();
    // Every declared property, nested ones included, has its row.
    const rows = contractRows(read.contract);
    expect(rows.datasets).toHaveLength(read.contract.schema?.length ?? 0);
  });
});
