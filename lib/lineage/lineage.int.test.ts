// Lineage on real PostgreSQL: the save path keeps lineage_edges in step with the spec, refuses cycles and
// unknown products with a field error (changing nothing), the graph walks across domains, impactOfChange
// counts downstream products, live grants and recent readers, and retiring over live dependents needs a data admin.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { saveProductVersion } from "@/lib/products/save-version";
import { registerProduct } from "@/lib/products/register-product";
import { moveLifecycle } from "@/lib/products/move-lifecycle";
import { recordMetricEvents } from "@/lib/metrics/record";
import { requestAccess } from "@/lib/consumers/request-access";
import { decideAccessRequest } from "@/lib/consumers/decide-access";
import { createPrincipal, ensureGlobalPolicy, sampleSpec } from "@/prisma/seed/factories";
import { createDomainWithOwner, createPublishedProduct, type PublishedProduct } from "@/prisma/seed/metrics-factories";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { DataProductSpec, LineageSource } from "@/lib/products/types";
import { getLineageGraph } from "./graph";
import { impactOfChange } from "./impact";

let owner: CurrentUser;
let domain: { id: string; slug: string };
let other: { domain: { id: string; slug: string }; owner: CurrentUser };

beforeAll(async () => {
  await ensureGlobalPolicy();
  ({ domain, owner } = await createDomainWithOwner());
  other = await createDomainWithOwner();
});

const ref = (p: PublishedProduct) => `${p.domain}/${p.name}`;

async function specOf(p: PublishedProduct): Promise<DataProductSpec> {
  const row = await db.dataProduct.findUniqueOrThrow({ where: { id: p.id }, select: { spec: true } });
  return row.spec as unknown as DataProductSpec;
}

/** Saves `p` with new sources as its owner would (a new minor version of a published product). */
async function setSources(p: PublishedProduct, user: CurrentUser, sources: LineageSource[]) {
  const spec = await specOf(p);
  const [major, minor] = spec.version.split(".").map(Number);
  return saveProductVersion(user, {
    domain: p.domain,
    name: p.name,
    spec: { ...spec, version: `${major}.${minor + 1}.0`, lineage: { ...spec.lineage, sources } },
    changeNote: "Lineage",
  });
}

async function edgesInto(p: PublishedProduct) {
  return db.lineageEdge.findMany({
    where: { toProductId: p.id },
    orderBy: [{ position: "asc" }, { fromField: { sort: "asc", nulls: "first" } }],
    select: { fromProductId: true, fromSystem: true, fromDataset: true, fromField: true, toField: true, transformation: true },
  });
}

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const e = await promise.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return e as ValidationError;
}

