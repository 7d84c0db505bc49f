// The REST API's shapes as zod schemas: the OpenAPI document (openapi.ts) is generated from them with
// z.toJSONSchema, and the integration tests validate every answer against that document.
import { z } from "zod";

const iso = z.string().describe("ISO 8601 timestamp");
const slug = z.string().describe("domain slug");
const classification = z.enum(["public", "internal", "confidential", "restricted"]);
const lifecycle = z.enum(["draft", "in_review", "published", "deprecated", "retired"]);

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.record(z.string(), z.array(z.string())).optional().describe("Field errors keyed by parameter or body field"),
    correlationId: z.string().optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });

export const domainSummarySchema = z
  .object({
    slug,
    name: z.string(),
    description: z.string(),
    ownerTeam: z.string(),
    status: z.string(),
    productCount: z.number().int(),
    publishedCount: z.number().int(),
    memberCount: z.number().int(),
  })
  .meta({ id: "DomainSummary" });

export const domainListSchema = z.object({ items: z.array(domainSummarySchema), total: z.number().int() }).meta({ id: "DomainList" });

export const domainSchema = z
  .object({
    slug,
    name: z.string(),
    description: z.string(),
    ownerTeam: z.string(),
    status: z.string(),
    createdAt: iso,
    archivedAt: iso.nullable(),
    members: z.array(z.object({ role: z.enum(["owner", "producer", "viewer"]), name: z.string(), email: z.string() })),
  })
  .meta({ id: "Domain" });

export const domainInputSchema = z
  .object({
    slug: z.string().optional().describe("required to create; ignored on update"),
    name: z.string(),
    description: z.string().optional(),
    ownerTeam: z.string().describe("the owning team's e-mail address"),
    status: z.enum(["onboarded", "not_onboarded"]).optional(),
  })
  .meta({ id: "DomainInput" });

export const productSummarySchema = z
  .object({
    domain: slug,
    name: z.string(),
    description: z.string(),
    owner: z.string(),
    classification,
    lifecycle,
    version: z.string(),
    tags: z.array(z.string()),
    updatedAt: iso,
    sunsetOn: z.string().nullable(),
    href: z.string().describe("the product's page in the portal"),
  })
  .meta({ id: "ProductSummary" });

