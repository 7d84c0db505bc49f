// The OpenAPI 3.1 document of REST API v1, served at /api/v1/openapi.json and rendered at /developers/api.
// Component schemas are generated from the zod schemas in schemas.ts (z.toJSONSchema); the operations are
// listed here, one entry per route handler. The integration tests validate every answer against this
// document and fail for a route file under app/api/v1 whose method is missing here.
import { z } from "zod";
import { SCHEMAS } from "./schemas";
import { DATA_FORMATS, FILTER_OPS, MAX_PAGE_ROWS, MAX_STREAM_ROWS } from "@/lib/provisioning";

type JsonSchema = Record<string, unknown>;
type Param = { name: string; in: "path" | "query" | "header"; required?: boolean; description?: string; schema: JsonSchema };
type Content = Record<string, { schema: JsonSchema }>;
type Operation = {
  operationId: string;
  summary: string;
  tags: string[];
  description?: string;
  parameters?: Param[];
  requestBody?: { required: boolean; content: Content };
  responses: Record<string, { description: string; content?: Content; headers?: Record<string, unknown> }>;
};

const ref = (id: string): JsonSchema => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string): Content => ({ "application/json": { schema: ref(id) } });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const str: JsonSchema = { type: "string" };
const path = (name: string, description: string): Param => ({ name, in: "path", required: true, description, schema: str });
const query = (name: string, description: string, schema: JsonSchema = str): Param => ({ name, in: "query", description, schema });
const DOMAIN = path("domain", "Domain slug");
const NAME = path("name", "Product name");

const COMMON = {
  "401": problem("No token or session, or the token is invalid, expired or revoked"),
  "429": {
    ...problem("The token's requests per minute are used up"),
    headers: { "Retry-After": { description: "seconds until the limit resets", schema: { type: "integer" } } },
  },
};

