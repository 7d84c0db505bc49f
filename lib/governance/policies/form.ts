// The policy editing forms' model: editable drafts (strings, as typed), the FormData they submit and
// the wire object the zod schemas then validate. Pure, so the client editor, the server action and
// unit tests share one mapping. Invalid input is passed through as typed ("150", "forever") so the
// schema can name the field; only empty optional inputs are dropped.
import { checkbox, json, list, text } from "@/lib/validation/form-data";
import {
  QUALITY_REQUIREMENT_KEYS,
  type AccessRule,
  type ClassificationRule,
  type ComplianceRule,
  type DomainPolicy,
  type GlobalPolicy,
  type PolicyOverrides,
  type QualityRequirementKey,
  type QualityRequirements,
  type QualityRule,
} from "./types";

export type ClassificationDraft = { level: string; description: string; encryption: string; retention: string };
export type GrantDraft = { level: string; approval: string; max_duration: string };
export type AccessDraft = { role: string; permissions: string[]; data_access: string[]; grants?: GrantDraft[] };
export type QualityDraft = { metric: string; threshold: string; enforcement: string };
export type RequirementDraft = { name: string; applies: boolean };
export type ComplianceDraft = { regulation: string; requirements: RequirementDraft[] };
export type QualityRequirementsDraft = Record<QualityRequirementKey, string>;

/** Values both kinds of policy can set (the global as defaults, a domain as its own). */
export type OwnValuesDraft = { data_retention: string; access_model: string; quality_requirements: QualityRequirementsDraft };

export type GlobalDraft = OwnValuesDraft & {
  data_classification: ClassificationDraft[];
  access_control: AccessDraft[];
  data_quality: QualityDraft[];
  compliance: ComplianceDraft[];
  locked: string[];
  domain_overrides_allowed: boolean;
};

export const OVERRIDE_KEYS = ["data_classification", "access_control", "data_quality", "compliance"] as const;
export type OverrideKey = (typeof OVERRIDE_KEYS)[number];

export type OverridesDraft = {
  data_classification: ClassificationDraft[] | null; // null: not overridden
  access_control: AccessDraft[] | null;
  data_quality: QualityDraft[] | null;
  compliance: ComplianceDraft[] | null;
};

export type DomainDraft = OwnValuesDraft & { overrides: OverridesDraft };

// ---- spec → draft (to fill the editor) --------------------------------------------------------------

const classificationDraft = (rules: readonly ClassificationRule[]): ClassificationDraft[] =>
  rules.map(({ level, description, encryption, retention }) => ({ level, description, encryption, retention }));
const accessDraft = (rules: readonly AccessRule[]): AccessDraft[] =>
  rules.map(({ role, permissions, data_access, grants }) => ({
    role,
    permissions: [...permissions],
    data_access: [...data_access],
    grants: (grants ?? []).map(({ level, approval, max_duration }) => ({ level, approval, max_duration })),
  }));
const qualityDraft = (rules: readonly QualityRule[]): QualityDraft[] =>
  rules.map(({ metric, threshold, enforcement }) => ({ metric, threshold: String(threshold), enforcement }));
const complianceDraft = (rules: readonly ComplianceRule[]): ComplianceDraft[] =>
  rules.map(({ regulation, requirements }) => ({
    regulation,
    requirements: Object.entries(requirements).map(([name, applies]) => ({ name, applies })),
  }));

function qualityRequirementsDraft(q: QualityRequirements | undefined): QualityRequirementsDraft {
  return Object.fromEntries(QUALITY_REQUIREMENT_KEYS.map((k) => [k, q?.[k] === undefined ? "" : String(q[k])])) as QualityRequirementsDraft;
}

export function globalDraftFromSpec(spec: GlobalPolicy): GlobalDraft {
  return {
    data_classification: classificationDraft(spec.data_classification),
    access_control: accessDraft(spec.access_control),
    data_quality: qualityDraft(spec.data_quality),
    compliance: complianceDraft(spec.compliance),
    data_retention: spec.data_retention ?? "",
    access_model: spec.access_model ?? "",
    quality_requirements: qualityRequirementsDraft(spec.quality_requirements),
    locked: [...spec.locked],
    domain_overrides_allowed: spec.domain_overrides_allowed,
  };
}

export function domainDraftFromSpec(spec: DomainPolicy | Omit<DomainPolicy, "domain"> | null): DomainDraft {
  const o: PolicyOverrides = spec?.overrides ?? {};
  return {
    data_retention: spec?.data_retention ?? "",
    access_model: spec?.access_model ?? "",
    quality_requirements: qualityRequirementsDraft(spec?.quality_requirements),
    overrides: {
      data_classification: o.data_classification ? classificationDraft(o.data_classification) : null,
      access_control: o.access_control ? accessDraft(o.access_control) : null,
      data_quality: o.data_quality ? qualityDraft(o.data_quality) : null,
      compliance: o.compliance ? complianceDraft(o.compliance) : null,
    },
  };
}

// ---- draft → FormData (what the editor submits) -----------------------------------------------------

