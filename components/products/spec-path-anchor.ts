// Where a spec path ("spec.access[1].role", from a compliance finding) is edited in the product form:
// the id of its control, so a refusal can link straight to the field. Null for paths the form does not
// edit (e.g. context.qualityScores.*): those findings link to the compliance page instead.

export function specPathAnchor(path: string): string | null {
  const schema = /^spec\.schema\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (schema) return schema[2] === "pii" ? `field-${schema[1]}-pii` : `field-${schema[1]}-name`;
  const access = /^spec\.access\[(\d+)\]/.exec(path);
  if (access) return `access-${access[1]}-role`;
  const slo = /^spec\.slo\.(\w+)$/.exec(path);
  if (slo) return `slo.${slo[1]}`;
  switch (path) {
    case "spec.classification":
    case "spec.description":
    case "spec.owner":
    case "spec.tags":
      return path.slice("spec.".length);
    case "spec.governance.retention":
      return "retention-display";
    case "spec.governance.purpose":
      return "purpose-display";
    case "spec.governance.encryption":
      return "governance-encryption";
    case "spec.governance.erasure":
      return "governance-erasure";
    default:
      return null;
  }
}
