// Contracts as teams write them, for tests of the import paths (API, CLI).
/** An orders contract as teams write them: two datasets, nested objects, PII, governance; about 1.5 KB. */
export function ordersContract(
  id: string,
  opts: { domain?: string; owner?: string; version?: string; classification?: string } = {},
): Record<string, unknown> {
  return {
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id,
    name: id,
    version: opts.version ?? "1.0.0",
    status: "active",
    ...(opts.domain ? { domain: opts.domain } : {}),
    description: { purpose: "Orders placed in the web shop and their line items, for revenue reporting" },
    ...(opts.owner ? { team: { members: [{ username: opts.owner, role: "owner" }] } } : {}),
    roles: [
      { role: "data_consumer", access: "read" },
      { role: "data_producer", access: "read-write" },
    ],
    tags: ["orders", "finance"],
    customProperties: [
      { property: "classification", value: opts.classification ?? "internal" },
      { property: "governance", value: { encryption: true, retention: "1_year", purpose: "Revenue reporting", erasure: true } },
    ],
    schema: [
      {
        name: "orders",
        physicalType: "table",
        description: "One row per order",
        properties: [
          { name: "order_id", logicalType: "string", primaryKey: true, required: true, description: "Order number" },
          { name: "customer_email", logicalType: "string", customProperties: [{ property: "pii", value: true }] },
          { name: "amount", logicalType: "number", description: "Total in the order's currency" },
          { name: "ordered_on", logicalType: "date" },
          {
            name: "shipping",
            logicalType: "object",
            properties: [
              { name: "city", logicalType: "string" },
              { name: "country", logicalType: "string", description: "ISO 3166 code" },
            ],
          },
        ],
      },
      {
        name: "line_items",
        physicalType: "table",
        properties: [
          { name: "line_id", logicalType: "string", primaryKey: true, required: true },
          { name: "order_id", logicalType: "string", required: true },
          { name: "sku", logicalType: "string" },
          { name: "quantity", logicalType: "integer" },
          { name: "attributes", logicalType: "object", properties: [{ name: "colour", logicalType: "string" }] },
        ],
      },
    ],
  };
}
