// The policy editors' server actions (global and domain): read the form, then preview the impact or
// save a new version. Authorization and validation happen in the services; this maps their outcomes to
// an ActionState the editors render (field errors, impact, conflict).
import "server-only";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import type { ActionState } from "@/lib/errors";
import { number, text } from "@/lib/validation/form-data";
import { serverAction, type ServerAction } from "@/lib/server-action";
import { previewPolicyChange, type PreviewTarget } from "@/lib/governance/impact/preview-impact.db";
import { domainSpecFromForm, globalSpecFromForm } from "@/lib/governance/policies/form";
import type { PolicyInput } from "@/lib/governance/policies/input";
import { PolicyConflictError, updateGlobalPolicy, upsertDomainPolicy } from "@/lib/governance/policies/update-policy.db";

function inputFrom(target: PreviewTarget, fd: FormData): PolicyInput {
  if (text(fd, "format") === "yaml") return { yaml: text(fd, "yaml") };
  return { spec: target.scope === "global" ? globalSpecFromForm(fd) : domainSpecFromForm(fd) };
}

/** A stale editor: the state carries the other change, so the editor can show it next to the user's. */
function conflictState(e: unknown): ActionState | undefined {
  return e instanceof PolicyConflictError ? { ok: false, message: e.message, data: { conflict: e.conflict } } : undefined;
}

/** The editor's action for the policy `targetOf` names in the form (null: the form is out of date). */
export function policyAction(targetOf: (fd: FormData) => PreviewTarget | null): ServerAction {
  return serverAction(
    requireUser,
    async (user, fd) => {
      const target = targetOf(fd);
      if (!target) return { ok: false, message: "This form is out of date. Reload the page." };
      const fingerprint = text(fd, "fingerprint");
      const input = inputFrom(target, fd);
      if (text(fd, "intent") === "preview") {
        const impact = await previewPolicyChange(user, target, input);
        const message =
          impact.affectedCount === 0
            ? "Preview ready: no product would become non-compliant. You can save."
            : `Preview ready: ${impact.affectedCount} product${impact.affectedCount === 1 ? "" : "s"} would become non-compliant. Review them, then save or adjust.`;
        return { ok: true, message, data: { impact, fingerprint } };
      }
      const save = { ...input, expectedVersion: number(fd, "expectedVersion") ?? Number.NaN, note: text(fd, "note") };
      const result = target.scope === "global" ? await updateGlobalPolicy(user, save) : await upsertDomainPolicy(user, target.slug, save);
      // Compliance of products anywhere may have changed, so every cached page is stale.
      revalidatePath("/", "layout");
      // The products it applies to are re-validated by the worker; the editor polls that run's progress.
      return {
        ok: true,
        message: `Saved version ${result.version} (${result.changes.length} change${result.changes.length === 1 ? "" : "s"}).`,
        data: { savedVersion: result.version, revalidationRunId: result.revalidation.runId, revalidationTotal: result.revalidation.total },
      };
    },
    { mapError: conflictState },
  );
}
