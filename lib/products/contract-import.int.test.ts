// ODCS contract imports against the real PostgreSQL: several datasets and nested properties stored whole and
// as rows, a contract naming no domain or a username owner, the preview, a contract id seen again, export.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { importProduct, previewImport } from "@/lib/products/import-product";
import { getProduct } from "@/lib/products/queries";
import { exportContract, exportOdps, normalizeContract } from "@/lib/products";
import { schemaProblem } from "@/lib/products/contract/validate";
import { saveProductVersion } from "@/lib/products/save-version";
import { searchProducts } from "@/lib/products/search";
import { refreshCatalogWords } from "@/lib/products/catalog-words";
import { parseSearchParams } from "@/lib/products/search-query";
import { createDomain, createPrincipal, ensureGlobalPolicy, uid } from "@/prisma/seed/factories";
import type { CurrentUser } from "@/lib/auth/current-user";

const examples = path.join(__dirname, "__fixtures__/odcs-examples");
let domain: string;
let owner: CurrentUser;

function contract(id: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id,
    version: "1.0.0",
    status: "active",
    name: `Orders ${id}`,
    team: { members: [{ username: owner.email.split("@")[0], role: "owner" }] },
    schema: [
      {
        name: "orders",
        physicalType: "table",
        properties: [
          { name: "order_id", logicalType: "string", physicalType: "VARCHAR(36)", primaryKey: true, primaryKeyPosition: 1 },
          { name: "amount", logicalType: "number", physicalType: "DECIMAL(10,2)" },
          {
            name: "customer",
            logicalType: "object",
            properties: [
              { name: "email", logicalType: "string", classification: "restricted", tags: ["pii"] },
              { name: "address", logicalType: "object", properties: [{ name: "city", logicalType: "string" }] },
            ],
          },
        ],
      },
      { name: "order_lines", physicalType: "table", properties: [{ name: "sku", logicalType: "string", unique: true }] },
      { name: "empty_view", physicalType: "view" },
    ],
    slaProperties: [{ property: "retention", value: 3, unit: "y", element: "orders.order_id" }],
    customProperties: [{ property: "vendor-extension", value: { nested: [1, 2] } }],
    ...extra,
  };
}

beforeAll(async () => {
  await ensureGlobalPolicy();
  domain = (await createDomain()).slug;
  owner = await createPrincipal(["data_producer"], { [domain]: "owner" });
});

