// A demo that has data: a few published products in two domains are provisioned to staging (through the
// provisioning service, the job run in this process) and loaded with sample rows (through the ingestion
// service), so a consumer can read, preview and request access right after `npm start`.
// finance/expense-claims (confidential, an e-mail marked PII) is left for the demo consumer to request:
// the seed's history never asks for it, so the request → approve → preview journey starts fresh.
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { provisionProduct } from "@/lib/provisioning/provision-product";
import { runProvisioningJob } from "@/lib/provisioning/run-job";
import { ingestJson } from "@/lib/ingestion/ingest";
import { stopQueue } from "@/lib/jobs/queue";
import { primaryKeyFor } from "@/lib/provisioning/table-design";
import type { ProductField } from "@/lib/products/types";

/** The confidential product with PII the demo consumer can request (and the e2e journey does). */
export const DEMO_REQUESTABLE = { domain: "finance", name: "expense-claims" } as const;

/** Served products and the domain owner who provisions and loads them. */
const SERVED: { domain: string; name: string; owner: string }[] = [
  { domain: "sales", name: "accounts", owner: "sam.sales@meshport.local" },
  { domain: "sales", name: "quotes", owner: "sam.sales@meshport.local" },
  { domain: "sales", name: "customer-churn-scores", owner: "sam.sales@meshport.local" },
  { domain: "finance", name: "budgets", owner: "fred.finance@meshport.local" },
  { domain: DEMO_REQUESTABLE.domain, name: DEMO_REQUESTABLE.name, owner: "fred.finance@meshport.local" },
];
const ROWS = 40;

const FIRST = ["Ana", "Ben", "Chloé", "Dev", "Eva", "Femi", "Gus", "Hana", "Ivo", "Jia"];
const WORDS = ["north", "south", "retail", "travel", "software", "meals", "hardware", "training", "eu", "us"];

/** A plausible value for a field, deterministic by row. */
function sampleValue(f: Pick<ProductField, "name" | "type">, i: number, key: boolean): unknown {
  const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
  switch (f.type) {
    case "integer":
      return (i * 37) % 500;
    case "number":
      return Math.round(((i * 7919) % 100_000) / 10) / 10;
    case "boolean":
      return i % 3 !== 0;
    case "date":
      return day(i * 3)
        .toISOString()
        .slice(0, 10);
    case "timestamp":
      return new Date(day(i * 3).getTime() + ((i * 3_607_000) % 86_400_000)).toISOString();
    case "json":
      return { sample: i };
    default:
      if (/email/.test(f.name)) return `${FIRST[i % FIRST.length].toLowerCase()}.${i}@example.com`;
      if (/(^|_)id$/.test(f.name)) return `${f.name.replace(/_id$/, "").slice(0, 3)}-${String(i + 1).padStart(4, "0")}`;
      if (/name/.test(f.name)) return `${FIRST[i % FIRST.length]} ${WORDS[(i * 3) % WORDS.length]}`;
      // A key column must not repeat within the load.
      return key ? `${WORDS[i % WORDS.length]}-${i + 1}` : WORDS[i % WORDS.length];
  }
}

async function principal(email: string): Promise<CurrentUser> {
  const u = await db.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, name: true, roles: true, memberships: { select: { role: true, domain: { select: { slug: true } } } } },
  });
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    domains: Object.fromEntries(u.memberships.map((m) => [m.domain.slug, m.role])),
  };
}

export async function seedDemoData(): Promise<{ provisioned: number; rows: number }> {
  let provisioned = 0;
  let rows = 0;
  try {
    for (const s of SERVED) {
      const product = await db.dataProduct.findFirst({
        where: { name: s.name, domain: { slug: s.domain }, lifecycle: "published" },
        select: { id: true, spec: true, deployments: { where: { environment: "staging" }, select: { status: true } } },
      });
      if (!product || product.deployments.some((d) => d.status === "active")) continue;
      const owner = await principal(s.owner);
      const { jobId } = await provisionProduct(owner, { domain: s.domain, name: s.name });
      const outcome = await runProvisioningJob(jobId);
      if (outcome !== "completed") {
        // Say so: a demo without data must not look like a working one. (Roles are cluster-wide: a role left
        // by another database of the same server blocks provisioning the same product here.)
        console.warn(`[seed] ${s.domain}/${s.name} was not provisioned (${outcome}); see its deployment's job log`);
        continue;
      }
      provisioned++;
      const fields = (product.spec as { schema: ProductField[] }).schema;
      const key = new Set(primaryKeyFor(fields));
      const data = Array.from({ length: ROWS }, (_, i) =>
        Object.fromEntries(fields.map((f) => [f.name, sampleValue(f, i, key.has(f.name))])),
      );
      const body = JSON.stringify(data);
      const load = await ingestJson(owner, { domain: s.domain, name: s.name, environment: "staging" }, data, Buffer.byteLength(body));
      rows += load.rowsLoaded;
    }
  } finally {
    // provisionProduct queued each job on pg-boss (the portal's worker will find them done); let it go.
    await stopQueue();
  }
  return { provisioned, rows };
}
