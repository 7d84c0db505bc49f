"use client";
import { useActionState } from "react";
import { createTokenAction, revokeTokenAction } from "./actions";
import { Field, FormMessage, Select, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ShownOnce } from "@/components/ui/shown-once";

export function CreateTokenForm({ serviceDomains }: { serviceDomains: string[] }) {
  const [state, action] = useActionState(createTokenAction, null);
  const errors = state?.ok === false ? state.errors : undefined;
  const secret = state?.ok ? (state.data?.secret as string | undefined) : undefined;
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2">
      <Field label="Name" name="name" required errors={errors?.name} hint="What uses it, e.g. “sales CI”">
        <TextInput name="name" required maxLength={80} errors={errors?.name} />
      </Field>
      <Field label="Expires in (days)" name="expiresInDays" required errors={errors?.expiresInDays} hint="1 to 365">
        <TextInput name="expiresInDays" type="number" min={1} max={365} defaultValue={90} required errors={errors?.expiresInDays} />
      </Field>
      <fieldset className="text-sm">
        <legend className="mb-1 font-medium text-slate-800">Scopes</legend>
        <label className="mr-4">
          <input type="checkbox" name="scopes" value="read" defaultChecked /> read
        </label>
        <label>
          <input type="checkbox" name="scopes" value="write" /> write (apply specs, lifecycle, requests)
        </label>
        {errors?.scopes && <p className="mt-1 text-sm text-red-700">{errors.scopes.join(" ")}</p>}
      </fieldset>
      <Field label="Limit to domains" name="domains" errors={errors?.domains} hint="Slugs, comma-separated; empty = all">
        <TextInput name="domains" errors={errors?.domains} />
      </Field>
      <Field label="Kind" name="kind" errors={errors?.kind}>
        <Select name="kind" defaultValue="personal" errors={errors?.kind}>
          <option value="personal">Personal (acts as you)</option>
          {serviceDomains.length > 0 && <option value="service">Service account of a domain</option>}
        </Select>
      </Field>
      {serviceDomains.length > 0 && (
        <Field label="Service account's domain" name="serviceDomain" errors={errors?.serviceDomain} hint="Only for service accounts">
          <Select name="serviceDomain" defaultValue="" errors={errors?.serviceDomain}>
            <option value="">—</option>
            {serviceDomains.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <div className="sm:col-span-2 space-y-2">
        <SubmitButton pendingText="Creating…">Create token</SubmitButton>
        <FormMessage state={state} />
        {secret && <ShownOnce id="new-token" label="Your new token (shown once)" value={secret} />}
      </div>
    </form>
  );
}

export function RevokeTokenForm({ tokenId }: { tokenId: string }) {
  const [state, action] = useActionState(revokeTokenAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton variant="danger" pendingText="Revoking…">
        Revoke
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
