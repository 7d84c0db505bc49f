// Demo data products: the seed text's customer-data-product plus ~40 generated, plausible products
// spread over the onboarded domains, so the catalog looks like a real mesh.
import type { DataProductSpec, FieldType, LineageSource, ProductField, Classification } from "@/lib/products/types";

export const CUSTOMER_DATA_PRODUCT: DataProductSpec = {
  name: "customer-data-product",
  domain: "sales",
  owner: "sales-team@company.com",
  version: "1.0.0",
  description: "Customer data product for sales analytics",
  classification: "confidential",
  schema: [
    { name: "customer_id", type: "string", description: "Unique customer identifier", required: true, pii: false },
    { name: "customer_name", type: "string", description: "Customer full name", required: false, pii: true },
    { name: "email", type: "string", description: "Customer email address", required: false, pii: true },
    { name: "created_at", type: "timestamp", description: "Customer creation timestamp", required: true, pii: false },
  ],
  slo: { availability: 99.9, latencyMs: 100, freshnessMinutes: 60 },
  access: [
    { role: "data-analyst", permissions: ["read"] },
    { role: "data-scientist", permissions: ["read", "write"] },
  ],
  lineage: { sources: ["crm-system", "marketing-automation"], transformations: ["data-cleaning", "data-enrichment"] },
  tags: ["customers", "crm"],
  governance: { encryption: true, retention: "3_years", purpose: "Sales analytics and account management", erasure: true },
};

type Blueprint = {
  domain: string;
  name: string;
  description: string;
  tags: string[];
  fields: string;
  classification?: Classification;
  template?: string;
  /** Minutes; by default a plausible value within the domain's freshness requirement. */
  freshnessMinutes?: number;
  /** A personal-data product that never stated why it processes the data (GDPR finding). */
  noPurpose?: boolean;
};

