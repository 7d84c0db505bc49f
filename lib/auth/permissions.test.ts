// The rules must not let an edit widen the editor's own rights: the only product facts a rule sees are
// its domain (which an edit cannot change), and owner rights come from a domain `owner` membership or
// data_admin — never from the spec's named owner, which any editor can type.
import { describe, expect, it } from "vitest";
import { can, type Principal, type ProductRef } from "@/lib/auth/permissions";

const producer = (domains: Principal["domains"], email = "pat@company.com"): Principal => ({
  id: "u1",
  email,
  roles: ["data_producer"],
  domains,
});

describe("owner rights", () => {
  const ref: ProductRef = { domain: "sales" };

  it("come from an owner membership of the product's domain", () => {
    const owner = producer({ sales: "owner" });
    expect(can.moveLifecycle(owner, ref)).toBe(true);
    expect(can.provisionProduct(owner, ref)).toBe(true);
    expect(can.decideAccess(owner, ref)).toBe(true);
    expect(can.acknowledgeWarnings(owner, ref)).toBe(true);
  });

  it("are not given by naming yourself owner in the spec (extra fields are ignored)", () => {
    const pat = producer({ sales: "producer" });
    // What an edit could smuggle in: the spec's owner, set to the editor's own e-mail.
    const edited = { domain: "sales", owner: pat.email } as ProductRef;
    for (const rule of ["moveLifecycle", "provisionProduct", "decideAccess", "acknowledgeWarnings"] as const) {
      expect(can[rule](pat, edited), rule).toBe(false);
    }
  });

  it("end as soon as the membership is gone (a former owner named in the spec has none)", () => {
    const former = producer({});
    const named = { domain: "sales", owner: former.email } as ProductRef;
    expect(can.moveLifecycle(former, named)).toBe(false);
    expect(can.provisionProduct(former, named)).toBe(false);
    expect(can.decideAccess(former, named)).toBe(false);
    expect(can.viewDeployments(former, named)).toBe(false);
    expect(can.editProduct(former, named)).toBe(false);
  });

  it("need the producer role as well as the owner membership; data admins hold them everywhere", () => {
    expect(can.moveLifecycle({ id: "u", email: "v@x", roles: ["data_consumer"], domains: { sales: "owner" } }, ref)).toBe(false);
    expect(can.moveLifecycle({ id: "u", email: "a@x", roles: ["data_admin"], domains: {} }, ref)).toBe(true);
  });
});

describe("no product rule reads anything but the domain", () => {
  // Every rule taking a ProductRef, called with refs that differ only in fields other than `domain`:
  // the answers must be identical, so no spec field an editor controls can change anyone's rights.
  const productRules = [
    "editProduct",
    "submitProduct",
    "moveLifecycle",
    "provisionProduct",
    "viewDeployments",
    "validateProduct",
    "acknowledgeWarnings",
    "requestAccess",
    "decideAccess",
    "rateProduct",
    "runQualityCheck",
  ] as const;
  const principals: Principal[] = [
    producer({ sales: "producer" }),
    producer({ sales: "owner" }),
    producer({ sales: "viewer" }),
    producer({ finance: "owner" }),
    { id: "c", email: "pat@company.com", roles: ["data_consumer"], domains: {} },
    { id: "g", email: "pat@company.com", roles: ["governance"], domains: {} },
  ];
  const variants = [
    { domain: "sales" },
    { domain: "sales", owner: "pat@company.com" },
    { domain: "sales", owner: "PAT@COMPANY.COM", classification: "public", lifecycle: "published" },
  ] as ProductRef[];

  for (const rule of productRules) {
    it(rule, () => {
      for (const p of principals) {
        const answers = variants.map((v) => (can[rule] as (p: Principal, r: ProductRef) => boolean)(p, v));
        expect(new Set(answers).size, `${rule} for ${JSON.stringify(p.domains)} ${p.roles}`).toBe(1);
      }
    });
  }
});

describe("rules that take no product cannot be widened by an edit either", () => {
  it("domain rules depend on the membership only", () => {
    const producerInSales = producer({ sales: "producer" });
    expect(can.createProduct(producerInSales, "sales")).toBe(true);
    expect(can.createProduct(producerInSales, "finance")).toBe(false);
    // A domain owner may edit the domain policy only where the global policy allows it, and never the global one.
    const owner = producer({ sales: "owner" });
    expect(can.editDomainPolicy(owner, "sales", false)).toBe(false);
    expect(can.editDomainPolicy(owner, "sales", true)).toBe(true);
    expect(can.editGlobalPolicy(owner)).toBe(false);
    expect(can.manageDomains(owner)).toBe(false);
  });
});
