// Checks a data product spec against the effective policy of its domain (the seed's
// validate_data_product: classification, access control, quality; plus retention, SLOs and
// GDPR/CCPA). Unlike the seed, it reports every finding instead of stopping at the first false, so an
// author sees the whole list at once. Each rule is a small function with a stable id that UIs,
// waivers and audit records can refer to.
import type { DataProductSpec } from "@/lib/products";
import { compareDurations, describeDuration, durationFromMinutes, durationSeconds, isDuration, RETENTION_UNITS } from "@/lib/duration";
import { QUALITY_METRICS, type AccessRule, type ClassificationRule, type EffectivePolicy } from "../policies/types";

export type Severity = "error" | "warning" | "info";
export type PolicySourceLabel = "global" | `domain:${string}`;

/** Rule ids with the severity used when the policy does not define one (only data_quality does). */
export const DEFAULT_SEVERITY = {
  "classification.known-level": "error",
  "classification.encryption-required": "error",
  "classification.pii-public": "warning",
  "pii.likely-undeclared": "info",
  "retention.format": "error",
  "retention.max": "error",
  "retention.declared": "info",
  "access.role-known": "warning",
  "access.level-allowed": "error",
  "access.permissions-allowed": "error",
  "quality.threshold": "warning", // overridden by the metric's `enforcement`
  "quality.score-missing": "info",
  "slo.freshness": "error",
  "slo.availability": "error",
  "gdpr.pii-purpose": "error",
  "gdpr.pii-erasure": "error",
  "ccpa.deletion": "error",
} as const satisfies Record<string, Severity>;
export type RuleId = keyof typeof DEFAULT_SEVERITY;
export const RULE_IDS = Object.keys(DEFAULT_SEVERITY) as RuleId[];

export type Finding = {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  path: string; // "spec.access[1].role", "spec.governance.retention", "context.qualityScores.accuracy"
  policyValue: unknown;
  policySource: PolicySourceLabel;
  fixHint: string;
};

export type ValidationContext = { qualityScores?: Partial<Record<string, number>> };

type RuleInput = {
  spec: DataProductSpec;
  policy: EffectivePolicy;
  context: ValidationContext;
  level: ClassificationRule | undefined; // the policy entry for spec.classification
  pii: string[]; // names of fields marked PII
};
type Rule = (input: RuleInput) => Finding[];