// fields: "name:type[!][*]" — ! required, * personal data
const BLUEPRINTS: Blueprint[] = [
  {
    domain: "sales",
    name: "orders",
    description: "Every confirmed customer order with totals and channel.",
    tags: ["orders", "revenue"],
    fields: "order_id:string! customer_id:string! order_total:number! currency:string! channel:string ordered_at:timestamp!",
    template: "batch_analytics",
  },
  {
    domain: "sales",
    name: "order-lines",
    description: "Line items of confirmed orders, one row per product and order.",
    tags: ["orders"],
    fields: "order_id:string! line_no:integer! sku:string! quantity:integer! unit_price:number!",
  },
  // Fails (in review): the CRM export runs every 4 hours, the sales policy requires 1 hour freshness.
  {
    domain: "sales",
    name: "opportunities",
    description: "Open and closed sales opportunities from the CRM with stage history.",
    tags: ["crm", "pipeline"],
    fields: "opportunity_id:string! account_id:string! stage:string! amount:number probability:number close_date:date owner_email:string*",
    freshnessMinutes: 240,
  },
  {
    domain: "sales",
    name: "pipeline-forecast",
    description: "Weekly revenue forecast per region built from weighted pipeline.",
    tags: ["forecast", "revenue"],
    fields: "week:date! region:string! forecast_amount:number! confidence:number",
    template: "batch_analytics",
    classification: "confidential",
  },
  {
    domain: "sales",
    name: "customer-churn-scores",
    description: "Churn propensity score per customer, refreshed hourly for account managers.",
    tags: ["ml", "churn", "customers"],
    fields: "customer_id:string! churn_score:number! scored_at:timestamp! model_version:string!",
    template: "ml_feature_store",
    classification: "confidential",
  },
  {
    domain: "sales",
    name: "accounts",
    description: "Company accounts with industry, size and assigned account manager.",
    tags: ["crm", "customers"],
    fields: "account_id:string! account_name:string! industry:string employee_count:integer manager_email:string*",
  },
  {
    domain: "sales",
    name: "quotes",
    description: "Quotes issued to customers with discount levels and approval status.",
    tags: ["pricing"],
    fields: "quote_id:string! account_id:string! discount_pct:number approved:boolean issued_at:timestamp!",
  },
  {
    domain: "sales",
    name: "loyalty-members",
    description: "Members of the loyalty programme with their tier and points balance.",
    tags: ["loyalty", "customers"],
    fields: "member_id:string! customer_id:string! loyalty_tier:string! points_balance:integer! joined_on:date! email:string*",
    classification: "confidential",
  },
  {
    domain: "sales",
    name: "territories",
    description: "Sales territories and the regions and reps they cover.",
    tags: ["reference"],
    fields: "territory_id:string! region:string! rep_email:string*",
    classification: "confidential",
  },
  {
    domain: "sales",
    name: "win-loss-reasons",
    description: "Reasons recorded for won and lost opportunities.",
    tags: ["crm", "pipeline"],
    fields: "opportunity_id:string! outcome:string! reason:string notes:string",
  },
  {
    domain: "marketing",
    name: "campaigns",
    description: "Marketing campaigns with budget, channel and schedule.",
    tags: ["campaigns"],
    fields: "campaign_id:string! name:string! channel:string! budget:number starts_on:date ends_on:date",
    template: "batch_analytics",
  },
  {
    domain: "marketing",
    name: "campaign-performance",
    description: "Daily impressions, clicks and conversions per campaign.",
    tags: ["campaigns", "performance"],
    fields: "campaign_id:string! day:date! impressions:integer! clicks:integer! conversions:integer! spend:number!",
  },
  {
    domain: "marketing",
    name: "web-sessions",
    description: "Website sessions stream with landing page and referrer.",
    tags: ["web", "streaming"],
    fields: "session_id:string! visitor_id:string! landing_page:string referrer:string started_at:timestamp! ip_address:string*",
    template: "real_time_streaming",
  },
  {
    domain: "marketing",
    name: "email-engagement",
    description: "Opens, clicks and unsubscribes of marketing emails.",
    tags: ["email"],
    fields: "message_id:string! recipient_email:string!* event:string! occurred_at:timestamp!",
    classification: "confidential",
  },
  {
    domain: "marketing",
    name: "audience-segments",
    description: "Customer segments for targeting, rebuilt nightly.",
    tags: ["segments", "customers"],
    fields: "segment_id:string! customer_id:string! segment_name:string! assigned_at:timestamp",
  },
  {
    domain: "marketing",
    name: "attribution-touchpoints",
    description: "Multi-touch attribution of conversions to marketing touchpoints.",
    tags: ["attribution"],
    fields: "conversion_id:string! touchpoint:string! channel:string! weight:number!",
  },
  {
    domain: "marketing",
    name: "lead-scores",
    description: "Lead scoring features and scores for inbound leads.",
    tags: ["ml", "leads"],
    fields: "lead_id:string! score:number! features:json scored_at:timestamp!",
    template: "ml_feature_store",
  },
  {
    domain: "marketing",
    name: "social-mentions",
    description: "Brand mentions on social networks with sentiment.",
    tags: ["social", "streaming"],
    fields: "mention_id:string! network:string! sentiment:number posted_at:timestamp! author_handle:string*",
    template: "real_time_streaming",
  },
  {
    domain: "marketing",
    name: "content-catalog",
    description: "Published marketing content with topics and formats.",
    tags: ["content"],
    fields: "content_id:string! title:string! topic:string format:string published_on:date",
    classification: "public",
  },
  // Fails (draft): free-text comments are personal data, but no processing purpose is declared (GDPR).
  {
    domain: "marketing",
    name: "survey-responses",
    description: "Customer survey answers with NPS score.",
    tags: ["nps", "feedback"],
    fields: "response_id:string! customer_id:string nps:integer answered_at:timestamp! comment:string*",
    classification: "confidential",
    noPurpose: true,
  },
  {
    domain: "finance",
    name: "general-ledger",
    description: "General ledger journal lines per accounting period.",
    tags: ["ledger", "accounting"],
    fields: "entry_id:string! account_code:string! period:string! debit:number! credit:number! posted_at:timestamp!",
    classification: "confidential",
    template: "batch_analytics",
  },
  {
    domain: "finance",
    name: "invoices",
    description: "Customer invoices with due dates and payment status.",
    tags: ["receivables"],
    fields: "invoice_id:string! customer_id:string! amount:number! due_on:date! paid:boolean!",
    classification: "confidential",
  },
  // Fails (in review): restricted data, but the default grant gives data_producer access, which may not read restricted data.
  {
    domain: "finance",
    name: "payments",
    description: "Incoming payments matched to invoices.",
    tags: ["receivables", "cash"],
    fields: "payment_id:string! invoice_id:string amount:number! received_at:timestamp! iban:string*",
    classification: "restricted",
  },
  {
    domain: "finance",
    name: "budgets",
    description: "Approved budgets per cost centre and month.",
    tags: ["planning"],
    fields: "cost_centre:string! month:date! budget_amount:number!",
    classification: "internal",
  },
  {
    domain: "finance",
    name: "expense-claims",
    description: "Employee expense claims and their approval state.",
    tags: ["expenses"],
    fields: "claim_id:string! employee_email:string!* amount:number! category:string submitted_at:timestamp!",
    classification: "confidential",
  },
  {
    domain: "finance",
    name: "fx-rates",
    description: "Daily foreign exchange reference rates.",
    tags: ["reference", "fx"],
    fields: "day:date! currency:string! rate_to_eur:number!",
    classification: "public",
  },
  {
    domain: "finance",
    name: "revenue-recognition",
    description: "Recognised revenue schedule per contract.",
    tags: ["revenue", "accounting"],
    fields: "contract_id:string! period:string! recognised_amount:number! deferred_amount:number!",
    classification: "confidential",
  },
  {
    domain: "finance",
    name: "cash-forecast",
    description: "13-week rolling cash forecast.",
    tags: ["forecast", "cash"],
    fields: "week:date! inflow:number! outflow:number! closing_balance:number!",
    classification: "confidential",
  },
  {
    domain: "finance",
    name: "vendor-master",
    description: "Suppliers with payment terms and tax identifiers.",
    tags: ["payables", "reference"],
    fields: "vendor_id:string! vendor_name:string! payment_terms:string tax_id:string*",
    classification: "confidential",
  },
  {
    domain: "finance",
    name: "cost-allocations",
    description: "Monthly allocation of shared costs to business units.",
    tags: ["allocation"],
    fields: "month:date! business_unit:string! allocated_cost:number!",
  },
  {
    domain: "operations",
    name: "shipments",
    description: "Outbound shipments with carrier, status and delivery times.",
    tags: ["logistics"],
    fields: "shipment_id:string! order_id:string! carrier:string! status:string! shipped_at:timestamp delivered_at:timestamp",
    template: "real_time_streaming",
  },
  {
    domain: "operations",
    name: "inventory-levels",
    description: "Stock on hand per SKU and warehouse, updated every 15 minutes.",
    tags: ["inventory"],
    fields: "sku:string! warehouse_id:string! on_hand:integer! reserved:integer! measured_at:timestamp!",
    template: "real_time_streaming",
  },
  // Warning (in review): a public list that carries the site manager's email.
  {
    domain: "operations",
    name: "warehouses",
    description: "Warehouses with location and capacity.",
    tags: ["reference", "logistics"],
    fields: "warehouse_id:string! city:string! country:string! capacity_units:integer manager_email:string*",
    classification: "public",
  },
  {
    domain: "operations",
    name: "support-tickets",
    description: "Customer support tickets with priority and resolution time.",
    tags: ["support", "customers"],
    fields: "ticket_id:string! customer_id:string priority:string! opened_at:timestamp! resolved_at:timestamp customer_email:string*",
    classification: "confidential",
  },
  {
    domain: "operations",
    name: "returns",
    description: "Product returns with reason codes and refund amounts.",
    tags: ["returns"],
    fields: "return_id:string! order_id:string! reason_code:string! refund_amount:number received_on:date",
  },
  {
    domain: "operations",
    name: "supplier-lead-times",
    description: "Observed lead times per supplier and SKU.",
    tags: ["suppliers"],
    fields: "supplier_id:string! sku:string! lead_time_days:number! observed_on:date!",
  },
  {
    domain: "operations",
    name: "demand-forecast",
    description: "Demand forecast per SKU and week for replenishment.",
    tags: ["forecast", "ml"],
    fields: "sku:string! week:date! forecast_units:number! model_version:string",
    template: "ml_feature_store",
  },
  {
    domain: "operations",
    name: "fleet-telemetry",
    description: "Delivery fleet GPS and engine telemetry stream.",
    tags: ["iot", "streaming"],
    fields: "vehicle_id:string! latitude:number! longitude:number! speed_kmh:number recorded_at:timestamp!",
    template: "real_time_streaming",
  },
  {
    domain: "operations",
    name: "maintenance-logs",
    description: "Maintenance work orders on warehouse equipment.",
    tags: ["maintenance"],
    fields: "work_order_id:string! asset_id:string! performed_on:date! cost:number technician:string*",
  },
  {
    domain: "operations",
    name: "sla-breaches",
    description: "Delivery SLA breaches with root cause.",
    tags: ["sla", "logistics"],
    fields: "shipment_id:string! breached_by_minutes:integer! root_cause:string",
  },
];

