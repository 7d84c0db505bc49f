"use server";
// API tokens: create (the secret comes back once, in this action's state) and revoke. The service checks
// who may create or revoke which token.
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { list, optionalText } from "@/lib/validation/form-data";
import { afterSuccess, serverAction } from "@/lib/server-action";

export const createTokenAction = serverAction(requireUser, async (user, formData) => {
  const domains = (optionalText(formData, "domains") ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const { token, secret } = await createApiToken(user, {
    name: optionalText(formData, "name") ?? "",
    kind: optionalText(formData, "kind") ?? "personal",
    serviceDomain: optionalText(formData, "serviceDomain"),
    scopes: list(formData, "scopes"),
    domains,
    expiresInDays: optionalText(formData, "expiresInDays") ?? "",
  });
  return afterSuccess(() => {
    revalidatePath("/tokens");
    return { ok: true, message: `Token "${token.name}" created. Copy it now: it is not shown again.`, data: { secret } };
  });
});

export const revokeTokenAction = serverAction(requireUser, async (user, formData) => {
  await revokeApiToken(user, optionalText(formData, "tokenId"));
  return afterSuccess(() => {
    revalidatePath("/tokens");
    return { ok: true, message: "Token revoked." };
  });
});
