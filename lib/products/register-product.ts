// Registers a new data product (draft) with its first version, in one transaction.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, productResource, type CurrentUser } from "@/lib/auth/server";
import { ConflictError, ValidationError, isUniqueViolation } from "@/lib/errors";
import { assertOwnerAllowed } from "@/lib/products/product-owner";
import { parseSpecOrThrow } from "@/lib/products/parse-spec";
import { productColumns, replaceFields } from "@/lib/products/persist-spec";
import { recordMetricEvent } from "@/lib/metrics/server";
import { catalogChanged } from "@/lib/products/catalog-cache";

export type RegisterOptions = { templateKey?: string; changeNote?: string };

export async function registerProduct(
  user: CurrentUser,
  input: unknown,
  opts: RegisterOptions = {},
): Promise<{ id: string; domain: string; name: string }> {
  const spec = parseSpecOrThrow(input);
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
          ...productColumns(spec),
          name: spec.name,
          domainId: domain.id,
          lifecycle: "draft",
          createdById: user.id,
          templateId: template?.id,
          templateVersion: template?.version,
        },
        select: { id: true },
      });
      await replaceFields(tx, product.id, spec);
      await tx.dataProductVersion.create({
        data: {
          productId: product.id,
          version: spec.version,
          spec: spec as unknown as object,
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
    if (isUniqueViolation(e)) {
      throw new ConflictError("A product with this name already exists.", {
        name: [`A product named ${spec.name} already exists in ${spec.domain}.`],
      });
    }
    throw e;
  }
}
