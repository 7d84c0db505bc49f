"use client";
// "Follow" on the product page: followers hear of the product's deprecation and breaking versions.
import { useActionState } from "react";
import { followAction } from "@/app/(portal)/notifications/actions";
import { SubmitButton } from "@/components/ui/submit-button";

export function FollowButton({ productId, path, following }: { productId: string; path: string; following: boolean }) {
  const [state, action] = useActionState(followAction, null);
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="path" value={path} />
      <input type="hidden" name="follow" value={following ? "false" : "true"} />
      <SubmitButton variant="secondary" pendingText={following ? "Unfollowing…" : "Following…"}>
        {following ? "Unfollow" : "Follow"}
      </SubmitButton>
      <span aria-live="polite" className={state && !state.ok ? "text-xs text-red-700" : "sr-only"}>
        {state?.message}
      </span>
    </form>
  );
}
