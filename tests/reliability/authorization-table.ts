// THE authorization table: every server action (file#export) and API route (file#METHOD) of the portal,
// with who may call it. authorization-matrix.rel.test.ts discovers the actions and routes on disk and
// fails for any that has no entry here, then calls each one as every principal with the input built
// below and checks the outcome: "deny" = a permission failure (401/403, or an Unauthenticated/Forbidden
// error in the action state) with no row changed; "allow" = no permission failure and no unexpected
// error. `strict` cases (the state lets every allowed principal succeed) also require success.
//
// The expectations are written from lib/auth/permissions.ts's rules (named on each entry), not copied
// from what the code happens to do: a mismatch is a finding.
import { db } from "@/lib/db";
import { getPlatformConfig } from "@/lib/platform/platform-config";
import { createTemplate } from "@/lib/platform/templates";
import { createProcessingTemplate } from "@/lib/platform/processing-templates";
import { toProductYaml } from "@/lib/products/yaml";
import { requestAccess } from "@/lib/consumers/request-access";
import { decideAccessRequest } from "@/lib/consumers/decide-access";
import { validateProductById } from "@/lib/governance/compliance/validate-products.db";
import { GLOBAL_POLICY_NAME } from "@/lib/governance/policies/types";
import { createRevalidationRun } from "@/lib/governance/revalidation/start-run.db";
import type { DataProductSpec } from "@/lib/products/types";
import { createDomain, createDomainPolicy, sampleSpec } from "@/prisma/seed/factories";
import { PRINCIPALS, type PrincipalKey, type World } from "./world";

export type Outcome = "allow" | "deny";
export type Expectation = Record<PrincipalKey, Outcome>;

/** Only these principals are allowed; everyone else (always including anonymous) is denied. */
export function only(...allowed: PrincipalKey[]): Expectation {
  return Object.fromEntries(PRINCIPALS.map((p) => [p, allowed.includes(p) ? "allow" : "deny"])) as Expectation;
}
export const EVERYONE = only(...PRINCIPALS);
export const SIGNED_IN = only("consumer", "owner", "producer", "otherDomain", "admin", "governance", "executive");
export const NOBODY = only();

export type RouteRequest = { url: string; init?: RequestInit; params?: Record<string, string> };

type Common<C> = {
  /** What the case checks, shown in the test name. */
  name: string;
  /** The rule in lib/auth/permissions.ts (or the reason) the expectation comes from. */
  rule: string;
  expect: Expectation;
  /** Prepares the state the case needs, once per case (denied principals run first, then allowed ones). */
  setup?: (w: World) => Promise<C>;
  strict?: boolean;
};
export type ActionCase<C = unknown> = Common<C> & {
  kind: "action";
  target: string;
  form: (ctx: C, who: PrincipalKey, w: World) => FormData | Promise<FormData>;
};
export type RouteCase<C = unknown> = Common<C> & {
  kind: "route";
  target: string;
  request: (ctx: C, who: PrincipalKey, w: World) => RouteRequest | Promise<RouteRequest>;
};
export type MatrixCase = ActionCase<unknown> | RouteCase<unknown>;

const action = <C>(target: string, c: Omit<ActionCase<C>, "kind" | "target">): MatrixCase =>
  ({ kind: "action", target, ...c }) as unknown as MatrixCase;
const route = <C>(target: string, c: Omit<RouteCase<C>, "kind" | "target">): MatrixCase =>
  ({ kind: "route", target, ...c }) as unknown as MatrixCase;

export function form(fields: Record<string, string | number | boolean | undefined>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) fd.set(k, String(v));
  return fd;
}

/** The registration / edit form's encoding of a spec (components/products/product-form.tsx). */
export function specForm(spec: DataProductSpec, extra: Record<string, string | number | undefined> = {}): FormData {
  return form({
    name: spec.name,
    domain: spec.domain,
    owner: spec.owner,
    version: spec.version,
    description: spec.description,
    classification: spec.classification,
    schemaJson: JSON.stringify(spec.schema),
    "slo.availability": spec.slo.availability,
    "slo.latencyMs": spec.slo.latencyMs,
    "slo.freshnessMinutes": spec.slo.freshnessMinutes,
    accessJson: JSON.stringify(spec.access),
    "lineage.sources": spec.lineage.sources.join(", "),
    "lineage.transformations": spec.lineage.transformations.join(", "),
    tags: spec.tags.join(", "),
    governanceJson: spec.governance ? JSON.stringify(spec.governance) : undefined,
    ...extra,
  });
}

const ACCESS: DataProductSpec["access"] = [
  { role: "data_consumer", permissions: ["read"] },
  { role: "data_producer", permissions: ["read", "write"] },
];
const productHref = (p: { domain: string; name: string }) => `/products/${p.domain}/${p.name}`;
const ORIGIN = "http://portal.test";
const url = (path: string) => `${ORIGIN}${path}`;

/** Cases for the methods a REST API v1 address does not serve (lib/api/unserved.ts): everyone gets the same answer. */
function unserved(file: string, path: string, methods: string[]): MatrixCase[] {
  return methods.map((method) =>
    route(`${file}#${method}`, {
      name: `API: ${method} ${path} (not served: ${file.includes("[...path]") ? "404" : method === "OPTIONS" ? "Allow" : "405"})`,
      rule: "public: says what the OpenAPI document says, serves no data, changes nothing",
      expect: EVERYONE,
      request: () => ({ url: url(path), init: { method } }),
    }),
  );
}
/** A session may change data through the API only from the portal's own pages (lib/api/caller.ts). */
const SAME_ORIGIN = { origin: ORIGIN, host: "portal.test" };
export const METRICS_TOKEN = "reliability-metrics-token-0123456789";

// Shared, read-only fixtures (memoised per world).
const shared = new WeakMap<World, Map<string, Promise<unknown>>>();
function memo<T>(w: World, key: string, make: () => Promise<T>): Promise<T> {
  let m = shared.get(w);
  if (!m) shared.set(w, (m = new Map()));
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as Promise<T>;
}
const readOnlyDeployment = (w: World) => memo(w, "provisioned", () => w.provisioned());

async function globalPolicyYaml(change: string): Promise<{ yaml: string; version: number }> {
  const { readFileSync } = await import("node:fs");
  const path = await import("node:path");
  const text = readFileSync(path.join(process.cwd(), "prisma", "seed", "policies", "global.yaml"), "utf8");
  const row = await db.policy.findUniqueOrThrow({ where: { name: GLOBAL_POLICY_NAME }, select: { version: true } });
  return { yaml: text.replace('"Publicly accessible data"', JSON.stringify(`Publicly accessible data (${change})`)), version: row.version };
}