export const OPERATIONS: Record<string, Partial<Record<"get" | "post" | "patch", Operation>>> = {
  "/api/v1/openapi.json": {
    get: {
      operationId: "getOpenApi",
      summary: "This document",
      tags: ["Meta"],
      responses: { "200": { description: "OpenAPI 3.1 document", content: { "application/json": { schema: { type: "object" } } } } },
    },
  },
  "/api/v1/domains": {
    get: {
      operationId: "listDomains",
      summary: "List domains",
      tags: ["Domains"],
      parameters: [query("includeArchived", "true to list archived domains too", { type: "string", enum: ["true", "false"] })],
      responses: { "200": { description: "Domains by name", content: json("DomainList") }, ...COMMON },
    },
    post: {
      operationId: "createDomain",
      summary: "Create a domain (data admins; token scope write)",
      tags: ["Domains"],
      requestBody: { required: true, content: json("DomainInput") },
      responses: {
        "201": { description: "Created", content: json("Domain") },
        "400": problem("Invalid fields (errors names each)"),
        "403": problem("Not a data admin, or the token lacks the write scope"),
        "409": problem("The domain exists"),
        ...COMMON,
      },
    },
  },
  "/api/v1/domains/{domain}": {
    get: {
      operationId: "getDomain",
      summary: "Get a domain with its members",
      tags: ["Domains"],
      parameters: [DOMAIN],
      responses: { "200": { description: "The domain", content: json("Domain") }, "404": problem("No such domain"), ...COMMON },
    },
    patch: {
      operationId: "updateDomain",
      summary: "Update a domain (data admins; token scope write)",
      tags: ["Domains"],
      parameters: [DOMAIN],
      requestBody: { required: true, content: json("DomainInput") },
      responses: {
        "200": { description: "Updated", content: json("Domain") },
        "400": problem("Invalid fields"),
        "403": problem("Not a data admin, or the token lacks the write scope"),
        "404": problem("No such domain"),
        ...COMMON,
      },
    },
  },
  "/api/v1/products": {
    get: {
      operationId: "listProducts",
      summary: "Search the catalog",
      tags: ["Products"],
      parameters: [
        query("q", "free text"),
        query("domain", "domain slug"),
        query("classification", "public, internal, confidential or restricted", {
          type: "string",
          enum: ["public", "internal", "confidential", "restricted"],
        }),
        query("lifecycle", "draft, in_review, published, deprecated or retired", {
          type: "string",
          enum: ["draft", "in_review", "published", "deprecated", "retired"],
        }),
        query("owner", "owner"),
        query("tag", "a tag the product carries"),
        query("sort", "relevance, name, updated, domain or usage", {
          type: "string",
          enum: ["relevance", "name", "updated", "domain", "usage"],
        }),
        query("page", "page number from 1", { type: "integer", minimum: 1 }),
        query("pageSize", "1 to 100 (default 20)", { type: "integer", minimum: 1, maximum: 100 }),
      ],
      responses: {
        "200": { description: "One page of results", content: json("ProductList") },
        "400": problem("An unknown parameter, or a value that is not one of the allowed ones or out of range (errors name it)"),
        ...COMMON,
      },
    },
    post: {
      operationId: "applyProduct",
      summary: "Apply a spec: register the product or add a version",
      description:
        "The body is a `kind: DataProduct` YAML document or an ODCS v3 data contract (YAML or JSON). `domain` and `owner` fill in what an ODCS contract does not name. Answers the validation findings against the domain's effective policy.",
      tags: ["Products"],
      parameters: [
        query("domain", "domain slug when the document names none (ODCS)"),
        query("owner", "owner when the document names none (ODCS)"),
        query("changeNote", "the version's change note"),
      ],
      requestBody: {
        required: true,
        content: { "application/yaml": { schema: str }, "application/json": { schema: { type: "object" } }, "text/plain": { schema: str } },
      },
      responses: {
        "200": { description: "A new version was saved", content: json("ApplyResult") },
        "201": { description: "The product was registered", content: json("ApplyResult") },
        "400": problem("The document has problems (errors lists them by path, with line numbers)"),
        "403": problem("May not write in the domain, or the token lacks the write scope or the domain"),
        "409": problem("Conflict (e.g. the version exists with other content)"),
        "413": problem("The document is too large"),
        ...COMMON,
      },
    },
  },
  "/api/v1/products/batch": {
    post: {
      operationId: "applyProducts",
      summary: "Register many documents at once (at most 1,000 and 16 MB), all or nothing",
      description:
        "Each document is what `applyProduct` takes (ODCS v3, ODPS or `kind: DataProduct`, at most 1 MB). The new products are registered in one transaction: a problem in any document refuses the whole batch (400, `errors` keyed `documents[<index>]…`) and nothing is written. Documents whose product exists become new versions after the batch commits. The token needs the write scope for every domain the batch touches. `domain` and `owner` fill in what a document does not name.",
      tags: ["Products"],
      parameters: [
        query("domain", "domain slug for the documents that name none (ODCS)"),
        query("owner", "owner for the documents that name none (ODCS)"),
      ],
      requestBody: { required: true, content: json("BatchInput") },
      responses: {
        "200": { description: "Nothing new was registered (every document was a new version)", content: json("BatchResult") },
        "201": { description: "Products were registered", content: json("BatchResult") },
        "400": problem(
          "The body is not a list of 1 to 1,000 documents, or some documents have problems (errors names each, e.g. documents[7].schema[0].name); nothing was written",
        ),
        "403": problem("May not register in a domain of the batch, or the token lacks the write scope or that domain; nothing was written"),
        "409": problem("Another batch or user registered one of these products meanwhile; nothing was written: send the batch again"),
        "413": problem("The body is over 16 MB (errors: body) or a document over 1 MB (errors: documents[i])"),
        ...COMMON,
      },
    },
  },
  "/api/v1/products/validate": {
    post: {
      operationId: "validateProduct",
      summary: "Validate a spec without saving it",
      tags: ["Products"],
      parameters: [query("domain", "domain slug when the document names none"), query("owner", "owner when the document names none")],
      requestBody: { required: true, content: { "application/yaml": { schema: str }, "text/plain": { schema: str } } },
      responses: {
        "200": { description: "The findings (action: validated)", content: json("ApplyResult") },
        "400": problem("The document has problems"),
        ...COMMON,
      },
    },
  },
  "/api/v1/products/{domain}/{name}": {
    get: {
      operationId: "getProduct",
      summary: "Get one product",
      tags: ["Products"],
      parameters: [DOMAIN, NAME],
      responses: { "200": { description: "The product", content: json("Product") }, "404": problem("No such product"), ...COMMON },
    },
  },
  "/api/v1/products/{domain}/{name}/contract": {
    get: {
      operationId: "getContract",
      summary: "The product's contract",
      tags: ["Products"],
      parameters: [
        DOMAIN,
        NAME,
        query(
          "format",
          "yaml (the DataProduct document), odcs (the ODCS v3.1 contract, as declared) or odps (an ODPS v1.0.0 product document)",
          {
            type: "string",
            enum: ["yaml", "odcs", "odps"],
          },
        ),
        query("version", "a stored version (default: the current one)"),
      ],
      responses: {
        "200": { description: "The document", content: { "application/yaml": { schema: str } } },
        "400": problem("Unknown format"),
        "404": problem("No such product or version"),
        ...COMMON,
      },
    },
  },
  "/api/v1/products/{domain}/{name}/lineage": {
    get: {
      operationId: "getLineage",
      summary: "The lineage graph around the product, upstream and downstream across domains",
      tags: ["Products"],
      parameters: [
        DOMAIN,
        NAME,
        query("depth", "How many steps to follow (1–10, default 3)", { type: "integer", minimum: 1, maximum: 10 }),
        query("direction", "both (default), upstream or downstream", { type: "string", enum: ["both", "upstream", "downstream"] }),
        query("domain", "Only products of this domain (the product itself is always included)"),
      ],
      responses: {
        "200": {
          description:
            "The graph: nodes (products with domain, name, lifecycle, owner and depth — negative upstream — and external systems) and edges (from, to, dataset, transformation, column mappings)",
          content: { "application/json": { schema: { type: "object" } } },
        },
        "404": problem("No such product"),
        ...COMMON,
      },
    },
  },
  "/api/v1/products/{domain}/{name}/lifecycle": {
    post: {
      operationId: "moveLifecycle",
      summary: "Move the product along its lifecycle (submit, publish, deprecate, retire…)",
      tags: ["Products"],
      parameters: [DOMAIN, NAME],
      requestBody: { required: true, content: json("LifecycleMove") },
      responses: {
        "200": { description: "Moved", content: json("LifecycleResult") },
        "400": problem("Not a move from the current state, or a missing reason / sunset date"),
        "403": problem("Not an owner, or the token lacks the write scope"),
        "404": problem("No such product"),
        "409": problem("Blocked by governance, or changed meanwhile"),
        ...COMMON,
      },
    },
  },
  "/api/v1/products/{domain}/{name}/data": {
    get: {
      operationId: "readData",
      summary: "Read the product's rows (cursor pagination, streamed)",
      description:
        "Filters: `filter.<field>=<op>:<value>` with op one of " +
        FILTER_OPS.join(", ") +
        " (`in:a,b`, `null:true|false`; repeat a field for a range). Sort: `sort=a,-b`. Pages never count the rows: follow `nextCursor` (JSON) or the `Link: rel=next` header (NDJSON, CSV).",
      tags: ["Data"],
      parameters: [
        DOMAIN,
        NAME,
        query("env", "staging or production (default)", { type: "string", enum: ["staging", "production"] }),
        query(
          "dataset",
          "which of the contract's datasets (ODCS schema objects) to read, by its key (its name as an identifier, e.g. line_items) or declared name; default: the first. An unknown one is a 400 whose errors name dataset and list the datasets.",
        ),
        query("fields", "comma-separated field names (default: all)"),
        query("sort", "comma-separated fields, - for descending (default: the primary key)"),
        query("limit", `rows per page: 1 to ${MAX_PAGE_ROWS} in JSON, to ${MAX_STREAM_ROWS} in NDJSON and CSV (default 100)`, {
          type: "integer",
          minimum: 1,
          maximum: MAX_STREAM_ROWS,
        }),
        query("cursor", "nextCursor of the previous page"),
        query("format", "json (default), ndjson or csv; or send Accept", { type: "string", enum: [...DATA_FORMATS] }),
        query("version", "an older major version (e.g. 1): reads the table kept after a breaking change", { type: "integer", minimum: 0 }),
        query("filter.{field}", "a filter on one field, e.g. filter.country=in:DE,FR or filter.amount=gte:10"),
      ],
      responses: {
        "200": {
          description: "One page of rows",
          headers: { Link: { description: '<…?cursor=…>; rel="next" when there is a next page', schema: str } },
          content: { ...json("DataPage"), "application/x-ndjson": { schema: str }, "text/csv": { schema: str } },
        },
        "400": problem("A malformed filter, an unknown field, parameter or dataset, or a page over the limit (errors names the parameter)"),
        "403": problem("No grant: the reason says what is missing (request access)"),
        "404": problem("No such product, or not provisioned in this environment (or that dataset not yet)"),
        "409": problem("The database refused the read: the product's privileges no longer match its policy (provision it again)"),
        ...COMMON,
      },
    },
  },
  "/api/v1/access-requests": {
    get: {
      operationId: "listAccessRequests",
      summary: "Your access requests, or (box=inbox) the requests you decide",
      tags: ["Access"],
      parameters: [
        query("box", "mine (default) or inbox", { type: "string", enum: ["mine", "inbox"] }),
        query("status", "inbox only: pending (default), approved, denied or revoked"),
        query("page", "page number from 1", { type: "integer", minimum: 1 }),
      ],
      responses: {
        "200": { description: "Requests, newest first", content: json("AccessRequestList") },
        "400": problem("Unknown box or status"),
        ...COMMON,
      },
    },
    post: {
      operationId: "requestAccess",
      summary: "Request access to a product, with a purpose",
      tags: ["Access"],
      requestBody: { required: true, content: json("AccessRequestInput") },
      responses: {
        "201": { description: "Requested", content: json("AccessRequestCreated") },
        "400": problem("Invalid purpose, or the product is not published"),
        "403": problem("Members of the domain already have access, or the token lacks the write scope"),
        "404": problem("No such product"),
        "409": problem("A pending request or granted access exists"),
        ...COMMON,
      },
    },
  },
  "/api/v1/access-requests/{id}/decision": {
    post: {
      operationId: "decideAccessRequest",
      summary: "Approve or deny a pending request (the product's owners)",
      tags: ["Access"],
      parameters: [path("id", "the request's id")],
      requestBody: { required: true, content: json("AccessDecision") },
      responses: {
        "200": { description: "Decided", content: json("AccessDecisionResult") },
        "400": problem("Invalid decision"),
        "403": problem("Not an owner of the product, or the token lacks the write scope"),
        "404": problem("No such request"),
        "409": problem("Already decided"),
        ...COMMON,
      },
    },
  },
};

function componentSchemas(): Record<string, JsonSchema> {
  // Only this module's schemas: a registry of their own, so nothing else registered globally leaks in.
  const registry = z.registry<{ id: string }>();
  for (const s of SCHEMAS) {
    const id = (s.meta() as { id?: string } | undefined)?.id;
    if (id) registry.add(s, { id });
  }
  const out = z.toJSONSchema(registry, { target: "draft-2020-12", uri: (id) => `#/components/schemas/${id}` }).schemas;
  return Object.fromEntries(
    Object.entries(out).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

let cached: Record<string, unknown> | null = null;

export function openApiDocument(): Record<string, unknown> {
  cached ??= {
    openapi: "3.1.0",
    info: {
      title: "Meshport API",
      version: "1.0.0",
      description:
        "The data mesh portal as an API: domains, data products (as code), their contracts and data, and access requests. Authenticate with a token (`Authorization: Bearer mp_…`, create one under API tokens) or a browser session.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }, { session: [] }],
    tags: [{ name: "Domains" }, { name: "Products" }, { name: "Data" }, { name: "Access" }, { name: "Meta" }],
    paths: OPERATIONS,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "mp_…", description: "An API token (shown once when created)" },
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "The portal's browser session" },
      },
    },
  };
  return cached;
}