describe("edges follow the spec on every save", () => {
  it("registers edges from products (plain or structured, with columns) and external systems, and replaces them on save", async () => {
    const upstream = await createPublishedProduct(domain, owner);
    const spec = sampleSpec(other.domain.slug, {
      lineage: {
        sources: [
          "Salesforce",
          {
            product: ref(upstream),
            dataset: "orders",
            fields: [{ from: "id" }, { from: "amount", to: "total" }],
            transformation: "sum per day",
          },
        ],
        transformations: [],
      },
    });
    const created = await registerProduct(other.owner, spec);
    const downstream = { id: created.id, name: created.name, domain: created.domain, domainId: other.domain.id };

    expect(await edgesInto(downstream)).toEqual([
      { fromProductId: null, fromSystem: "Salesforce", fromDataset: null, fromField: null, toField: null, transformation: null },
      {
        fromProductId: upstream.id,
        fromSystem: null,
        fromDataset: "orders",
        fromField: null,
        toField: null,
        transformation: "sum per day",
      },
      { fromProductId: upstream.id, fromSystem: null, fromDataset: "orders", fromField: "amount", toField: "total", transformation: null },
      { fromProductId: upstream.id, fromSystem: null, fromDataset: "orders", fromField: "id", toField: "id", transformation: null },
    ]);

    // A plain string naming an existing product is that product; the old edges are gone.
    await db.dataProduct.update({ where: { id: downstream.id }, data: { lifecycle: "published" } });
    await setSources(downstream, other.owner, [ref(upstream)]);
    expect(await edgesInto(downstream)).toEqual([
      { fromProductId: upstream.id, fromSystem: null, fromDataset: null, fromField: null, toField: null, transformation: null },
    ]);
  });

  it("turns a plain-text source into an edge from the product once a product of that name is registered", async () => {
    const later = `later-${Date.now().toString(36)}`;
    const reader = await createPublishedProduct(domain, owner, { lineage: { sources: [`${domain.slug}/${later}`], transformations: [] } });
    expect(await edgesInto(reader)).toMatchObject([{ fromProductId: null, fromSystem: `${domain.slug}/${later}` }]);
    const created = await registerProduct(owner, sampleSpec(domain.slug, { name: later }));
    expect(await edgesInto(reader)).toMatchObject([{ fromProductId: created.id, fromSystem: null }]);
  });

  it("refuses a structured source naming a product that does not exist, with a field error, and changes nothing", async () => {
    const p = await createPublishedProduct(domain, owner);
    const before = await edgesInto(p);
    const e = await refusal(setSources(p, owner, [{ product: `${domain.slug}/no-such-product` }]));
    expect(e.fieldErrors?.["lineage.sources"]?.[0]).toMatch(/There is no product .*no-such-product/);
    expect(await edgesInto(p)).toEqual(before);
  });
});

describe("cycles", () => {
  it("refuses a source that closes a cycle, naming the path, and keeps the spec and edges as they were", async () => {
    const a = await createPublishedProduct(domain, owner);
    const b = await createPublishedProduct(domain, owner);
    const c = await createPublishedProduct(other.domain, other.owner);
    await setSources(b, owner, [ref(a)]); // a → b
    await setSources(c, other.owner, [{ product: ref(b), fields: [{ from: "id" }] }]); // b → c (another domain)
    const specBefore = await specOf(a);
    const edgesBefore = await edgesInto(a);

    const e = await refusal(setSources(a, owner, ["erp", ref(c)]));
    expect(e.fieldErrors?.["lineage.sources"]?.[0]).toContain(`(${ref(c)} → ${ref(a)} → ${ref(b)} → ${ref(c)})`);
    expect(await specOf(a)).toEqual(specBefore);
    expect(await edgesInto(a)).toEqual(edgesBefore);

    const self = await refusal(setSources(a, owner, [{ product: ref(a) }]));
    expect(self.fieldErrors?.["lineage.sources"]?.[0]).toMatch(/cannot be its own source/);
  });
});