function field(spec: string): ProductField {
  const [rawName, rawType] = spec.split(":");
  const required = rawType.includes("!");
  const pii = rawType.includes("*");
  const type = rawType.replace(/[!*]/g, "") as FieldType;
  return { name: rawName, type, description: rawName.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()), required, pii };
}

const SOURCES: Record<string, string[]> = {
  sales: ["crm-system", "erp-orders"],
  marketing: ["marketing-automation", "web-analytics"],
  finance: ["erp-finance", "bank-feeds"],
  operations: ["wms", "tms", "iot-gateway"],
};

export type GeneratedProduct = { spec: DataProductSpec; template?: string };

// Upstream products of the demo mesh (lineage graph), across domains. Each names only products that come
// earlier in BLUEPRINTS, so they exist when it is registered; column mappings where the fields line up.
const UPSTREAM: Record<string, LineageSource[]> = {
  "sales/order-lines": [{ product: "sales/orders", fields: [{ from: "order_id" }], transformation: "explode order lines" }],
  "sales/pipeline-forecast": [
    {
      product: "sales/opportunities",
      fields: [{ from: "amount", to: "forecast_amount" }],
      transformation: "weighted by stage probability",
    },
  ],
  "marketing/campaign-performance": [{ product: "marketing/campaigns", fields: [{ from: "campaign_id" }], transformation: "daily rollup" }],
  "marketing/attribution-touchpoints": [
    "marketing/web-sessions",
    "marketing/email-engagement",
    { product: "marketing/campaigns", transformation: "multi-touch attribution" },
  ],
  "marketing/lead-scores": [{ product: "marketing/attribution-touchpoints", transformation: "gradient-boosted model" }, "sales/accounts"],
  "finance/invoices": [
    {
      product: "sales/orders",
      fields: [{ from: "customer_id" }, { from: "order_total", to: "amount" }],
      transformation: "one invoice per order",
    },
  ],
  "finance/payments": [{ product: "finance/invoices", fields: [{ from: "invoice_id" }] }],
  "finance/revenue-recognition": ["finance/invoices", { product: "finance/payments", transformation: "IFRS 15 schedule" }],
  "finance/cash-forecast": ["finance/payments", "finance/budgets"],
  "operations/shipments": [{ product: "sales/orders", fields: [{ from: "order_id" }] }],
  "operations/demand-forecast": [
    { product: "sales/order-lines", fields: [{ from: "sku" }], transformation: "weekly demand model" },
    "operations/inventory-levels",
  ],
  "operations/sla-breaches": [{ product: "operations/shipments", fields: [{ from: "shipment_id" }], transformation: "late deliveries" }],
};

