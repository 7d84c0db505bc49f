// What this installation really provisions, next to what it only plans. Pure: the page feeds it the
// platform configuration and the database's answers about the portal's own privileges.
import type { PlatformSpec } from "./platform-yaml";
import { PLATFORM_LAYERS } from "./platform-yaml";

export type CapabilityMode = "live" | "plan" | "unavailable";
export type Capability = {
  layer: "storage" | "processing" | "serving" | "governance";
  name: string;
  target: string;
  mode: CapabilityMode;
  detail: string;
};
export type DatabasePrivileges = { canCreateSchema: boolean; canCreateRole: boolean; serverVersion: string };

export function capabilities(spec: PlatformSpec, db: DatabasePrivileges): Capability[] {
  const live = (ok: boolean): CapabilityMode => (ok ? "live" : "unavailable");
  const pg = `PostgreSQL ${db.serverVersion}`;
  const rows: Capability[] = [
    {
      layer: "storage",
      name: "Schema per product and environment",
      target: pg,
      mode: live(db.canCreateSchema),
      detail: db.canCreateSchema ? "CREATE SCHEMA dp_<domain>_<product>_<hash>" : "the portal's database user lacks CREATE on the database",
    },
    {
      layer: "storage",
      name: "Versioned table from the product's fields",
      target: pg,
      mode: live(db.canCreateSchema),
      detail: "additive changes migrate in place; breaking changes get a new <product>_v<major> table",
    },
    {
      layer: "processing",
      name: "Pipeline record and ingestion endpoint",
      target: "Meshport",
      mode: "live",
      detail: "from the processing template; CSV and JSON loads through COPY, run on demand or on schedule",
    },
    {
      layer: "serving",
      name: "REST read endpoint and serving view",
      target: `Meshport + ${pg}`,
      mode: live(db.canCreateSchema),
      detail: "GET /api/data/<domain>/<product>, policy-enforced",
    },
    {
      layer: "governance",
      name: "Role per access role with policy-matched GRANTs",
      target: pg,
      mode: live(db.canCreateRole),
      detail: db.canCreateRole
        ? "NOLOGIN roles; never a grant the effective policy forbids"
        : "the portal's database user lacks CREATEROLE",
    },
  ];
  for (const layer of PLATFORM_LAYERS) {
    for (const c of spec[layer]) {
      rows.push({ layer, name: c.type, target: c.provider, mode: "plan", detail: "Terraform JSON plan only; not applied from Meshport" });
    }
  }
  return rows;
}
