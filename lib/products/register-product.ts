// Registers a new data product (draft) with its first version, in one transaction.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, productResource, type CurrentUser } from "@/lib/auth/server";
import { ConflictError, ValidationError, isUniqueViolation } from "@/lib/errors";
import { assertOwnerAllowed } from "@/lib/products/product-owner";
import { parseSpecOrThrow } from "@/lib/products/parse-spec";
import { contractJson, productColumns, replaceFields } from "@/lib/products/persist-spec";
import type { ImportNote } from "@/lib/products/contract/project";
import type { OdcsContract } from "@/lib/products/contract/types";
import { recordMetricEvent } from "@/lib/metrics/server";
import { catalogChanged } from "@/lib/products/catalog-cache";

export type RegisterOptions = {
  templateKey?: string;
  changeNote?: string;
  /** The declared ODCS contract the spec was projected from (contract imports); null/absent: seed format. */
  contract?: OdcsContract | null;
  importNotes?: ImportNote[];
  /** A product document without datasets (ODPS): no fields until a contract or the form adds them. */
  allowNoFields?: boolean;
};

export async function registerProduct(
  user: CurrentUser,
  input: unknown,
  opts: RegisterOptions = {},
): Promise<{ id: string; domain: string; name: string }> {
  const contract = opts.contract ?? null;
  const spec = parseSpecOrThrow(input, { declaredContract: contract !== null || opts.allowNoFields === true });
  await assertCan(user, "createProduct", [spec.domain], {
    resource: productResource(spec.domain, spec.name),
    message: `You cannot register products in the ${spec.domain} domain.`,
  });
  try {
    const registered = await db.$transaction(async (tx) => {
      const domain = await tx.domain.findUnique({ where: { slug: spec.domain }, select: { id: true, status: true } });
      if (!domain) throw new ValidationError("Unknown domain.", { domain: [`There is no domain called ${spec.domain}.`] });
      if (domain.status === "archived")
        throw new ValidationError("This domain is archived.", { domain: ["Archived domains accept no new products."] });
      await assertOwnerAllowed(tx, user, { domain: spec.domain, name: spec.name, next: spec.owner, previous: null });
      const template = opts.templateKey
        ? await tx.template.findUnique({ where: { key: opts.templateKey }, select: { id: true, version: true, retired: true } })
        : null;
      if (opts.templateKey && (!template || template.retired)) {
        throw new ValidationError("Unknown template.", { template: [`Template ${opts.templateKey} does not exist or is retired.`] });
      }
      const product = await tx.dataProduct.create({
        data: {
          ...productColumns(spec, contract),
          name: spec.name,
          domainId: domain.id,
          lifecycle: "draft",
          createdById: user.id,
          templateId: template?.id,
          templateVersion: template?.version,
        },
        select: { id: true },
      });
      await replaceFields(tx, product.id, spec, contract);
      await tx.dataProductVersion.create({
        data: {
          productId: product.id,
          version: spec.version,
          spec: spec as unknown as object,
          contract: contractJson(contract),
          ...(opts.importNotes ? { importNotes: opts.importNotes } : {}),
          changeNote: opts.changeNote ?? "Registered",
          createdById: user.id,
        },
      });
      await tx.lifecycleEvent.create({
        data: { productId: product.id, fromState: null, toState: "draft", actorId: user.id, note: "Registered" },
      });
      await recordMetricEvent({ type: "product_registered", productId: product.id, domainId: domain.id, userId: user.id }, tx);
      return { id: product.id, domain: spec.domain, name: spec.name };
    });
    catalogChanged(); // this process's catalog answers now, the others' on the commit's notification
    return registered;
  } catch (e) {
    if (isUniqueViolation(e) && contract && String((e as { meta?: unknown }).meta ?? "").includes("contract_id")) {
      throw new ConflictError("A product already holds this contract.", { id: [`Contract ${contract.id} belongs to another product.`] });
    }
    if (isUniqueViolation(e)) {
      throw new ConflictError("A product with this name already exists.", {
        name: [`A product named ${spec.name} already exists in ${spec.domain}.`],
      });
    }
    throw e;
  }
}