async function domainPolicyVersion(slug: string): Promise<number> {
  const row = await db.policy.findFirst({ where: { domain: { slug } }, select: { version: true } });
  return row?.version ?? 0;
}

const domainPolicyYaml = (slug: string, completeness: number) =>
  [
    "apiVersion: v1",
    "kind: DomainGovernancePolicy",
    "metadata:",
    `  name: ${slug}-governance`,
    `  namespace: ${slug}-domain`,
    "spec:",
    "  data_retention: 3_years",
    "  quality_requirements:",
    `    completeness: ${completeness}`,
    "    freshness: 1_hour",
    "",
  ].join("\n");

const templateFields = (key: string) => ({
  key,
  name: `Template ${key}`,
  description: "Matrix template",
  storage: "data_lake",
  processing: "spark",
  serving: "rest_api",
  governance: "standard",
  processingTemplate: "etl",
  processingSettings: "",
  classification: "internal",
  availability: "99",
  latencyMs: "100",
  freshnessMinutes: "60",
  tags: "matrix",
});
const processingFields = (key: string) => ({
  key,
  name: `Processing ${key}`,
  description: "Matrix processing template",
  config: "extract: {}\ntransform: {}\nload: {}\nschedule: daily\n",
});

const PRODUCT_EDITORS = only("owner", "producer", "admin");
const PRODUCT_OWNERS = only("owner", "admin");
const DOMAIN_READERS = only("owner", "producer", "admin");