describe("the graph and the impact of a change", () => {
  let a: PublishedProduct, b: PublishedProduct, c: PublishedProduct;
  let consumer: CurrentUser;

  beforeAll(async () => {
    a = await createPublishedProduct(domain, owner, { classification: "confidential" });
    b = await createPublishedProduct(domain, owner);
    c = await createPublishedProduct(other.domain, other.owner);
    await setSources(b, owner, [{ product: ref(a), transformation: "clean" }, { system: "Kafka" }]);
    await setSources(c, other.owner, [{ product: ref(b), fields: [{ from: "amount", to: "total" }] }]);
    consumer = await createPrincipal(["data_consumer"]);
    const { id } = await requestAccess(consumer, { productId: a.id, purpose: "Churn analysis for the board" });
    await decideAccessRequest(owner, { requestId: id, decision: "approve", note: "OK" });
    const reader = await createPrincipal(["data_consumer"]);
    const day = 86_400_000;
    await recordMetricEvents([
      { type: "product_read", productId: a.id, domainId: domain.id, userId: reader.id, at: new Date(Date.now() - 2 * day) },
      { type: "product_read", productId: a.id, domainId: domain.id, userId: reader.id, at: new Date(Date.now() - 10 * day) },
      { type: "product_read", productId: a.id, domainId: domain.id, userId: consumer.id, at: new Date(Date.now() - 40 * day) },
    ]);
  });

  it("walks upstream and downstream across domains with column-level edges, within the depth", async () => {
    const graph = await getLineageGraph(b.id, { depth: 3, direction: "both", domain: null });
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(byId.get(a.id)).toMatchObject({ kind: "product", depth: -1 });
    expect(byId.get(c.id)).toMatchObject({ kind: "product", depth: 1, domain: other.domain.slug, columns: ["total"] });
    expect(byId.get("system:Kafka")).toMatchObject({ kind: "system", depth: -1 });
    expect(graph.edges.find((e) => e.from === b.id && e.to === c.id)?.columns).toEqual([{ from: "amount", to: "total" }]);
    expect(graph.edges.find((e) => e.from === a.id)?.transformation).toBe("clean");

    const downOnly = await getLineageGraph(a.id, { depth: 1, direction: "downstream", domain: null });
    expect(downOnly.nodes.map((n) => n.id).sort()).toEqual([a.id, b.id].sort());
    const filtered = await getLineageGraph(a.id, { depth: 3, direction: "both", domain: other.domain.slug });
    expect(
      filtered.nodes
        .filter((n) => n.kind === "product")
        .map((n) => n.id)
        .sort(),
    ).toEqual([a.id, c.id].sort());
    expect(filtered.domains).toEqual([domain.slug, other.domain.slug].sort());
  });

  it("lists downstream products transitively with owners, live grant holders and readers of the last 30 days", async () => {
    const impact = await impactOfChange(a.id);
    expect(impact.downstream.map((p) => ({ id: p.id, depth: p.depth, owner: p.owner }))).toEqual([
      { id: b.id, depth: 1, owner: `${domain.slug}@company.com` },
      { id: c.id, depth: 2, owner: `${other.domain.slug}@company.com` },
    ]);
    expect(impact.grantHolders.map((g) => g.email)).toEqual([consumer.email]);
    expect(impact.recentReaders).toHaveLength(1);
    expect(impact.recentReaders[0]).toMatchObject({ reads: 2 });
    expect(impact.recentReaders[0].email).not.toBe(consumer.email);
  });

  it("refuses retiring a product with live dependents unless a data admin does it, audited either way", async () => {
    const sunset = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    await moveLifecycle(owner, { domain: a.domain, name: a.name }, "deprecated", "Superseded", sunset);

    const e = await refusal(moveLifecycle(owner, { domain: a.domain, name: a.name }, "retired", "No longer needed"));
    expect(e.fieldErrors?.note?.[0]).toMatch(/2 live products read from this one .*only a data admin/);
    expect((await db.dataProduct.findUniqueOrThrow({ where: { id: a.id } })).lifecycle).toBe("deprecated");
    const denied = await db.auditEvent.findFirst({
      where: { resource: `data_product:${a.domain}/${a.name}`, action: "lifecycle:retired", decision: "deny" },
    });
    expect(denied?.reason).toContain("data_admin");

    const admin = await createPrincipal(["data_admin"]);
    await moveLifecycle(admin, { domain: a.domain, name: a.name }, "retired", "Replaced by the new pipeline");
    expect((await db.dataProduct.findUniqueOrThrow({ where: { id: a.id } })).lifecycle).toBe("retired");
    const allowed = await db.auditEvent.findFirstOrThrow({
      where: { resource: `data_product:${a.domain}/${a.name}`, action: "lifecycle:retire_with_dependents" },
    });
    expect(allowed.subject).toBe(admin.email);
  });

  it("lets an owner retire a product nothing live reads from", async () => {
    const lone = await createPublishedProduct(domain, owner);
    const sunset = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    await moveLifecycle(owner, { domain: lone.domain, name: lone.name }, "deprecated", "Superseded", sunset);
    await moveLifecycle(owner, { domain: lone.domain, name: lone.name }, "retired", "Gone");
    expect((await db.dataProduct.findUniqueOrThrow({ where: { id: lone.id } })).lifecycle).toBe("retired");
  });
});
