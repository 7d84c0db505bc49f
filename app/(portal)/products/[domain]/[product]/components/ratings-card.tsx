"use client";
// Ratings and reviews: the product's mean and distribution, the latest reviews, and your own rating.
import Link from "next/link";
import { useActionState } from "react";
import { rateProductAction } from "@/app/(portal)/products/[domain]/[product]/reviews/actions";
import { Card } from "@/components/ui/card";
import { FieldError, FormMessage, TextArea } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ReviewDto } from "@/lib/consumers/queries";
import type { Satisfaction } from "@/lib/metrics/formulas";
import { plural } from "@/lib/format";

export function Stars({ score }: { score: number }) {
  return (
    <span role="img" aria-label={`${score} out of 5 stars`} className="text-amber-500">
      <span aria-hidden="true">{"★".repeat(score)}</span>
      <span aria-hidden="true" className="text-slate-400">
        {"★".repeat(5 - score)}
      </span>
    </span>
  );
}

export function RatingsCard({
  productId,
  productHref,
  summary,
  reviews,
  reviewCount,
  mine,
  canRate,
}: {
  productId: string;
  productHref: string;
  summary: Satisfaction;
  reviews: ReviewDto[];
  reviewCount: number;
  mine: { score: number; review: string } | null;
  canRate: boolean;
}) {
  const [state, action] = useActionState(rateProductAction, null);
  return (
    <Card title="Ratings and reviews" className="h-full">
      <div className="space-y-3 text-sm" data-testid="ratings-card">
        <p data-testid="rating-summary">
          {summary.mean === null ? (
            "No ratings yet."
          ) : (
            <>
              <span className="text-lg font-semibold">{summary.mean.toFixed(1)}</span> / 5 from {plural(summary.count, "rating")}
            </>
          )}
        </p>
        {reviews.length > 0 && (
          <ul className="space-y-2">
            {reviews.map((r, i) => (
              <li key={i} className="border-l-2 border-slate-200 pl-2">
                <Stars score={r.score} />{" "}
                <span className="text-xs text-slate-500">
                  {r.userName}
                  {r.mine ? " (you)" : ""}
                </span>
                <p className="break-words text-slate-700">{r.review}</p>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link href={`${productHref}/reviews`} className="text-brand-700 hover:underline">
            All reviews ({reviewCount} with text)
          </Link>
        </p>
        {canRate && (
          <form action={action} className="space-y-2 border-t border-slate-100 pt-3">
            <input type="hidden" name="productId" value={productId} />
            <input type="hidden" name="productHref" value={productHref} />
            <fieldset>
              <legend className="mb-1 text-sm font-medium text-slate-800">
                {mine ? "Your rating (you can change it)" : "Rate this product"}
              </legend>
              <div className="flex gap-3" aria-describedby="score-error">
                {[1, 2, 3, 4, 5].map((s) => (
                  <label key={s} className="flex items-center gap-1">
                    <input type="radio" name="score" value={s} defaultChecked={mine?.score === s} required /> {s}
                  </label>
                ))}
              </div>
              <FieldError id="score-error" errors={state?.errors?.score} />
            </fieldset>
            <label htmlFor="review" className="block text-sm font-medium text-slate-800">
              Review (optional)
            </label>
            <TextArea name="review" rows={2} maxLength={2000} defaultValue={mine?.review ?? ""} errors={state?.errors?.review} />
            <FieldError id="review-error" errors={state?.errors?.review} />
            <FormMessage state={state} />
            <SubmitButton pendingText="Saving…">{mine ? "Update rating" : "Submit rating"}</SubmitButton>
          </form>
        )}
      </div>
    </Card>
  );
}
