"use client";
import { useActionState } from "react";
import { Field, FormMessage, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveCostModelAction } from "./actions";

export function CostModelForm({
  currency,
  baseline,
  templates,
}: {
  currency: string;
  baseline: number;
  templates: Array<{ key: string; name: string; monthly: number }>;
}) {
  const [state, action] = useActionState(saveCostModelAction, null);
  const err = (k: string) => state?.errors?.[k];
  return (
    <form action={action} className="space-y-4">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field label="Currency" name="currency" errors={err("currency")} hint="Three-letter code, e.g. EUR">
          <TextInput name="currency" defaultValue={currency} errors={err("currency")} maxLength={3} required />
        </Field>
        <Field
          label="Central-team baseline per product and month"
          name="centralBaselineMonthly"
          errors={err("centralBaselineMonthly")}
          hint="What a product costs when a central data team builds and runs it"
        >
          <TextInput
            name="centralBaselineMonthly"
            type="number"
            min={0}
            step="any"
            defaultValue={baseline}
            errors={err("centralBaselineMonthly")}
            required
          />
        </Field>
        {templates.map((t) => (
          <Field
            key={t.key}
            label={`${t.name}: cost per product and month`}
            name={`templateMonthly.${t.key}`}
            errors={err(`templateMonthly.${t.key}`)}
          >
            <TextInput
              name={`templateMonthly.${t.key}`}
              type="number"
              min={0}
              step="any"
              defaultValue={t.monthly}
              errors={err(`templateMonthly.${t.key}`)}
              required
            />
          </Field>
        ))}
      </div>
      <FormMessage state={state} />
      <SubmitButton>Save cost model</SubmitButton>
    </form>
  );
}
