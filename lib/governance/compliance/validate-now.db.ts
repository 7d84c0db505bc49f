// "Validate now" on a product's compliance page: checks the product reference it is given (a form's
// hidden inputs, a script's arguments), who may run it, then validates the product with the current policies.
import "server-only";
import { z } from "zod";
import { assertCan, productResource } from "@/lib/auth/server";
import type { Principal } from "@/lib/auth";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { validateProductById, type ValidationDto } from "@/lib/governance/compliance/validate-products.db";

const refSchema = z.object({ domain: z.string().regex(/^[a-z0-9-]{1,63}$/), name: z.string().regex(/^[a-z0-9-]{1,63}$/) });

export async function validateProductNow(
  user: Principal & { id: string },
  refInput: { domain?: unknown; name?: unknown },
): Promise<ValidationDto & { ref: { domain: string; name: string } }> {
  const parsed = refSchema.safeParse({ domain: refInput.domain, name: refInput.name });
  if (!parsed.success) throw new ValidationError("This product link is not valid. Reload the page.");
  const ref = parsed.data;
  const product = await db.dataProduct.findFirst({ where: { name: ref.name, domain: { slug: ref.domain } }, select: { id: true } });
  if (!product) throw new NotFoundError("This data product does not exist.");
  await assertCan(user, "validateProduct", [{ domain: ref.domain }], {
    message: "Only the product's editors, governance and data admins can run its validation.",
    action: "validate_product",
    resource: productResource(ref.domain, ref.name),
  });
  return { ...(await validateProductById(product.id, { trigger: "manual", userId: user.id })), ref };
}
