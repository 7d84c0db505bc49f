"use server";
// Lifecycle moves from the product page. moveLifecycle checks the transition, the user's right to make it
// and the reason (and sunset date) that deprecating and retiring need.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/current-user";
import { toActionState, ValidationError, type ActionState } from "@/lib/errors";
import { productPath } from "@/lib/products/dto";
import { moveLifecycle } from "@/lib/products/move-lifecycle";
import { LIFECYCLE_STATES } from "@/lib/products/types";

// The note and sunset date go to moveLifecycle as typed: it checks them (checkMoveDetails) for every caller.
const moveSchema = z.object({ domain: z.string().min(1), name: z.string().min(1), to: z.enum(LIFECYCLE_STATES) });

function text(formData: FormData, key: string): string | undefined {
  const value = formData.get(key);
  return typeof value === "string" ? value : undefined;
}

export async function moveLifecycleAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  let ref: { domain: string; name: string };
  let to: string;
  try {
    const parsed = moveSchema.safeParse({ domain: text(formData, "domain"), name: text(formData, "name"), to: text(formData, "to") });
    if (!parsed.success) throw new ValidationError("Choose one of the lifecycle actions shown.");
    const user = await requireUser();
    ref = { domain: parsed.data.domain, name: parsed.data.name };
    to = parsed.data.to;
    await moveLifecycle(user, ref, parsed.data.to, text(formData, "note"), text(formData, "sunsetOn"));
  } catch (e) {
    return toActionState(e);
  }
  revalidatePath(productPath(ref));
  revalidatePath("/catalog");
  return { ok: true, message: `The product is now ${to.replace("_", " ")}.` };
}
