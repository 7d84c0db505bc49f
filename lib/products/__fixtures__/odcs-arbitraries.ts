// fast-check generators of full ODCS v3.1.0 contracts (and their v3.0 spellings): several datasets, properties
// nested through objects and arrays, quality rules, SLA properties, servers, team (object or v3.0 list), roles,
// support, price, custom properties and authoritative definitions. Tests keep only what the official schema
// accepts, so a generator drifting from the schema shows as a failing "mostly valid" check, not a false pass.
import fc from "fast-check";

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_ -]{0,20}$/);
const stableId = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const text = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom("yes", "null", "1.0", "a: b", "- x", "ünïcødé ✓", "line\nbreak"));
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const tags = fc.array(fc.oneof(word, fc.constantFrom("pii", "gdpr", "Finance Team")), { maxLength: 3 });
const customProperties = fc.array(
  fc.record({ property: word, value: fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant({ nested: [1, "x"] })) }, { requiredKeys: ["property", "value"] }),
  { maxLength: 2 },
);
const authoritativeDefinitions = fc.array(fc.record({ url: fc.webUrl(), type: fc.constantFrom("businessDefinition", "transformationImplementation", "videoTutorial") }), { maxLength: 1 });
const classification = fc.constantFrom("public", "internal", "confidential", "restricted", "PII", "sensitive", "secret-ish");

const quality = fc.array(
  fc.oneof(
    fc.record({
      type: fc.constant("library"),
      metric: fc.constantFrom("nullValues", "missingValues", "invalidValues", "duplicateValues", "rowCount"),
      mustBe: fc.nat({ max: 100 }),
      dimension: opt(fc.constantFrom("completeness", "uniqueness", "validity")),
    }, { requiredKeys: ["metric", "mustBe"] }),
    fc.record({ type: fc.constant("sql"), query: fc.constant("SELECT COUNT(*) FROM ${table}"), mustBeLessThan: fc.nat({ max: 10 }) }),
    fc.record({ type: fc.constant("text"), description: text }),
  ),
  { maxLength: 2 },
);

const scalarTypes = fc.constantFrom(
  { logicalType: "string", physicalType: "VARCHAR(255)" },
  { logicalType: "number", physicalType: "DECIMAL(10,2)" },
  { logicalType: "integer", physicalType: "BIGINT" },
  { logicalType: "boolean" },
  { logicalType: "date", physicalType: "DATE" },
  { logicalType: "timestamp" },
  { physicalType: "uuid" },
  {},
);

const baseProperty = fc.record(
  {
    name: fc.oneof(word, fc.constantFrom("_row_id", "Order ID", "xmin", "select", "id")),
    id: opt(stableId),
    description: opt(text),
    businessName: opt(word),
    required: opt(fc.boolean()),
    unique: opt(fc.boolean()),
    primaryKey: opt(fc.boolean()),
    partitioned: opt(fc.boolean()),
    classification: opt(classification),
    criticalDataElement: opt(fc.boolean()),
    examples: opt(fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer()), { maxLength: 2 })),
    tags: opt(tags),
    transformSourceObjects: opt(fc.array(word, { maxLength: 2 })),
    transformLogic: opt(text),
    customProperties: opt(customProperties),
    authoritativeDefinitions: opt(authoritativeDefinitions),
    quality: opt(quality),
  },
  { requiredKeys: ["name"] },
);

const strip = <T extends object>(o: T) => JSON.parse(JSON.stringify(o)) as T;

// Properties nest through objects (properties) and arrays (items); depth-limited.
const { property } = fc.letrec<{ property: Record<string, unknown> }>((tie) => ({
  property: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.tuple(baseProperty, scalarTypes).map(([p, t]) => strip({ ...p, ...t })),
    fc.tuple(baseProperty, fc.array(tie("property"), { maxLength: 3 })).map(([p, children]) => strip({ ...p, logicalType: "object", properties: children })),
    fc.tuple(baseProperty, fc.oneof(scalarTypes, fc.array(tie("property"), { maxLength: 2 }).map((c) => ({ logicalType: "object", properties: c })))).map(([p, items]) =>
      strip({ ...p, logicalType: "array", items }),
    ),
  ),
}));