export const productListSchema = z
  .object({
    items: z.array(productSummarySchema),
    total: z.number().int(),
    totalIsCapped: z.boolean(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: "ProductList" });

const fieldSchema = z.object({
  name: z.string(),
  type: z.enum(["string", "integer", "number", "boolean", "date", "timestamp", "json"]),
  description: z.string(),
  required: z.boolean(),
  pii: z.boolean(),
});

export const productSchema = productSummarySchema
  .extend({
    domainName: z.string(),
    createdAt: iso,
    publishedAt: iso.nullable(),
    schema: z.array(fieldSchema),
    slo: z.object({ availability: z.number(), latencyMs: z.number(), freshnessMinutes: z.number() }),
    links: z.object({ contract: z.string(), data: z.string() }),
  })
  .meta({ id: "Product" });

export const findingSchema = z
  .object({
    ruleId: z.string(),
    severity: z.enum(["error", "warning", "info"]),
    message: z.string(),
    path: z.string(),
    fixHint: z.string(),
  })
  .meta({ id: "Finding" });

export const applyResultSchema = z
  .object({
    action: z.enum(["registered", "versioned", "validated"]),
    domain: slug,
    name: z.string(),
    version: z.string(),
    status: z.enum(["unknown", "passing", "warnings", "failing"]),
    findings: z.array(findingSchema),
    href: z.string(),
  })
  .meta({ id: "ApplyResult" });

export const batchInputSchema = z
  .object({
    documents: z
      .array(z.string().describe("one document's text: ODCS v3 (YAML or JSON), ODPS or kind: DataProduct YAML, at most 1 MB"))
      .min(1)
      .max(1000),
  })
  .meta({ id: "BatchInput", description: "At most 16 MB in all" });

export const batchResultSchema = z
  .object({
    registered: z.number().int().describe("how many products the batch registered"),
    products: z.array(
      z.object({
        document: z.number().int().describe("the document's index in the request's documents"),
        domain: slug,
        name: z.string(),
        version: z.string(),
        status: z.enum(["passing", "warnings", "failing"]).describe("the first validation against the domain's effective policy"),
        errors: z.number().int(),
        warnings: z.number().int(),
        href: z.string(),
      }),
    ),
    versioned: z
      .array(
        z.object({
          document: z.number().int().describe("the document's index in the request's documents"),
          action: z.enum(["registered", "versioned"]),
          domain: slug,
          name: z.string(),
          version: z.string(),
          status: z
            .enum(["unknown", "passing", "warnings", "failing"])
            .optional()
            .describe("the new version's validation against the domain's effective policy (absent when it could not run)"),
          errors: z.number().int().optional(),
          warnings: z.number().int().optional(),
          href: z.string(),
        }),
      )
      .describe("documents whose product already existed: saved as new versions after the batch committed"),
    refused: z
      .array(
        z.object({
          document: z.number().int().describe("the document's index in the request's documents"),
          domain: slug,
          name: z.string(),
          status: z.number().int().describe("what the single-document route would have answered (400, 403, 409)"),
          message: z.string(),
          errors: z.record(z.string(), z.array(z.string())),
          href: z.string(),
        }),
      )
      .describe(
        "documents of existing products whose new version was refused (e.g. that version exists with other content): nothing of them was saved; everything else of the answer was",
      ),
  })
  .meta({ id: "BatchResult" });

export const lifecycleMoveSchema = z
  .object({
    to: lifecycle,
    note: z.string().optional().describe("the reason; required to deprecate or retire"),
    sunsetOn: z.string().optional().describe("YYYY-MM-DD, required to deprecate"),
  })
  .meta({ id: "LifecycleMove" });

export const lifecycleResultSchema = z.object({ domain: slug, name: z.string(), lifecycle }).meta({ id: "LifecycleResult" });

export const dataPageSchema = z
  .object({
    product: z.string(),
    environment: z.enum(["staging", "production"]),
    dataset: z.string().describe("the dataset read (its key): the first unless ?dataset= named another"),
    version: z.string().nullable(),
    columns: z.array(z.string()),
    masked: z.array(z.string()).describe("fields masked for this reader (PII it is not cleared for): text reads ***, other types null"),
    items: z.array(z.record(z.string(), z.unknown())),
    nextCursor: z.string().nullable().describe("pass as ?cursor= for the next page; null on the last page"),
  })
  .meta({ id: "DataPage" });

export const accessRequestSchema = z
  .object({
    id: z.string(),
    product: z.object({ name: z.string(), domain: slug, href: z.string() }),
    requester: z.object({ name: z.string(), email: z.string() }).nullable(),
    purpose: z.string(),
    status: z.enum(["pending", "approved", "denied", "revoked", "expired"]),
    decisionNote: z.string(),
    decidedBy: z.string().nullable(),
    createdAt: iso,
    decidedAt: iso.nullable(),
    waitingFor: z.enum(["owners", "governance"]).nullable().describe("who decides next on a pending request"),
    grant: z
      .object({
        id: z.string(),
        expiresAt: iso,
        endedAt: iso.nullable(),
        endReason: z.enum(["revoked", "expired"]).nullable(),
        sql: z.boolean().describe("a PostgreSQL login exists for the grant (credentials on My access)"),
      })
      .nullable()
      .describe("what an approval created: reading until expiresAt unless ended"),
  })
  .meta({ id: "AccessRequest" });

export const accessRequestListSchema = z
  .object({ items: z.array(accessRequestSchema), total: z.number().int() })
  .meta({ id: "AccessRequestList" });

export const accessRequestInputSchema = z
  .object({ domain: slug, name: z.string(), purpose: z.string().describe("why you need the data (at least a few words)") })
  .meta({ id: "AccessRequestInput" });

export const accessRequestCreatedSchema = z.object({ id: z.string(), status: z.literal("pending") }).meta({ id: "AccessRequestCreated" });

export const accessDecisionSchema = z
  .object({
    decision: z.enum(["approve", "deny"]),
    note: z.string().optional(),
    days: z.number().int().min(1).optional().describe("how long the grant lasts; the policy's max_duration when omitted, never longer"),
  })
  .meta({ id: "AccessDecision" });

export const accessDecisionResultSchema = z
  .object({
    id: z.string(),
    status: z
      .enum(["approved", "denied", "awaiting_governance"])
      .describe("awaiting_governance: the owners approved step one of a restricted request"),
    grantId: z.string().optional(),
    expiresAt: iso.optional(),
  })
  .meta({ id: "AccessDecisionResult" });

export const SCHEMAS = [
  problemSchema,
  domainSummarySchema,
  domainListSchema,
  domainSchema,
  domainInputSchema,
  productSummarySchema,
  productListSchema,
  productSchema,
  findingSchema,
  applyResultSchema,
  batchInputSchema,
  batchResultSchema,
  lifecycleMoveSchema,
  lifecycleResultSchema,
  dataPageSchema,
  accessRequestSchema,
  accessRequestListSchema,
  accessRequestInputSchema,
  accessRequestCreatedSchema,
  accessDecisionSchema,
  accessDecisionResultSchema,
];