export function validateProduct(spec: DataProductSpec, effective: EffectivePolicy, context: ValidationContext = {}): Finding[] {
  const input: RuleInput = {
    spec,
    policy: effective,
    context,
    level: effective.data_classification.find((c) => c.level === spec.classification),
    pii: spec.schema.filter((f) => f.pii).map((f) => f.name),
  };
  return RULES.flatMap((rule) => rule(input));
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

function finding(ruleId: RuleId, fields: Omit<Finding, "ruleId" | "severity"> & { severity?: Severity }): Finding {
  return { ruleId, severity: fields.severity ?? DEFAULT_SEVERITY[ruleId], ...fields };
}

function source(policy: EffectivePolicy, path: string): PolicySourceLabel {
  return policy.sources[path] === "domain" && policy.domain ? `domain:${policy.domain}` : "global";
}

const list = (items: readonly string[]) => (items.length > 0 ? items.join(", ") : "none");
const pct = (n: number) => `${n}%`;

const knownLevel: Rule = ({ spec, policy, level }) =>
  level
    ? []
    : [
        finding("classification.known-level", {
          message: `The product is classified "${spec.classification}", a level the policy does not define.`,
          path: "spec.classification",
          policyValue: policy.data_classification.map((c) => c.level),
          policySource: source(policy, "data_classification"),
          fixHint: `Use one of: ${list(policy.data_classification.map((c) => c.level))}.`,
        }),
      ];

const encryptionRequired: Rule = ({ spec, policy, level }) =>
  level?.encryption === "required" && spec.governance?.encryption !== true
    ? [
        finding("classification.encryption-required", {
          message: `${level.level} data must be encrypted, and the product ${spec.governance?.encryption === false ? "declares it is not" : "does not declare encryption"}.`,
          path: "spec.governance.encryption",
          policyValue: "required",
          policySource: source(policy, "data_classification"),
          fixHint: "Encrypt the storage and set governance.encryption to true.",
        }),
      ]
    : [];

const piiPublic: Rule = ({ spec, policy, pii }) =>
  spec.classification === "public" && pii.length > 0
    ? [
        finding("classification.pii-public", {
          message: `The product is public but has personal data fields: ${list(pii)}.`,
          path: "spec.classification",
          policyValue: "public",
          policySource: source(policy, "data_classification"),
          fixHint: "Classify the product as internal or stricter, or remove the personal data fields.",
        }),
      ]
    : [];

const LIKELY_PII =
  /(^|_)(email|e_mail|phone|mobile|ssn|passport|birth|dob|address|ip_address|first_name|last_name|full_name|customer_name)($|_)/;
const likelyPii: Rule = ({ spec, policy }) =>
  spec.schema.flatMap((field, i) =>
    !field.pii && LIKELY_PII.test(field.name)
      ? [
          finding("pii.likely-undeclared", {
            message: `Field "${field.name}" looks like personal data but is not marked PII.`,
            path: `spec.schema[${i}].pii`,
            policyValue: policy.compliance.map((c) => c.regulation),
            policySource: source(policy, "compliance"),
            fixHint: "Mark the field as PII if it identifies a person, so privacy rules apply to it.",
          }),
        ]
      : [],
  );

/** Maximum retention: the domain's data_retention overrides the level's retention. */
function maxRetention(policy: EffectivePolicy, level: ClassificationRule | undefined) {
  if (policy.data_retention)
    return { value: policy.data_retention, source: source(policy, "data_retention"), why: "the domain's data retention" };
  if (level) return { value: level.retention, source: source(policy, "data_classification"), why: `${level.level} data` };
  return null;
}

const retention: Rule = ({ spec, policy, level }) => {
  const declared = spec.governance?.retention;
  const max = maxRetention(policy, level);
  if (declared === undefined || declared.trim() === "") {
    return max
      ? [
          finding("retention.declared", {
            message: `No retention period is declared; data may be kept for at most ${describeDuration(max.value)} (${max.why}).`,
            path: "spec.governance.retention",
            policyValue: max.value,
            policySource: max.source,
            fixHint: `Declare governance.retention, e.g. "${max.value}" or shorter.`,
          }),
        ]
      : [];
  }
  if (!isDuration(declared, RETENTION_UNITS)) {
    return [
      finding("retention.format", {
        message: `Retention "${declared}" is not a period like 90_days, 6_months or 3_years.`,
        path: "spec.governance.retention",
        policyValue: max?.value,
        policySource: max?.source ?? "global",
        fixHint: `Write the retention as <number>_<days|weeks|months|years>${max ? `, at most ${max.value}` : ""}.`,
      }),
    ];
  }
  if (!max || compareDurations(declared, max.value) <= 0) return [];
  return [
    finding("retention.max", {
      message: `Retention ${describeDuration(declared)} is longer than the ${describeDuration(max.value)} allowed for ${max.why}.`,
      path: "spec.governance.retention",
      policyValue: max.value,
      policySource: max.source,
      fixHint: `Shorten governance.retention to ${max.value} or less.`,
    }),
  ];
};

/** The least-privileged policy role that covers the permissions on the level, for fix hints. */
function suggestRole(roles: readonly AccessRule[], permissions: readonly string[], levelName: string): string | undefined {
  return roles
    .filter((r) => permissions.every((p) => (r.permissions as string[]).includes(p)) && (r.data_access as string[]).includes(levelName))
    .sort((a, b) => a.permissions.length + a.data_access.length - (b.permissions.length + b.data_access.length))[0]?.role;
}

const access: Rule = ({ spec, policy, level }) => {
  const roles = policy.access_control;
  const policySource = source(policy, "access_control");
  return spec.access.flatMap((grant, i) => {
    const rule = roles.find((r) => r.role === grant.role);
    if (!rule) {
      const spelled = roles.find((r) => r.role === grant.role.replace(/-/g, "_") || r.role === grant.role.replace(/_/g, "-"));
      const covering = suggestRole(roles, grant.permissions, spec.classification);
      return [
        finding("access.role-known", {
          message: `Role "${grant.role}" is not defined by the governance policy, so its access cannot be checked.`,
          path: `spec.access[${i}].role`,
          policyValue: roles.map((r) => r.role),
          policySource,
          fixHint: spelled
            ? `Did you mean "${spelled.role}"?`
            : `Use a policy role (${list(roles.map((r) => r.role))})${covering ? `; ${covering} covers ${grant.permissions.join("+")} on ${spec.classification} data` : ""}, or ask governance to define "${grant.role}".`,
        }),
      ];
    }
    const out: Finding[] = [];
    // A role the policy may grant this level (read only) reads through approved, expiring access grants.
    const grantable =
      level !== undefined && rule.grants?.some((g) => g.level === level.level) === true && grant.permissions.every((p) => p === "read");
    if (level && !rule.data_access.includes(level.level) && !grantable) {
      const allowed = roles.filter((r) => r.data_access.includes(level.level)).map((r) => r.role);
      out.push(
        finding("access.level-allowed", {
          message: `Role ${rule.role} may not access ${level.level} data (it may access ${list(rule.data_access)}).`,
          path: `spec.access[${i}].role`,
          policyValue: rule.data_access,
          policySource,
          fixHint:
            allowed.length > 0
              ? `Grant a role that may access ${level.level} data (${list(allowed)}), or remove this grant.`
              : "Remove this grant.",
        }),
      );
    }
    grant.permissions.forEach((permission, j) => {
      if (rule.permissions.includes(permission)) return;
      out.push(
        finding("access.permissions-allowed", {
          message: `Role ${rule.role} does not have the ${permission} permission (it has ${list(rule.permissions)}).`,
          path: `spec.access[${i}].permissions[${j}]`,
          policyValue: rule.permissions,
          policySource,
          fixHint: `Remove ${permission} from this grant, or grant it to a role that has it.`,
        }),
      );
    });
    return out;
  });
};

const quality: Rule = ({ policy, context }) => {
  const scores = context.qualityScores;
  if (!scores) return [];
  return QUALITY_METRICS.flatMap((metric) => {
    const requirement = policy.quality_requirements?.[metric];
    const rule = policy.data_quality.find((q) => q.metric === metric);
    const threshold = requirement ?? rule?.threshold;
    if (threshold === undefined) return [];
    const policySource = source(policy, requirement !== undefined ? `quality_requirements.${metric}` : "data_quality");
    const score = scores[metric];
    const path = `context.qualityScores.${metric}`;
    if (typeof score !== "number" || !Number.isFinite(score)) {
      return [
        finding("quality.score-missing", {
          message: `No ${metric} score was measured; the policy requires at least ${pct(threshold)}.`,
          path,
          policyValue: threshold,
          policySource,
          fixHint: `Add a ${metric} check to the product's quality tests.`,
        }),
      ];
    }
    if (score >= threshold) return [];
    return [
      finding("quality.threshold", {
        severity: rule?.enforcement ?? DEFAULT_SEVERITY["quality.threshold"],
        message: `${metric[0].toUpperCase()}${metric.slice(1)} is ${pct(score)}, below the required ${pct(threshold)}.`,
        path,
        policyValue: threshold,
        policySource,
        fixHint: `Fix the data issues lowering ${metric} until it reaches ${pct(threshold)}.`,
      }),
    ];
  });
};

const freshness: Rule = ({ spec, policy }) => {
  const required = policy.quality_requirements?.freshness;
  if (!required || spec.slo.freshnessMinutes * 60 <= durationSeconds(required)) return [];
  const promised = durationFromMinutes(spec.slo.freshnessMinutes);
  return [
    finding("slo.freshness", {
      message: `The SLO promises data within ${promised ? describeDuration(promised) : `${spec.slo.freshnessMinutes} minutes`}, weaker than the required ${describeDuration(required)}.`,
      path: "spec.slo.freshnessMinutes",
      policyValue: required,
      policySource: source(policy, "quality_requirements.freshness"),
      fixHint: `Refresh at least every ${describeDuration(required)} and set the SLO freshness to ${durationSeconds(required) / 60} minutes or less.`,
    }),
  ];
};

const availability: Rule = ({ spec, policy }) => {
  const required = policy.quality_requirements?.availability;
  if (required === undefined || spec.slo.availability >= required) return [];
  return [
    finding("slo.availability", {
      message: `The SLO availability ${pct(spec.slo.availability)} is below the required ${pct(required)}.`,
      path: "spec.slo.availability",
      policyValue: required,
      policySource: source(policy, "quality_requirements.availability"),
      fixHint: `Raise the availability objective to at least ${pct(required)}.`,
    }),
  ];
};

/** True when the policy has the regulation and sets the named requirement to true. */
function requires(policy: EffectivePolicy, regulation: string, requirement: string): boolean {
  return policy.compliance.some((c) => c.regulation === regulation && c.requirements[requirement] === true);
}

const gdprPurpose: Rule = ({ spec, policy, pii }) =>
  pii.length > 0 && requires(policy, "gdpr", "data_minimization") && !spec.governance?.purpose?.trim()
    ? [
        finding("gdpr.pii-purpose", {
          message: `Personal data fields (${list(pii)}) need a declared processing purpose under GDPR data minimisation.`,
          path: "spec.governance.purpose",
          policyValue: { data_minimization: true },
          policySource: source(policy, "compliance"),
          fixHint: "Describe in governance.purpose why the personal data is processed, and drop fields the purpose does not need.",
        }),
      ]
    : [];

const gdprErasure: Rule = ({ spec, policy, pii }) =>
  pii.length > 0 && requires(policy, "gdpr", "right_to_erasure") && spec.governance?.erasure !== true
    ? [
        finding("gdpr.pii-erasure", {
          message: `Personal data fields (${list(pii)}) must support erasure requests under GDPR.`,
          path: "spec.governance.erasure",
          policyValue: { right_to_erasure: true },
          policySource: source(policy, "compliance"),
          fixHint: "Support deleting a person's records on request and set governance.erasure to true.",
        }),
      ]
    : [];

const ccpaDeletion: Rule = ({ spec, policy, pii }) =>
  pii.length > 0 && requires(policy, "ccpa", "data_deletion") && spec.governance?.erasure !== true
    ? [
        finding("ccpa.deletion", {
          message: `Personal data fields (${list(pii)}) must support consumer deletion requests under CCPA.`,
          path: "spec.governance.erasure",
          policyValue: { data_deletion: true },
          policySource: source(policy, "compliance"),
          fixHint: "Support deleting a consumer's records on request and set governance.erasure to true.",
        }),
      ]
    : [];

const RULES: readonly Rule[] = [
  knownLevel,
  encryptionRequired,
  piiPublic,
  likelyPii,
  retention,
  access,
  quality,
  freshness,
  availability,
  gdprPurpose,
  gdprErasure,
  ccpaDeletion,
];