// The freshness the seeded domain policies require (prisma/seed/policies), so generated SLOs honour it.
const MAX_FRESHNESS_MINUTES: Record<string, number> = { sales: 60, finance: 60, marketing: 240 };

export function generatedProducts(): GeneratedProduct[] {
  return BLUEPRINTS.map((b, i) => {
    const schema = b.fields.split(" ").map(field);
    const classification: Classification = b.classification ?? "internal";
    const hasPii = schema.some((f) => f.pii);
    const spec: DataProductSpec = {
      name: b.name,
      domain: b.domain,
      owner: `${b.domain}-team@company.com`,
      version: "1.0.0",
      description: b.description,
      classification,
      schema,
      slo: {
        availability: [99, 99.5, 99.9][i % 3],
        latencyMs: [100, 250, 500][i % 3],
        freshnessMinutes: b.freshnessMinutes ?? Math.min([15, 60, 240, 1440][i % 4], MAX_FRESHNESS_MINUTES[b.domain] ?? Infinity),
      },
      access: [
        { role: "data_consumer", permissions: ["read"] },
        { role: "data_producer", permissions: ["read", "write"] },
      ].filter(
        (g) => !(g.role === "data_consumer" && (classification === "confidential" || classification === "restricted")),
      ) as DataProductSpec["access"],
      lineage: {
        sources: [...SOURCES[b.domain].slice(0, 1 + (i % 2)), ...(UPSTREAM[`${b.domain}/${b.name}`] ?? [])],
        transformations: ["data-cleaning", ...(i % 3 === 0 ? ["deduplication"] : [])],
      },
      tags: b.tags,
      governance: {
        encryption: classification !== "public",
        retention: classification === "restricted" ? "1_year" : "2_years",
        ...(hasPii ? { ...(b.noPurpose ? {} : { purpose: `Operational ${b.domain} reporting` }), erasure: true } : {}),
      },
    };
    return { spec, template: b.template };
  });
}