/** Field names of the forms. Lists travel as JSON (as the product form does); scalars as inputs. */
export const FORM_FIELDS = {
  dataRetention: "data_retention",
  accessModel: "access_model",
  quality: (key: QualityRequirementKey) => `quality_requirements.${key}`,
  list: (key: OverrideKey) => `${key}Json`,
  locked: "locked",
  overridesAllowed: "domain_overrides_allowed",
  overrides: "overridesJson",
} as const;

function appendOwn(fd: FormData, d: OwnValuesDraft) {
  fd.set(FORM_FIELDS.dataRetention, d.data_retention);
  fd.set(FORM_FIELDS.accessModel, d.access_model);
  for (const key of QUALITY_REQUIREMENT_KEYS) fd.set(FORM_FIELDS.quality(key), d.quality_requirements[key]);
}

export function globalDraftToFormData(d: GlobalDraft, fd: FormData = new FormData()): FormData {
  appendOwn(fd, d);
  for (const key of OVERRIDE_KEYS) fd.set(FORM_FIELDS.list(key), JSON.stringify(d[key]));
  fd.delete(FORM_FIELDS.locked);
  for (const path of d.locked) fd.append(FORM_FIELDS.locked, path);
  if (d.domain_overrides_allowed) fd.set(FORM_FIELDS.overridesAllowed, "on");
  else fd.delete(FORM_FIELDS.overridesAllowed);
  return fd;
}

export function domainDraftToFormData(d: DomainDraft, fd: FormData = new FormData()): FormData {
  appendOwn(fd, d);
  fd.set(FORM_FIELDS.overrides, JSON.stringify(d.overrides));
  return fd;
}

// ---- FormData → wire spec (what the schemas validate) ----------------------------------------------

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function trimStrings(value: unknown): unknown {
  if (typeof value === "string") return value.trim();
  if (Array.isArray(value)) return value.map(trimStrings);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimStrings(v)]));
  return value;
}

/** Draft requirement rows → the requirement map the schema accepts; unnamed rows are dropped. */
function complianceToWire(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((rule) => {
    if (!isRecord(rule) || !Array.isArray(rule.requirements)) return rule;
    const rows = rule.requirements.filter((r): r is RequirementDraft => isRecord(r) && typeof r.name === "string" && r.name.trim() !== "");
    // A list of single-key maps (the seed's spelling), so a requirement named twice is reported, not merged.
    return { ...rule, requirements: rows.map((r) => ({ [r.name.trim()]: r.applies === true })) };
  });
}

/** Empty list fields are kept (the schema says "must define at least one ..."); empty text is dropped. */
function listToWire(key: OverrideKey, value: unknown): unknown {
  const trimmed = trimStrings(value);
  return key === "compliance" ? complianceToWire(trimmed) : trimmed;
}

function ownToWire(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const retention = text(fd, FORM_FIELDS.dataRetention, { trim: true });
  if (retention) out.data_retention = retention;
  const model = text(fd, FORM_FIELDS.accessModel, { trim: true });
  if (model) out.access_model = model;
  const quality: Record<string, unknown> = {};
  for (const key of QUALITY_REQUIREMENT_KEYS) {
    const v = text(fd, FORM_FIELDS.quality(key), { trim: true });
    if (v) quality[key] = v; // "98", "98%" and "1_hour" are all parsed by the schema
  }
  if (Object.keys(quality).length > 0) out.quality_requirements = quality;
  return out;
}

/** The global policy form as a wire `spec` for globalPolicySchema. */
export function globalSpecFromForm(fd: FormData): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  for (const key of OVERRIDE_KEYS) spec[key] = listToWire(key, json(fd, FORM_FIELDS.list(key)) ?? []);
  Object.assign(spec, ownToWire(fd));
  spec.locked = list(fd, FORM_FIELDS.locked);
  spec.domain_overrides_allowed = checkbox(fd, FORM_FIELDS.overridesAllowed);
  return spec;
}

/** The domain policy form as a wire `spec` for domainPolicySpecSchema (overrides only where enabled). */
export function domainSpecFromForm(fd: FormData): Record<string, unknown> {
  const spec = ownToWire(fd);
  const raw = json(fd, FORM_FIELDS.overrides);
  if (raw !== undefined && !isRecord(raw)) {
    spec.overrides = raw; // let the schema report it
    return spec;
  }
  const overrides: Record<string, unknown> = {};
  for (const key of OVERRIDE_KEYS) {
    const value = raw?.[key];
    if (value !== null && value !== undefined) overrides[key] = listToWire(key, value);
  }
  if (Object.keys(overrides).length > 0) spec.overrides = overrides;
  return spec;
}

// ---- blank rows for the editors' "Add" buttons ------------------------------------------------------

export const blankClassification = (): ClassificationDraft => ({ level: "", description: "", encryption: "required", retention: "" });
export const blankAccess = (): AccessDraft => ({ role: "", permissions: ["read"], data_access: [] });
export const blankQuality = (): QualityDraft => ({ metric: "", threshold: "", enforcement: "warning" });
export const blankCompliance = (): ComplianceDraft => ({ regulation: "", requirements: [] });
