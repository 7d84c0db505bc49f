"use client";
// The product's latest quality run, and "Run quality check" for the people who may edit it.
import Link from "next/link";
import { useActionState } from "react";
import { runQualityCheckAction } from "@/app/(portal)/products/[domain]/[product]/quality/actions";
import { Card } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { QualityRunResult } from "@/lib/quality/record-quality-run";

const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function QualityCard({
  productId,
  productHref,
  latest,
  runs,
  canRun,
}: {
  productId: string;
  productHref: string;
  latest: QualityRunResult | null;
  runs: number;
  canRun: boolean;
}) {
  const [state, action] = useActionState(runQualityCheckAction, null);
  return (
    <Card title="Data quality" className="h-full">
      <div className="space-y-3 text-sm" data-testid="quality-card">
        {latest ? (
          <>
            <p>
              <span className="text-lg font-semibold">{latest.score.toFixed(1)}</span> / 100{" "}
              <span className="text-slate-500">on {dateFmt.format(new Date(latest.at))}</span>
            </p>
            <dl className="grid grid-cols-3 gap-2 text-center">
              {(["completeness", "accuracy", "consistency"] as const).map((k) => (
                <div key={k} className="rounded bg-slate-50 p-2">
                  <dt className="text-xs capitalize text-slate-500">{k}</dt>
                  <dd className="font-medium tabular-nums">{latest.metrics[k].toFixed(1)} %</dd>
                </div>
              ))}
            </dl>
          </>
        ) : (
          <p className="text-slate-600">No quality run yet.</p>
        )}
        <p>
          <Link href={`${productHref}/quality`} className="text-brand-700 hover:underline">
            Quality history ({runs} runs)
          </Link>
        </p>
        {canRun && (
          <form action={action} className="space-y-2">
            <input type="hidden" name="productId" value={productId} />
            <input type="hidden" name="productHref" value={productHref} />
            <FormMessage state={state} />
            <SubmitButton variant="secondary" pendingText="Checking the table…">
              Run quality check
            </SubmitButton>
          </form>
        )}
      </div>
    </Card>
  );
}