describe("importing ODCS contracts", () => {
  it("previews a contract with no domain: asks, lists datasets and what was defaulted, writes nothing", async () => {
    const before = await db.dataProduct.count();
    const doc = JSON.stringify(contract(`c-${uid()}`));
    const preview = await previewImport(owner, doc, "auto", {});
    expect(preview.missing).toContain("domain");
    expect(preview.datasets.map((d) => [d.name, d.properties])).toEqual([
      ["orders", 6],
      ["order_lines", 1],
      ["empty_view", 0],
    ]);
    expect(preview.notes.some((n) => n.kind === "portal-only" && n.path === "slaProperties")).toBe(true);
    await expect(importProduct(owner, doc, "auto", "", {})).rejects.toMatchObject({ fieldErrors: { domain: expect.any(Array) } });
    expect(await db.dataProduct.count()).toBe(before);
    // With the domain chosen, the username owner is recognised as the member it names.
    const chosen = await previewImport(owner, doc, "auto", { domain });
    expect(chosen.missing).toEqual([]);
    expect(chosen.owner).toBe(owner.email);
  });

  it("stores every dataset and nested property, keeps restricted PII restricted, and exports what was declared", async () => {
    const id = `c-${uid()}`;
    const declared = contract(id);
    const result = await importProduct(owner, JSON.stringify(declared), "auto", "", { domain });
    expect(result.action).toBe("registered");
    const product = await getProduct(result.domain, result.name);
    expect(product?.classification).toBe("restricted");
    expect(product?.spec.schema.map((f) => [f.name, f.pii])).toEqual([
      ["order_id", false],
      ["amount", false],
      ["customer", true],
    ]);
    expect(product?.datasets.map((d) => d.name)).toEqual(["orders", "order_lines", "empty_view"]);
    const email = product?.datasets[0].properties.find((p) => p.path === "customer.email");
    expect(email).toMatchObject({ depth: 1, classification: "restricted", pii: true });
    expect(product?.datasets[0].properties.find((p) => p.path === "order_id")).toMatchObject({
      primaryKey: true,
      physicalType: "VARCHAR(36)",
    });
    const exported = exportContract({ spec: product!.spec, contract: product!.contract, lifecycle: product!.lifecycle });
    expect(exported).toEqual(normalizeContract(declared));
    expect(schemaProblem("odcs-v3.1.0", exported)).toBeNull();
    const odps = exportOdps({ spec: product!.spec, contract: product!.contract, lifecycle: product!.lifecycle, domain });
    expect(schemaProblem("odps-v1.0.0", odps)).toBeNull();
    expect((odps.outputPorts as { contractId: string }[])[0].contractId).toBe(id);
    // Nested property names are searchable.
    const row = await db.dataProduct.findFirstOrThrow({ where: { contractId: id }, select: { fieldNames: true } });
    expect(row.fieldNames.split(" ")).toEqual(expect.arrayContaining(["city", "sku", "order_lines"]));
  });

  it("offers 'did you mean' for a nested property of a later dataset, and stops offering a word no product has", async () => {
    // A word no other test writes: letters only, so the vocabulary keeps it whole.
    const letters = Array.from({ length: 9 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26)));
    if (letters[1] === letters[2]) letters[2] = letters[1] === "q" ? "x" : "q"; // else the swap below is no typo (1 run in 26)
    const word = `zeb${letters.join("")}`;
    const typo = word.slice(0, 4) + word[5] + word[4] + word.slice(6);
    const id = `c-${uid()}`;
    const declared = contract(id);
    (declared.schema[1] as { properties: unknown[] }).properties.push({
      name: "shipping",
      logicalType: "object",
      properties: [{ name: word, logicalType: "string" }],
    });
    const result = await importProduct(owner, JSON.stringify(declared), "auto", "", { domain });
    // The database added the word when the product was written (trigger), whatever wrote it.
    expect(await db.catalogWord.findUnique({ where: { word } })).not.toBeNull();
    const miss = await searchProducts(parseSearchParams({ q: typo }));
    expect(miss.total).toBe(0);
    expect(miss.suggestion).toBe(word);
    // A new version without that property: the hourly refresh takes the word out of the vocabulary (and keeps
    // every word a product still has), so it is no longer offered.
    const without = contract(id, { version: "2.0.0" });
    await importProduct(owner, JSON.stringify(without), "auto", "", {});
    expect((await getProduct(result.domain, result.name))?.version).toBe("2.0.0");
    const refreshed = await refreshCatalogWords();
    expect(refreshed.wordsRemoved).toBeGreaterThanOrEqual(1);
    expect(refreshed.wordsAdded).toBe(0);
    expect(await db.catalogWord.findUnique({ where: { word } })).toBeNull();
    expect(await db.catalogWord.findUnique({ where: { word: "orders" } })).not.toBeNull();
    expect((await searchProducts(parseSearchParams({ q: typo }))).suggestion).toBeUndefined();
  });

  it("makes a contract whose id exists a new version of that product", async () => {
    const id = `c-${uid()}`;
    const first = await importProduct(owner, JSON.stringify(contract(id)), "auto", "", { domain });
    const renamed = contract(id, { version: "1.1.0", name: "Another name entirely" });
    const second = await importProduct(owner, JSON.stringify(renamed), "auto", "", {});
    expect(second).toMatchObject({ action: "versioned", domain: first.domain, name: first.name, version: "1.1.0" });
    const product = await getProduct(first.domain, first.name);
    expect(product?.contract?.name).toBe("Another name entirely");
  });

  it("refuses what is not ODCS with the path and line of the first problem, writing nothing", async () => {
    const before = await db.dataProduct.count();
    const text =
      "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: active\nschema:\n  - name: t\n    properties:\n      - name: a\n        logicalType: 12\n";
    const error = await importProduct(owner, text, "auto", "", { domain, owner: owner.email }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const messages = Object.entries((error as ValidationError).fieldErrors ?? {});
    expect(messages[0][0]).toBe("schema[0].properties[0].logicalType");
    expect(messages[0][1][0]).toMatch(/^line 10:/);
    expect(await db.dataProduct.count()).toBe(before);
  });

  it("imports the official full example and keeps it through a form edit", async () => {
    const text = readFileSync(path.join(examples, "docs__examples__all__full-example.odcs.yaml"), "utf8");
    const result = await importProduct(owner, text, "auto", "", { domain, owner: owner.email });
    const product = await getProduct(result.domain, result.name);
    const spec = product!.spec;
    await saveProductVersion(owner, {
      domain: result.domain,
      name: result.name,
      spec: { ...spec, description: "Edited in the portal" },
    });
    const edited = await getProduct(result.domain, result.name);
    const expected = normalizeContract(parse(text));
    expect(edited?.contract).toEqual({ ...expected, description: { ...expected.description, purpose: "Edited in the portal" } });
  });

  it("imports an ODPS v1.0 product document as a product without datasets, naming the contracts to import", async () => {
    const name = `odps-${uid()}`;
    const odps = JSON.stringify({
      apiVersion: "v1.0.0",
      kind: "DataProduct",
      id: name,
      name,
      status: "active",
      description: { purpose: "A product described with ODPS" },
      outputPorts: [{ name: "main", version: "1.0.0", contractId: "urn:contract:orders" }],
    });
    const preview = await previewImport(owner, odps, "auto", { domain, owner: owner.email });
    expect(preview.format).toBe("odps");
    expect(preview.notes.map((n) => n.message).join(" ")).toContain("urn:contract:orders");
    const result = await importProduct(owner, odps, "auto", "", { domain, owner: owner.email });
    const product = await getProduct(result.domain, result.name);
    expect(product?.spec.schema).toEqual([]);
    expect(product?.description).toBe("A product described with ODPS");
  });
});