export const AUTHORIZATION_TABLE: MatrixCase[] = [
  // ------------------------------------------------------------------------------------------------
  // Sign-in: public by nature (the credentials themselves are the check; see the rate-limit tests).
  action("app/(auth)/sign-in/actions.ts#signInAction", {
    name: "sign in",
    rule: "public",
    expect: EVERYONE,
    strict: true,
    form: (_c, who) => form({ email: `${who.toLowerCase()}@example.com`, password: "whatever", callbackUrl: "/" }),
  }),
  action("app/(auth)/sign-in/actions.ts#oidcSignInAction", {
    name: "OIDC sign in",
    rule: "public",
    expect: EVERYONE,
    form: () => form({}),
  }),
  action("app/(auth)/sign-in/actions.ts#signOutAction", { name: "sign out", rule: "public", expect: EVERYONE, form: () => form({}) }),
  // Ends only the caller's own sessions (none for an anonymous caller): public like sign-out.
  action("app/(auth)/sign-in/actions.ts#signOutEverywhereAction", {
    name: "sign out everywhere",
    rule: "public",
    expect: EVERYONE,
    form: () => form({}),
  }),

  // ------------------------------------------------------------------------------------------------
  // Access requests
  action<{ id: string; domain: string; name: string }>("app/(portal)/access/actions.ts#requestAccessAction", {
    name: "request access to a published confidential product",
    // Permission: anyone outside the product's domain may ask. Whether a request can change something is
    // the policy's answer, not a permission: only the consumer's succeeds (others read confidential data
    // outright, or can never be granted it, and get a field error), so the case is not strict.
    rule: "can.requestAccess: signed in and not in the product's domain",
    expect: only("consumer", "otherDomain", "admin", "governance", "executive"),
    setup: (w) => w.product({ lifecycle: "published", spec: { classification: "confidential" } }),
    form: (p) => form({ productId: p.id, purpose: "Quarterly churn analysis for the board", productHref: productHref(p) }),
  }),
  action<{ requestIds: string[] }>("app/(portal)/access/actions.ts#decideAccessAction", {
    name: "approve a pending request",
    rule: "can.decideAccess = product owners and admins",
    expect: PRODUCT_OWNERS,
    setup: async (w) => {
      const p = await w.product({ lifecycle: "published", spec: { classification: "confidential" } });
      const { id } = await requestAccess(w.users.consumer!, { productId: p.id, purpose: "Quarterly churn analysis" });
      return { requestIds: [id] };
    },
    form: (c) => form({ requestId: c.requestIds[0], decision: "approve", note: "ok" }),
  }),
  action<{ requestId: string }>("app/(portal)/access/actions.ts#revokeAccessAction", {
    name: "revoke granted access",
    rule: "can.decideAccess = product owners and admins",
    expect: PRODUCT_OWNERS,
    setup: async (w) => {
      const p = await w.product({ lifecycle: "published", spec: { classification: "confidential" } });
      const { id } = await requestAccess(w.users.consumer!, { productId: p.id, purpose: "Quarterly churn analysis" });
      await decideAccessRequest(w.users.owner!, { requestId: id, decision: "approve" });
      return { requestId: id };
    },
    form: (c) => form({ requestId: c.requestId, note: "no longer needed" }),
  }),
  action<{ grantId: string }>("app/(portal)/access/actions.ts#issueSqlCredentialsAction", {
    name: "get SQL credentials of a live access grant",
    rule: "the grant's holder only (lib/consumers/sql-credentials.ts)",
    expect: only("consumer"),
    strict: true,
    setup: async (w) => {
      const p = await w.product({ lifecycle: "published", spec: { classification: "confidential" } });
      const { id } = await requestAccess(w.users.consumer!, { productId: p.id, purpose: "Quarterly churn analysis" });
      const { grantId } = await decideAccessRequest(w.users.owner!, { requestId: id, decision: "approve" });
      return { grantId: grantId! };
    },
    form: (c) => form({ grantId: c.grantId }),
  }),

  // ------------------------------------------------------------------------------------------------
  // Domains: data admins only (can.manageDomains)
  action("app/(portal)/domains/actions.ts#createDomainAction", {
    name: "create a domain",
    rule: "can.manageDomains",
    expect: only("admin"),
    strict: true,
    form: (_c, _who, w) =>
      form({ slug: w.unique("matrix"), name: "Matrix domain", description: "", ownerTeam: "matrix@company.com", status: "onboarded" }),
  }),
  action<{ slug: string }>("app/(portal)/domains/actions.ts#updateDomainAction", {
    name: "update a domain",
    rule: "can.manageDomains",
    expect: only("admin"),
    strict: true,
    setup: async () => ({ slug: (await createDomain()).slug }),
    form: (c) =>
      form({ slug: c.slug, name: "Renamed by the matrix", description: "x", ownerTeam: "matrix@company.com", status: "onboarded" }),
  }),
  action<{ slug: string }>("app/(portal)/domains/actions.ts#archiveDomainAction", {
    name: "archive a domain",
    rule: "can.manageDomains",
    expect: only("admin"),
    strict: true,
    setup: async () => ({ slug: (await createDomain()).slug }),
    form: (c) => form({ slug: c.slug, confirm: "archive" }),
  }),
  action<{ slug: string }>("app/(portal)/domains/actions.ts#addMemberAction", {
    name: "add a member",
    rule: "can.manageDomains",
    expect: only("admin"),
    strict: true,
    setup: async () => ({ slug: (await createDomain()).slug }),
    form: (c, _who, w) => form({ slug: c.slug, email: w.users.consumer!.email, role: "viewer" }),
  }),
  action<{ slug: string; userId: string }>("app/(portal)/domains/actions.ts#removeMemberAction", {
    name: "remove a member",
    rule: "can.manageDomains",
    expect: only("admin"),
    strict: true,
    setup: async (w) => {
      const d = await createDomain();
      await db.domainMembership.create({ data: { domainId: d.id, userId: w.users.consumer!.id, role: "viewer" } });
      return { slug: d.slug, userId: w.users.consumer!.id };
    },
    form: (c) => form({ slug: c.slug, userId: c.userId }),
  }),

  // ------------------------------------------------------------------------------------------------
  // Governance policies
  action("app/(portal)/governance/subject-requests/actions.ts#findSubjectAction", {
    name: "find a data subject's records",
    rule: "can.handleSubjectRequests: governance, admins",
    expect: only("admin", "governance"),
    strict: true,
    form: () => form({ key: "email", value: "nobody@example.com" }),
  }),
  action("app/(portal)/governance/subject-requests/actions.ts#eraseSubjectAction", {
    name: "erase a data subject's records",
    rule: "can.handleSubjectRequests: governance, admins",
    expect: only("admin", "governance"),
    strict: true,
    form: () => form({ key: "email", value: "nobody@example.com", reason: "Reliability matrix check", confirm: "erase" }),
  }),
  action("app/(portal)/governance/policies/global/actions.ts#globalPolicyAction", {
    name: "preview a global policy change",
    rule: "can.editGlobalPolicy: governance",
    expect: only("governance"),
    strict: true,
    form: async () => {
      const { yaml, version } = await globalPolicyYaml("preview");
      return form({ intent: "preview", format: "yaml", yaml, expectedVersion: version, note: "" });
    },
  }),
  action("app/(portal)/governance/policies/global/actions.ts#globalPolicyAction", {
    name: "save the global policy",
    rule: "can.editGlobalPolicy: governance",
    expect: only("governance"),
    strict: true,
    form: async (_c, who) => {
      const { yaml, version } = await globalPolicyYaml(`saved by ${who}`);
      return form({ intent: "save", format: "yaml", yaml, expectedVersion: version, note: "Reliability matrix check" });
    },
  }),
  action("app/(portal)/governance/policies/domains/[slug]/actions.ts#domainPolicyAction", {
    name: "save the product domain's policy",
    rule: "can.editDomainPolicy: governance, or the domain's owners while the global policy allows domain edits (the seed's does)",
    expect: only("owner", "governance"),
    strict: true,
    form: async (_c, who, w) => {
      const completeness = who === "owner" ? 97 : 96;
      return form({
        domain: w.domain,
        intent: "save",
        format: "yaml",
        yaml: domainPolicyYaml(w.domain, completeness),
        expectedVersion: await domainPolicyVersion(w.domain),
        note: `Matrix check by ${who}`,
      });
    },
  }),

  // ------------------------------------------------------------------------------------------------
  // Metrics administration: data admins (can.manageRollout)
  action("app/(portal)/metrics/cost-model/actions.ts#saveCostModelAction", {
    name: "save the cost model",
    rule: "can.manageRollout",
    expect: only("admin"),
    strict: true,
    form: () => form({ currency: "EUR", centralBaselineMonthly: "50000", "templateMonthly.batch_analytics": "1200" }),
  }),
  action<{ slug: string }>("app/(portal)/metrics/rollout/actions.ts#setDomainStageAction", {
    name: "move a domain to pilot",
    rule: "can.manageRollout",
    expect: only("admin"),
    strict: true,
    setup: async () => ({ slug: (await createDomain()).slug }),
    form: (c) => form({ slug: c.slug, stage: "pilot" }),
  }),

  // ------------------------------------------------------------------------------------------------
  // Platform administration: data admins (can.managePlatform)
  action("app/(portal)/platform/actions.ts#createTemplateAction", {
    name: "create a product template",
    rule: "can.managePlatform",
    expect: only("admin"),
    strict: true,
    form: (_c, _who, w) => form(templateFields(w.unique("tpl"))),
  }),
  action<{ key: string }>("app/(portal)/platform/actions.ts#updateTemplateAction", {
    name: "update a product template",
    rule: "can.managePlatform",
    expect: only("admin"),
    strict: true,
    setup: async (w) => createTemplate(w.users.admin!, templateFields(w.unique("tpl"))),
    form: async (c) => {
      const t = await db.template.findUniqueOrThrow({ where: { key: c.key }, select: { version: true } });
      return form({ ...templateFields(c.key), description: "Updated by the matrix", version: t.version });
    },
  }),
  action<{ key: string }>("app/(portal)/platform/actions.ts#retireTemplateAction", {
    name: "retire a product template",
    rule: "can.managePlatform",
    expect: only("admin"),
    strict: true,
    setup: async (w) => createTemplate(w.users.admin!, templateFields(w.unique("tpl"))),
    form: (c) => form({ key: c.key, retired: "true" }),
  }),
  action("app/(portal)/platform/actions.ts#createProcessingTemplateAction", {
    name: "create a processing template",
    rule: "can.managePlatform",
    expect: only("admin"),
    strict: true,
    form: (_c, _who, w) => form(processingFields(`etl-${w.unique("m").replace(/-/g, "")}`)),
  }),
  action<{ key: string }>("app/(portal)/platform/actions.ts#updateProcessingTemplateAction", {
    name: "update a processing template",
    rule: "can.managePlatform",
    expect: only("admin"),
    strict: true,
    setup: async (w) => createProcessingTemplate(w.users.admin!, processingFields(`etl-${w.unique("m").replace(/-/g, "")}`)),
    form: async (c) => {
      const t = await db.processingTemplate.findUniqueOrThrow({ where: { key: c.key }, select: { version: true } });
      return form({ ...processingFields(c.key), description: "Updated by the matrix", version: t.version });
    },
  }),
  action<{ key: string }>("app/(portal)/platform/actions.ts#retireProcessingTemplateAction", {
    name: "retire a processing template",
    rule: "can.managePlatform",
    expect: only("admin"),
    strict: true,
    setup: async (w) => createProcessingTemplate(w.users.admin!, processingFields(`etl-${w.unique("m").replace(/-/g, "")}`)),
    form: (c) => form({ key: c.key, retired: "true" }),
  }),
  action("app/(portal)/platform/actions.ts#updatePlatformConfigAction", {
    name: "save the platform configuration",
    rule: "can.managePlatform",
    expect: only("admin"),
    strict: true,
    form: async (_c, who) => {
      const current = await getPlatformConfig();
      return form({ yaml: `${current.yaml.trimEnd()}\n# edited by ${who}\n`, version: current.version });
    },
  }),

  // ------------------------------------------------------------------------------------------------
  // Products
  action("app/(portal)/products/new/actions.ts#registerProductAction", {
    name: "register a product in the domain",
    rule: "can.createProduct: admins, producers with write rights in the domain",
    expect: PRODUCT_EDITORS,
    strict: true,
    form: (_c, _who, w) => specForm(sampleSpec(w.domain, { access: ACCESS }), { templateKey: "batch_analytics" }),
  }),
  action("app/(portal)/products/import/actions.ts#importProductAction", {
    name: "import a new product's YAML",
    rule: "can.createProduct (new name) / can.editProduct (existing)",
    expect: PRODUCT_EDITORS,
    strict: true,
    form: (_c, _who, w) => form({ document: toProductYaml(sampleSpec(w.domain, { access: ACCESS })), format: "auto" }),
  }),
  action<{ domain: string; name: string; spec: DataProductSpec }>(
    "app/(portal)/products/[domain]/[product]/edit/actions.ts#saveProductAction",
    {
      name: "save an edit of a draft",
      rule: "can.editProduct",
      expect: PRODUCT_EDITORS,
      strict: true,
      setup: (w) => w.product(),
      form: async (p, who) => {
        const row = await db.dataProduct.findFirstOrThrow({
          where: { name: p.name, domain: { slug: p.domain } },
          select: { lockVersion: true },
        });
        return specForm({ ...p.spec, description: `Edited by ${who}` }, { lockVersion: row.lockVersion, changeNote: "matrix" });
      },
    },
  ),
  action<{ domain: string; name: string; spec: DataProductSpec }>(
    "app/(portal)/products/[domain]/[product]/edit/actions.ts#saveProductAction",
    {
      // The producer names herself owner: the save is refused (403, a field error on Owner) and nothing
      // changes, or the owner field would hand her publish, provision and access decisions.
      name: "change the product's owner (to the domain's producer)",
      rule: "can.editProduct + can.moveLifecycle for the owner field",
      expect: PRODUCT_OWNERS,
      strict: true,
      setup: (w) => w.product(),
      form: async (p, who, w) => {
        const row = await db.dataProduct.findFirstOrThrow({
          where: { name: p.name, domain: { slug: p.domain } },
          select: { lockVersion: true },
        });
        return specForm(
          { ...p.spec, owner: w.users.producer!.email, description: `Owner changed by ${who}` },
          { lockVersion: row.lockVersion, changeNote: "matrix" },
        );
      },
    },
  ),
  action<{ domain: string; name: string }>("app/(portal)/products/[domain]/[product]/actions.ts#moveLifecycleAction", {
    name: "submit a draft for review",
    rule: "can.submitProduct = can.editProduct",
    expect: PRODUCT_EDITORS,
    setup: (w) => w.product(),
    form: (p) => form({ domain: p.domain, name: p.name, to: "in_review", note: "" }),
  }),
  action<{ domain: string; name: string }>("app/(portal)/products/[domain]/[product]/actions.ts#moveLifecycleAction", {
    name: "publish a product in review",
    rule: "can.moveLifecycle: the product's owners and admins",
    expect: PRODUCT_OWNERS,
    setup: (w) => w.product({ lifecycle: "in_review" }),
    form: (p) => form({ domain: p.domain, name: p.name, to: "published", note: "" }),
  }),
  action<{ domain: string; name: string }>("app/(portal)/products/[domain]/[product]/actions.ts#moveLifecycleAction", {
    name: "deprecate a published product (reason and sunset date)",
    rule: "can.moveLifecycle: the product's owners and admins",
    expect: PRODUCT_OWNERS,
    setup: (w) => w.product({ lifecycle: "published" }),
    form: (p) =>
      form({
        domain: p.domain,
        name: p.name,
        to: "deprecated",
        note: "matrix: superseded",
        sunsetOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      }),
  }),
  action<{ domain: string; name: string }>("app/(portal)/products/[domain]/[product]/compliance/actions.ts#validateNowAction", {
    name: "validate a product now",
    rule: "can.validateProduct: editors, governance",
    expect: only("owner", "producer", "admin", "governance"),
    strict: true,
    setup: (w) => w.product(),
    form: (p) => form({ domain: p.domain, name: p.name }),
  }),
  action<{ domain: string; name: string; validationId: string }>(
    "app/(portal)/products/[domain]/[product]/compliance/actions.ts#acknowledgeWarningsAction",
    {
      name: "acknowledge a validation's warnings",
      rule: "can.acknowledgeWarnings = can.moveLifecycle",
      expect: PRODUCT_OWNERS,
      strict: true,
      setup: async (w) => {
        // "data-analyst" is not a policy role: a warning, not an error.
        const p = await w.product({ spec: { access: [{ role: "data-analyst", permissions: ["read"] }] } });
        const v = await validateProductById(p.id, { trigger: "manual", userId: w.users.owner!.id });
        if (v.warnings === 0) throw new Error("fixture: expected a validation with warnings");
        return { domain: p.domain, name: p.name, validationId: v.id };
      },
      form: (c) => form({ domain: c.domain, name: c.name, validationId: c.validationId }),
    },
  ),
  action<{ id: string; domain: string; name: string }>(
    "app/(portal)/products/[domain]/[product]/quality/actions.ts#runQualityCheckAction",
    {
      name: "run a quality check",
      rule: "can.runQualityCheck = can.editProduct",
      expect: PRODUCT_EDITORS,
      strict: true,
      setup: (w) => readOnlyDeployment(w),
      form: (p) => form({ productId: p.id, productHref: productHref(p) }),
    },
  ),
  action<{ id: string; domain: string; name: string }>("app/(portal)/products/[domain]/[product]/reviews/actions.ts#rateProductAction", {
    name: "rate a published product",
    rule: "can.rateProduct: signed in and not an editor",
    expect: only("consumer", "otherDomain", "governance", "executive"),
    strict: true,
    setup: (w) => w.product({ lifecycle: "published" }),
    form: (p) => form({ productId: p.id, score: "4", review: "Useful", productHref: productHref(p) }),
  }),

  // Provisioning: can.provisionProduct = can.moveLifecycle
  action<{ domain: string; name: string }>("app/(portal)/products/[domain]/[product]/deployments/actions.ts#provisionAction", {
    name: "provision to staging",
    rule: "can.provisionProduct",
    expect: PRODUCT_OWNERS,
    setup: (w) => w.product({ lifecycle: "published" }),
    form: (p) => form({ domain: p.domain, name: p.name }),
  }),
  action<{ domain: string; name: string }>("app/(portal)/products/[domain]/[product]/deployments/actions.ts#promoteAction", {
    name: "promote to production",
    rule: "can.provisionProduct",
    expect: PRODUCT_OWNERS,
    setup: (w) => w.provisioned(),
    form: (p) => form({ domain: p.domain, name: p.name, confirm: "on" }),
  }),
  action<{ domain: string; name: string }>("app/(portal)/products/[domain]/[product]/deployments/actions.ts#deprovisionAction", {
    name: "deprovision staging",
    rule: "can.provisionProduct",
    expect: PRODUCT_OWNERS,
    setup: (w) => w.provisioned(),
    form: (p) => form({ domain: p.domain, name: p.name, environment: "staging", reason: "matrix: moving clusters" }),
  }),
  action<{ domain: string; name: string; jobId: string }>(
    "app/(portal)/products/[domain]/[product]/deployments/actions.ts#retryJobAction",
    {
      name: "retry a job",
      rule: "can.provisionProduct",
      expect: PRODUCT_OWNERS,
      setup: (w) => readOnlyDeployment(w),
      form: (p) => form({ domain: p.domain, name: p.name, jobId: p.jobId }),
    },
  ),
  action<{ domain: string; name: string }>("app/(portal)/products/[domain]/[product]/deployments/actions.ts#runPipelineAction", {
    name: "run the pipeline now",
    rule: "can.provisionProduct",
    expect: PRODUCT_OWNERS,
    strict: true,
    setup: (w) => readOnlyDeployment(w),
    form: (p) => form({ domain: p.domain, name: p.name, environment: "staging" }),
  }),

  // ------------------------------------------------------------------------------------------------
  // API routes
  route("app/api/auth/[...nextauth]/route.ts#GET", {
    name: "auth API (session, csrf)",
    rule: "public (next-auth)",
    expect: EVERYONE,
    strict: true,
    request: () => ({ url: url("/api/auth/session") }),
  }),
  route("app/api/auth/[...nextauth]/route.ts#POST", {
    name: "auth API (sign in/out)",
    rule: "public (next-auth checks CSRF and credentials)",
    expect: EVERYONE,
    strict: true,
    request: () => ({ url: url("/api/auth/signout"), init: { method: "POST" } }),
  }),
  route("app/api/health/route.ts#GET", {
    name: "health check",
    rule: "public (liveness probe)",
    expect: EVERYONE,
    strict: true,
    request: () => ({ url: url("/api/health") }),
  }),
  route("app/api/products/search/route.ts#GET", {
    name: "catalog search",
    rule: "can.readCatalog",
    expect: SIGNED_IN,
    strict: true,
    request: () => ({ url: url("/api/products/search?q=sample&pageSize=5") }),
  }),
  route("app/api/domains/route.ts#GET", {
    name: "domain suggestions",
    rule: "can.readCatalog",
    expect: SIGNED_IN,
    strict: true,
    request: () => ({ url: url("/api/domains?q=a&limit=5") }),
  }),
  route<{ domain: string; name: string }>("app/api/products/[domain]/[product]/export/route.ts#GET", {
    name: "export a product as ODCS",
    rule: "can.readCatalog",
    expect: SIGNED_IN,
    strict: true,
    setup: (w) => w.product({ lifecycle: "published" }),
    request: (p) => ({ url: url(`/api/products/${p.domain}/${p.name}/export?format=odcs`), params: { domain: p.domain, product: p.name } }),
  }),
  route<{ domain: string; name: string }>("app/api/data/[domain]/[product]/route.ts#GET", {
    name: "read an internal product's rows",
    // A data admin reads internal data by policy; the product declares no database role for data_admin, so the read
    // runs as its narrowest SELECT role (lib/provisioning/read-data.ts). Governance and executives: no read by policy.
    rule: "governance read decision; as the reader's access role, else the product's narrowest SELECT role; or domain membership",
    expect: only("consumer", "owner", "producer", "otherDomain", "admin"),
    strict: true,
    setup: (w) => readOnlyDeployment(w),
    request: (p) => ({ url: url(`/api/data/${p.domain}/${p.name}?env=staging&limit=10`), params: { domain: p.domain, product: p.name } }),
  }),
  route<{ domain: string; name: string }>("app/api/ingest/[domain]/[product]/route.ts#POST", {
    name: "load a CSV into staging",
    // Admins pass can.provisionProduct but not the data plane's governance rule: writing a domain's data
    // needs membership as owner or producer (lib/governance/enforcement/decide.ts, rule domain_membership).
    rule: "can.provisionProduct AND governance enforce(write): domain owners/producers",
    expect: only("owner"),
    strict: true,
    setup: (w) => w.provisioned(),
    request: (p, who) => ({
      url: url(`/api/ingest/${p.domain}/${p.name}?env=staging`),
      init: { method: "POST", headers: { "content-type": "text/csv" }, body: `id,amount\nrow-${who},1.5\n` },
      params: { domain: p.domain, product: p.name },
    }),
  }),
  route<{ jobId: string }>("app/api/provisioning/jobs/[id]/route.ts#GET", {
    name: "a provisioning job's progress",
    rule: "can.viewDeployments: owners and the domain's members",
    expect: DOMAIN_READERS,
    strict: true,
    setup: (w) => readOnlyDeployment(w),
    request: (p) => ({ url: url(`/api/provisioning/jobs/${p.jobId}`), params: { id: p.jobId } }),
  }),
  route<{ jobId: string }>("app/api/provisioning/jobs/[id]/plan/route.ts#GET", {
    name: "a provisioning job's Terraform plan",
    rule: "can.viewDeployments",
    expect: DOMAIN_READERS,
    strict: true,
    setup: (w) => readOnlyDeployment(w),
    request: (p) => ({ url: url(`/api/provisioning/jobs/${p.jobId}/plan`), params: { id: p.jobId } }),
  }),
  route("app/api/governance/audit/export/route.ts#GET", {
    name: "export the audit log",
    rule: "can.readAudit: governance, admins",
    expect: only("admin", "governance"),
    strict: true,
    request: () => ({ url: url("/api/governance/audit/export?decision=deny") }),
  }),
  route("app/api/governance/policies/export/route.ts#GET", {
    name: "export the global policy",
    rule: "can.readPolicies: governance, admins",
    expect: only("admin", "governance"),
    strict: true,
    request: () => ({ url: url("/api/governance/policies/export?scope=global") }),
  }),
  route("app/api/governance/policies/export/route.ts#GET", {
    name: "export the product domain's policy",
    rule: "can.readDomainPolicy: governance, admins, the domain's members",
    expect: only("owner", "producer", "admin", "governance"),
    strict: true,
    setup: async (w) => {
      if ((await domainPolicyVersion(w.domain)) === 0) await createDomainPolicy(w.domain, { data_retention: "3_years" });
      return {};
    },
    request: (_c, _who, w) => ({ url: url(`/api/governance/policies/export?scope=domain&domain=${w.domain}`) }),
  }),
  route("app/api/governance/subject-requests/export/route.ts#POST", {
    name: "export a data subject's records (same origin)",
    rule: "can.handleSubjectRequests: governance, admins",
    expect: only("admin", "governance"),
    strict: true,
    request: () => ({
      url: url("/api/governance/subject-requests/export"),
      init: { method: "POST", headers: { origin: ORIGIN, host: "portal.test" }, body: form({ key: "email", value: "nobody@example.com" }) },
    }),
  }),
  route("app/api/governance/subject-requests/export/route.ts#POST", {
    name: "export a data subject's records from another site (CSRF)",
    rule: "same-origin check before anything else: nobody",
    expect: NOBODY,
    request: () => ({
      url: url("/api/governance/subject-requests/export"),
      init: {
        method: "POST",
        headers: { origin: "https://evil.example", host: "portal.test" },
        body: form({ key: "email", value: "x@example.com" }),
      },
    }),
  }),
  route("app/api/governance/revalidate/route.ts#POST", {
    name: "re-validate every product (same origin)",
    rule: "can.revalidateAll: governance, admins",
    expect: only("admin", "governance"),
    strict: true,
    request: () => ({ url: url("/api/governance/revalidate"), init: { method: "POST", headers: { origin: ORIGIN, host: "portal.test" } } }),
  }),
  route("app/api/governance/revalidate/route.ts#POST", {
    name: "re-validate every product from another site (CSRF)",
    rule: "same-origin check before anything else: nobody",
    expect: NOBODY,
    request: () => ({
      url: url("/api/governance/revalidate"),
      init: { method: "POST", headers: { origin: "https://evil.example", host: "portal.test" } },
    }),
  }),
  route<{ runId: string }>("app/api/governance/revalidate/runs/[id]/route.ts#GET", {
    name: "a domain's re-validation progress",
    rule: "can.readDomainPolicy: governance, admins, the domain's members",
    expect: only("owner", "producer", "admin", "governance"),
    strict: true,
    setup: async (w) => ({
      runId: (await db.$transaction((tx) => createRevalidationRun(tx, { trigger: "policy-change", domain: w.domain }))).runId,
    }),
    request: (p) => ({ url: url(`/api/governance/revalidate/runs/${p.runId}`), params: { id: p.runId } }),
  }),
  route<{ runId: string }>("app/api/governance/revalidate/runs/[id]/route.ts#GET", {
    name: "the whole mesh's re-validation progress",
    rule: "can.readCompliance: governance, admins",
    expect: only("admin", "governance"),
    strict: true,
    setup: async () => ({ runId: (await db.$transaction((tx) => createRevalidationRun(tx, { trigger: "manual" }))).runId }),
    request: (p) => ({ url: url(`/api/governance/revalidate/runs/${p.runId}`), params: { id: p.runId } }),
  }),
  route("app/api/metrics/export/route.ts#GET", {
    name: "export a mesh-wide chart",
    rule: "can.readMetrics: executives, governance, admins",
    expect: only("admin", "governance", "executive"),
    strict: true,
    request: () => ({ url: url("/api/metrics/export?chart=usage&range=30d") }),
  }),
  route("app/api/metrics/export/route.ts#GET", {
    name: "export the product domain's chart",
    rule: "can.readDomainMetrics: metric readers and the domain's members",
    expect: only("owner", "producer", "admin", "governance", "executive"),
    strict: true,
    request: (_c, _who, w) => ({ url: url(`/api/metrics/export?chart=domain-products&range=30d&domain=${w.domain}`) }),
  }),
  // ------------------------------------------------------------------------------------------------
  // API tokens (the page's actions) and REST API v1 over the browser session (tokens: lib/api/api.int.test.ts)
  action("app/(portal)/tokens/actions.ts#createTokenAction", {
    name: "create a personal API token",
    rule: "can.managePersonalTokens: every signed-in user, for themselves",
    expect: SIGNED_IN,
    strict: true,
    form: () => form({ name: "matrix", scopes: "read", expiresInDays: 7, kind: "personal" }),
  }),
  action("app/(portal)/tokens/actions.ts#createTokenAction", {
    name: "create a service-account token for a domain",
    rule: "can.manageServiceAccounts: the domain's owners and data admins",
    expect: PRODUCT_OWNERS,
    strict: true,
    form: (_c, _who, w) => form({ name: "matrix-svc", scopes: "read", expiresInDays: 7, kind: "service", serviceDomain: w.domain }),
  }),
  action<{ id: string }>("app/(portal)/tokens/actions.ts#revokeTokenAction", {
    name: "revoke a domain's service-account token",
    rule: "can.manageServiceAccounts: the domain's owners and data admins",
    expect: PRODUCT_OWNERS,
    setup: async (w) => {
      const { createApiToken } = await import("@/lib/auth/api-tokens");
      const { token } = await createApiToken(w.users.owner!, {
        name: "to-revoke",
        kind: "service",
        serviceDomain: w.domain,
        scopes: ["read"],
        expiresInDays: 7,
      });
      return { id: token.id };
    },
    form: (t) => form({ tokenId: t.id }),
  }),
  // ------------------------------------------------------------------------------------------------
  // Notifications (own rows only), follows and webhooks (lib/notifications)
  action("app/(portal)/notifications/actions.ts#markReadAction", {
    name: "mark a notification read (an id that is not the caller's matches nothing)",
    rule: "can.manageOwnNotifications: every signed-in user, for themselves",
    expect: SIGNED_IN,
    form: () => form({ notificationId: "00000000-0000-4000-8000-000000000000" }),
  }),
  action("app/(portal)/notifications/actions.ts#markAllReadAction", {
    name: "mark all own notifications read",
    rule: "can.manageOwnNotifications",
    expect: SIGNED_IN,
    strict: true,
    form: () => form({}),
  }),
  action("app/(portal)/notifications/actions.ts#savePreferencesAction", {
    name: "save own notification preferences",
    rule: "can.manageOwnNotifications",
    expect: SIGNED_IN,
    strict: true,
    form: () => form({ inApp: "access.requested", email: "access.decided" }),
  }),
  action<{ id: string; domain: string; name: string }>("app/(portal)/notifications/actions.ts#followAction", {
    name: "follow a product",
    rule: "can.manageOwnNotifications (every signed-in user sees the catalog)",
    expect: SIGNED_IN,
    strict: true,
    setup: (w) => w.product({ lifecycle: "published" }),
    form: (p) => form({ productId: p.id, follow: "true", path: productHref(p) }),
  }),
  action("app/(portal)/webhooks/actions.ts#createWebhookAction", {
    name: "create a domain's webhook",
    rule: "can.manageWebhooks: the domain's owners and data admins",
    expect: PRODUCT_OWNERS,
    strict: true,
    form: (_c, _who, w) => form({ url: "https://hooks.example.org/in", scope: w.domain, eventTypes: "access.requested" }),
  }),
  action("app/(portal)/webhooks/actions.ts#createWebhookAction", {
    name: "create a mesh-wide webhook",
    rule: "can.manageWebhooks(null): data admins only",
    expect: only("admin"),
    strict: true,
    form: () => form({ url: "https://hooks.example.org/mesh", scope: "mesh", eventTypes: "product.deprecated" }),
  }),
  action<{ id: string }>("app/(portal)/webhooks/actions.ts#deleteWebhookAction", {
    name: "delete a domain's webhook",
    rule: "can.manageWebhooks",
    expect: PRODUCT_OWNERS,
    setup: async (w) => {
      const { createWebhookSubscription } = await import("@/lib/notifications/subscriptions");
      const { id } = await createWebhookSubscription(w.users.owner!, {
        url: "https://hooks.example.org/del",
        scope: w.domain,
        eventTypes: ["access.requested"],
      });
      return { id };
    },
    form: (c) => form({ subscriptionId: c.id }),
  }),
  action<{ id: string; deliveryId: string }>("app/(portal)/webhooks/actions.ts#redeliverAction", {
    name: "redeliver a webhook delivery",
    rule: "can.manageWebhooks",
    expect: PRODUCT_OWNERS,
    strict: true,
    setup: async (w) => {
      const { createWebhookSubscription } = await import("@/lib/notifications/subscriptions");
      const { id } = await createWebhookSubscription(w.users.owner!, {
        url: "https://hooks.example.org/re",
        scope: w.domain,
        eventTypes: ["access.requested"],
      });
      const event = await db.notificationEvent.create({ data: { type: "access.requested", title: "t" } });
      const d = await db.webhookDelivery.create({ data: { subscriptionId: id, eventId: event.id, status: "failed" } });
      return { id, deliveryId: d.id };
    },
    form: (c) => form({ subscriptionId: c.id, deliveryId: c.deliveryId }),
  }),
  route("app/api/v1/openapi.json/route.ts#GET", {
    name: "the OpenAPI document",
    rule: "public (describes the API, serves no data)",
    expect: EVERYONE,
    strict: true,
    request: () => ({ url: url("/api/v1/openapi.json") }),
  }),
  route("app/api/v1/domains/route.ts#GET", {
    name: "API: list domains",
    rule: "can.readCatalog",
    expect: SIGNED_IN,
    strict: true,
    request: () => ({ url: url("/api/v1/domains") }),
  }),
  route("app/api/v1/domains/route.ts#POST", {
    name: "API: create a domain",
    rule: "can.manageDomains",
    expect: only("admin"),
    strict: true,
    request: (_c, _who, w) => ({
      url: url("/api/v1/domains"),
      init: {
        method: "POST",
        headers: SAME_ORIGIN,
        body: JSON.stringify({ slug: w.unique("api"), name: "API domain", ownerTeam: "team@company.com" }),
      },
    }),
  }),
  route("app/api/v1/domains/[domain]/route.ts#GET", {
    name: "API: get a domain",
    rule: "can.readCatalog",
    expect: SIGNED_IN,
    strict: true,
    request: (_c, _who, w) => ({ url: url(`/api/v1/domains/${w.domain}`), params: { domain: w.domain } }),
  }),
  route("app/api/v1/domains/[domain]/route.ts#PATCH", {
    name: "API: update a domain",
    rule: "can.manageDomains",
    expect: only("admin"),
    strict: true,
    request: (_c, _who, w) => ({
      url: url(`/api/v1/domains/${w.otherDomain}`),
      params: { domain: w.otherDomain },
      init: { method: "PATCH", headers: SAME_ORIGIN, body: JSON.stringify({ description: "Updated through the API" }) },
    }),
  }),
  route("app/api/v1/products/route.ts#GET", {
    name: "API: search the catalog",
    rule: "can.readCatalog",
    expect: SIGNED_IN,
    strict: true,
    request: () => ({ url: url("/api/v1/products?q=sample&pageSize=5") }),
  }),
  route("app/api/v1/products/route.ts#POST", {
    name: "API: apply a spec (register)",
    rule: "can.createProduct: producers and owners of the domain, admins",
    expect: PRODUCT_EDITORS,
    strict: true,
    request: (_c, who, w) => ({
      url: url("/api/v1/products"),
      init: {
        method: "POST",
        headers: SAME_ORIGIN,
        body: toProductYaml(sampleSpec(w.domain, { access: ACCESS, name: w.unique(`api-${who.toLowerCase()}`) })),
      },
    }),
  }),
  route("app/api/v1/products/batch/route.ts#POST", {
    name: "API: register a batch of specs",
    rule: "can.createProduct for every domain of the batch: producers and owners of the domain, admins",
    expect: PRODUCT_EDITORS,
    strict: true,
    request: (_c, who, w) => ({
      url: url("/api/v1/products/batch"),
      init: {
        method: "POST",
        headers: SAME_ORIGIN,
        body: JSON.stringify({
          documents: [1, 2].map((i) =>
            toProductYaml(sampleSpec(w.domain, { access: ACCESS, name: w.unique(`batch-${i}-${who.toLowerCase()}`) })),
          ),
        }),
      },
    }),
  }),
  route("app/api/v1/products/validate/route.ts#POST", {
    name: "API: validate a spec (no write)",
    rule: "can.readCatalog (nothing is stored)",
    expect: SIGNED_IN,
    strict: true,
    request: (_c, _who, w) => ({
      url: url("/api/v1/products/validate"),
      init: { method: "POST", headers: SAME_ORIGIN, body: toProductYaml(sampleSpec(w.domain, { access: ACCESS })) },
    }),
  }),
  route<{ domain: string; name: string }>("app/api/v1/products/[domain]/[name]/route.ts#GET", {
    name: "API: get one product",
    rule: "can.readCatalog",
    expect: SIGNED_IN,
    strict: true,
    setup: (w) => w.product({ lifecycle: "published" }),
    request: (p) => ({ url: url(`/api/v1/products/${p.domain}/${p.name}`), params: { domain: p.domain, name: p.name } }),
  }),
  route<{ domain: string; name: string }>("app/api/v1/products/[domain]/[name]/contract/route.ts#GET", {
    name: "API: a product's ODCS contract",
    rule: "can.readCatalog",
    expect: SIGNED_IN,
    strict: true,
    setup: (w) => w.product({ lifecycle: "published" }),
    request: (p) => ({
      url: url(`/api/v1/products/${p.domain}/${p.name}/contract?format=odcs`),
      params: { domain: p.domain, name: p.name },
    }),
  }),
  route<{ domain: string; name: string }>("app/api/v1/products/[domain]/[name]/lineage/route.ts#GET", {
    name: "API: a product's lineage graph",
    rule: "can.readCatalog",
    expect: SIGNED_IN,
    strict: true,
    setup: (w) => w.product({ lifecycle: "published" }),
    request: (p) => ({
      url: url(`/api/v1/products/${p.domain}/${p.name}/lineage?depth=2`),
      params: { domain: p.domain, name: p.name },
    }),
  }),
  route<{ domain: string; name: string }>("app/api/v1/products/[domain]/[name]/lifecycle/route.ts#POST", {
    name: "API: submit a draft for review",
    rule: "can.submitProduct: whoever may edit it",
    expect: PRODUCT_EDITORS,
    setup: (w) => w.product(),
    request: (p) => ({
      url: url(`/api/v1/products/${p.domain}/${p.name}/lifecycle`),
      params: { domain: p.domain, name: p.name },
      init: { method: "POST", headers: SAME_ORIGIN, body: JSON.stringify({ to: "in_review" }) },
    }),
  }),
  route<{ domain: string; name: string }>("app/api/v1/products/[domain]/[name]/data/route.ts#GET", {
    name: "API: read an internal product's rows (cursor)",
    // A data admin reads internal data by policy; the product declares no database role for data_admin, so the read
    // runs as its narrowest SELECT role (lib/provisioning/read-data.ts). Governance and executives: no read by policy.
    rule: "governance read decision; as the reader's access role, else the product's narrowest SELECT role; or domain membership",
    expect: only("consumer", "owner", "producer", "otherDomain", "admin"),
    strict: true,
    setup: (w) => readOnlyDeployment(w),
    request: (p) => ({
      url: url(`/api/v1/products/${p.domain}/${p.name}/data?env=staging&limit=10`),
      params: { domain: p.domain, name: p.name },
    }),
  }),
  route("app/api/v1/access-requests/route.ts#GET", {
    name: "API: my access requests",
    rule: "signed in (own requests only)",
    expect: SIGNED_IN,
    strict: true,
    request: () => ({ url: url("/api/v1/access-requests") }),
  }),
  route<{ domain: string; name: string }>("app/api/v1/access-requests/route.ts#POST", {
    name: "API: request access to a published confidential product",
    // As the action: the policy, not a permission, refuses requests that would change nothing (not strict).
    rule: "can.requestAccess: signed in and not in the product's domain",
    expect: only("consumer", "otherDomain", "admin", "governance", "executive"),
    setup: (w) => w.product({ lifecycle: "published", spec: { classification: "confidential" } }),
    request: (p) => ({
      url: url("/api/v1/access-requests"),
      init: {
        method: "POST",
        headers: SAME_ORIGIN,
        body: JSON.stringify({ domain: p.domain, name: p.name, purpose: "Quarterly churn analysis for the board" }),
      },
    }),
  }),
  route<{ requestId: string }>("app/api/v1/access-requests/[id]/decision/route.ts#POST", {
    name: "API: approve an access request",
    rule: "can.decideAccess: the product's owners and admins",
    expect: PRODUCT_OWNERS,
    setup: async (w) => {
      const p = await w.product({ lifecycle: "published", spec: { classification: "confidential" } });
      const { id } = await requestAccess(w.users.consumer!, { productId: p.id, purpose: "Quarterly churn analysis for the board" });
      return { requestId: id };
    },
    request: (r) => ({
      url: url(`/api/v1/access-requests/${r.requestId}/decision`),
      params: { id: r.requestId },
      init: { method: "POST", headers: SAME_ORIGIN, body: JSON.stringify({ decision: "approve" }) },
    }),
  }),
  // REST API v1 outside its operations: a method an address does not serve (405 problem+json with Allow), OPTIONS
  // (204 with Allow) and a path it does not have (404 problem+json). The same answer for everyone, no data, no
  // change: what the public OpenAPI document says (lib/api/unserved.ts).
  ...unserved("app/api/v1/[...path]/route.ts", "/api/v1/no/such/endpoint", ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]),
  ...unserved("app/api/v1/openapi.json/route.ts", "/api/v1/openapi.json", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"]),
  ...unserved("app/api/v1/domains/route.ts", "/api/v1/domains", ["PUT", "PATCH", "DELETE", "OPTIONS"]),
  ...unserved("app/api/v1/domains/[domain]/route.ts", "/api/v1/domains/sales", ["POST", "PUT", "DELETE", "OPTIONS"]),
  ...unserved("app/api/v1/products/route.ts", "/api/v1/products", ["PUT", "PATCH", "DELETE", "OPTIONS"]),
  ...unserved("app/api/v1/products/batch/route.ts", "/api/v1/products/batch", ["GET", "PUT", "PATCH", "DELETE", "OPTIONS"]),
  ...unserved("app/api/v1/products/validate/route.ts", "/api/v1/products/validate", ["GET", "PUT", "PATCH", "DELETE", "OPTIONS"]),
  ...["", "/contract", "/data", "/lineage"].flatMap((tail) =>
    unserved(`app/api/v1/products/[domain]/[name]${tail}/route.ts`, `/api/v1/products/sales/x${tail}`, [
      "POST",
      "PUT",
      "PATCH",
      "DELETE",
      "OPTIONS",
    ]),
  ),
  ...unserved("app/api/v1/products/[domain]/[name]/lifecycle/route.ts", "/api/v1/products/sales/x/lifecycle", [
    "GET",
    "PUT",
    "PATCH",
    "DELETE",
    "OPTIONS",
  ]),
  ...unserved("app/api/v1/access-requests/route.ts", "/api/v1/access-requests", ["PUT", "PATCH", "DELETE", "OPTIONS"]),
  ...unserved("app/api/v1/access-requests/[id]/decision/route.ts", "/api/v1/access-requests/1/decision", [
    "GET",
    "PUT",
    "PATCH",
    "DELETE",
    "OPTIONS",
  ]),
  route("app/api/metrics/route.ts#GET", {
    name: "Prometheus scrape without the token",
    rule: "bearer token only; a session grants nothing",
    expect: NOBODY,
    request: () => ({ url: url("/api/metrics") }),
  }),
  route("app/api/metrics/route.ts#GET", {
    name: "Prometheus scrape with the token",
    rule: "bearer token (machine access, whoever holds it)",
    expect: EVERYONE,
    strict: true,
    request: () => ({ url: url("/api/metrics"), init: { headers: { authorization: `Bearer ${METRICS_TOKEN}` } } }),
  }),
];