const dataset = fc
  .record(
    {
      name: fc.oneof(word, fc.constantFrom("orders", "Order Lines", "tbl")),
      physicalName: opt(word),
      physicalType: opt(fc.constantFrom("table", "view", "topic", "file")),
      description: opt(text),
      businessName: opt(word),
      dataGranularityDescription: opt(text),
      tags: opt(tags),
      properties: opt(fc.array(property, { maxLength: 5 })),
      quality: opt(quality),
      customProperties: opt(customProperties),
    },
    { requiredKeys: ["name"] },
  )
  .map((d) => strip({ logicalType: "object", ...d }));

const member = fc.record(
  {
    username: fc.oneof(fc.emailAddress(), word),
    name: opt(word),
    role: opt(fc.constantFrom("owner", "Data Steward", "engineer")),
    dateIn: opt(fc.constantFrom("2024-01-01", "2025-06-30")),
  },
  { requiredKeys: ["username"] },
);

const server = fc.oneof(
  fc.record({ server: word, type: fc.constant("postgresql"), host: fc.constant("db.local"), port: fc.constant(5432), database: word, schema: word, environment: opt(fc.constantFrom("prod", "dev")) }, { requiredKeys: ["server", "type", "host", "port", "database", "schema"] }),
  fc.record({ server: word, type: fc.constant("custom"), description: opt(text) }, { requiredKeys: ["server", "type"] }),
);

const sla = fc.record(
  {
    property: fc.constantFrom("availability", "latency", "retention", "frequency", "generalAvailability", "endOfSupport", "timeOfAvailability", "throughput"),
    value: fc.oneof(fc.nat({ max: 1000 }), fc.constantFrom("99.9%", "09:00-08:00", "2026-01-01", "1 day")),
    unit: opt(fc.constantFrom("d", "h", "m", "%", "y", "ms")),
    element: opt(fc.constantFrom("orders.order_id", "tbl.created_at")),
    driver: opt(fc.constantFrom("regulatory", "analytics", "operational")),
    schedule: opt(fc.constant("0 20 * * *")),
    scheduler: opt(fc.constant("cron")),
    description: opt(text),
  },
  { requiredKeys: ["property", "value"] },
);

export const odcsContractArb = fc
  .record(
    {
      apiVersion: fc.constantFrom("v3.1.0", "v3.0.2"),
      id: fc.oneof(fc.uuid(), word),
      version: fc.constantFrom("1.0.0", "2.1.3-rc.1", "1.0", "v2", "latest"),
      status: fc.constantFrom("active", "draft", "proposed", "deprecated", "retired"),
      name: opt(word),
      tenant: opt(word),
      domain: opt(fc.constantFrom("sales", "Seller Payments", "finance")),
      dataProduct: opt(word),
      description: opt(fc.record({ purpose: opt(text), usage: opt(text), limitations: opt(text) })),
      schema: opt(fc.array(dataset, { maxLength: 3 })),
      servers: opt(fc.array(server, { maxLength: 2 })),
      teamForm: fc.constantFrom("object", "list", "none"),
      members: fc.array(member, { maxLength: 3 }),
      roles: opt(fc.array(fc.record({ role: fc.oneof(word, fc.constantFrom("Data Analyst", "data-analyst", "data_analyst", "1st-line")), access: opt(fc.constantFrom("read", "write", "readWrite", "admin", "none")) }, { requiredKeys: ["role"] }), { maxLength: 3 })),
      slaProperties: opt(fc.array(sla, { maxLength: 4 })),
      support: opt(fc.array(fc.record({ channel: word, url: opt(fc.webUrl()), tool: opt(fc.constantFrom("slack", "email")) }, { requiredKeys: ["channel"] }), { maxLength: 2 })),
      price: opt(fc.record({ priceAmount: fc.double({ min: 0, max: 1000, noNaN: true }), priceCurrency: fc.constantFrom("USD", "EUR"), priceUnit: fc.constant("megabyte") })),
      tags: opt(tags),
      authoritativeDefinitions: opt(authoritativeDefinitions),
      customProperties: opt(customProperties),
      contractCreatedTs: opt(fc.constant("2025-03-01T10:00:00.000Z")),
    },
    { requiredKeys: ["apiVersion", "id", "version", "status", "teamForm", "members"] },
  )
  .map(({ teamForm, members, ...rest }) => {
    const doc: Record<string, unknown> = { kind: "DataContract", ...rest };
    // v3.0 contracts write team as a list; v3.1 as an object.
    if (teamForm === "object") doc.team = { name: "team", members };
    if (teamForm === "list") doc.team = members;
    return strip(doc);
  });
