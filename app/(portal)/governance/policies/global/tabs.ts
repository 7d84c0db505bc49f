// The global policy editor's sections; a plain module so the page (a server component) can read them.
export const GLOBAL_TABS = [
  { id: "classification", label: "Classification levels", keys: ["data_classification"] },
  { id: "access", label: "Access control", keys: ["access_control"] },
  { id: "quality", label: "Data quality", keys: ["data_quality"] },
  { id: "compliance", label: "Compliance", keys: ["compliance"] },
  {
    id: "federation",
    label: "Locked keys",
    keys: ["locked", "domain_overrides_allowed", "data_retention", "access_model", "quality_requirements"],
  },
  { id: "yaml", label: "YAML", keys: [] },
] as const;
export type GlobalTab = (typeof GLOBAL_TABS)[number]["id"];
