"use client";
// The owner's buttons on a deployment: provision, promote (with confirmation), deprovision (with
// confirmation), retry a failed job from its failed step, run the pipeline now. Server actions decide.
import { useActionState, useId } from "react";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionState } from "@/lib/errors";
import {
  deprovisionAction,
  promoteAction,
  provisionAction,
  retryJobAction,
  runPipelineAction,
} from "@/app/(portal)/products/[domain]/[product]/deployments/actions";

type Ref = { domain: string; name: string };
type Action = (prev: ActionState | null, formData: FormData) => Promise<ActionState>;

function Hidden({ product: r, environment, jobId }: { product: Ref; environment?: string; jobId?: string }) {
  return (
    <>
      <input type="hidden" name="domain" value={r.domain} />
      <input type="hidden" name="name" value={r.name} />
      {environment && <input type="hidden" name="environment" value={environment} />}
      {jobId && <input type="hidden" name="jobId" value={jobId} />}
    </>
  );
}

function ActionForm({
  action,
  product,
  environment,
  jobId,
  label,
  pending,
  variant,
  confirm,
}: {
  action: Action;
  product: Ref;
  environment?: string;
  jobId?: string;
  label: string;
  pending: string;
  variant?: "primary" | "secondary" | "danger";
  confirm?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const id = useId();
  return (
    <form action={formAction} className="space-y-2">
      <Hidden product={product} environment={environment} jobId={jobId} />
      {confirm && (
        <div>
          <label htmlFor={`${id}-confirm`} className="flex items-start gap-2 text-sm text-slate-700">
            <input
              id={`${id}-confirm`}
              type="checkbox"
              name="confirm"
              className="mt-0.5 size-4 rounded border-slate-300"
              aria-describedby={`${id}-confirm-error`}
            />
            <span>{confirm}</span>
          </label>
          <p id={`${id}-confirm-error`} aria-live="polite" className="mt-1 text-xs text-red-600">
            {state?.errors?.confirm?.join(" ")}
          </p>
        </div>
      )}
      <SubmitButton variant={variant} pendingText={pending}>
        {label}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function ProvisionButton({ product, again }: { product: Ref; again: boolean }) {
  return (
    <ActionForm
      action={provisionAction}
      product={product}
      label={again ? "Re-provision staging" : "Provision to staging"}
      pending="Starting…"
    />
  );
}

export function PromoteForm({ product, version }: { product: Ref; version: string | null }) {
  return (
    <ActionForm
      action={promoteAction}
      product={product}
      label="Promote to production"
      pending="Starting…"
      confirm={`I checked staging${version ? ` (v${version})` : ""}; promote exactly that to production. Promotion copies the table's structure, not its rows: production starts empty until data is loaded there.`}
    />
  );
}

// The dialog is the confirmation: the service refuses a deprovisioning without a reason.
export function DeprovisionForm({ product, environment }: { product: Ref; environment: "staging" | "production" }) {
  const label = `${product.domain}/${product.name}`;
  return (
    <ConfirmDialog
      action={deprovisionAction}
      hidden={{ domain: product.domain, name: product.name, environment }}
      triggerLabel={`Deprovision ${environment}…`}
      title={`Deprovision ${label} in ${environment}?`}
      consequence={`Deprovisioning deletes the ${environment} schema, tables and data of ${label}, its roles and grants, its pipeline and its serving endpoint. The data cannot be restored.`}
      confirmLabel={`Deprovision ${environment}`}
      pendingLabel="Starting…"
      reasonLabel="Reason for deprovisioning"
    />
  );
}

export function RetryButton({ product, jobId }: { product: Ref; jobId: string }) {
  return (
    <ActionForm
      action={retryJobAction}
      product={product}
      jobId={jobId}
      label="Retry from the failed step"
      pending="Retrying…"
      variant="secondary"
    />
  );
}

export function RunPipelineButton({ product, environment }: { product: Ref; environment: string }) {
  return (
    <ActionForm
      action={runPipelineAction}
      product={product}
      environment={environment}
      label="Run pipeline now"
      pending="Running…"
      variant="secondary"
    />
  );
}
