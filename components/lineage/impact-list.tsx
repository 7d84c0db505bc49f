// Who a change reaches (lib/lineage impactOfChange), shown in the confirmation of a deprecation, retirement
// or breaking version: downstream products with their owners, holders of live grants, recent readers.
import Link from "next/link";
import type { ImpactOfChange } from "@/lib/lineage/types";

const MAX_SHOWN = 10;

function More({ count }: { count: number }) {
  return count > MAX_SHOWN ? <li className="text-slate-600">and {count - MAX_SHOWN} more</li> : null;
}

export function ImpactList({ impact }: { impact: ImpactOfChange }) {
  const { downstream, grantHolders, recentReaders } = impact;
  if (downstream.length + grantHolders.length + recentReaders.length === 0) {
    return (
      <p className="text-sm text-slate-700" data-testid="impact-list">
        Nobody is affected: no product reads from it, nobody holds a live grant and nobody read it in the last 30 days.
      </p>
    );
  }
  return (
    <div className="space-y-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="impact-list">
      <p className="font-medium">Who this reaches</p>
      {downstream.length > 0 && (
        <section aria-label="Downstream products">
          <h3 className="font-medium">
            {downstream.length} downstream product{downstream.length === 1 ? "" : "s"}
          </h3>
          <ul className="ml-5 list-disc">
            {downstream.slice(0, MAX_SHOWN).map((p) => (
              <li key={p.id}>
                <Link href={`/products/${p.domain}/${p.name}`} className="font-mono underline">
                  {p.domain}/{p.name}
                </Link>{" "}
                — {p.owner}
                {p.lifecycle === "retired" ? " (retired)" : ""}
                {p.depth > 1 ? ` (${p.depth} steps away)` : ""}
              </li>
            ))}
            <More count={downstream.length} />
          </ul>
        </section>
      )}
      {grantHolders.length > 0 && (
        <section aria-label="Live access grants">
          <h3 className="font-medium">
            {grantHolders.length} holder{grantHolders.length === 1 ? "" : "s"} of a live access grant
          </h3>
          <ul className="ml-5 list-disc">
            {grantHolders.slice(0, MAX_SHOWN).map((g) => (
              <li key={g.userId}>
                {g.name} ({g.email})
              </li>
            ))}
            <More count={grantHolders.length} />
          </ul>
        </section>
      )}
      {recentReaders.length > 0 && (
        <section aria-label="Recent readers">
          <h3 className="font-medium">
            {recentReaders.length} reader{recentReaders.length === 1 ? "" : "s"} in the last 30 days
          </h3>
          <ul className="ml-5 list-disc">
            {recentReaders.slice(0, MAX_SHOWN).map((r) => (
              <li key={r.userId}>
                {r.name} ({r.email}) — {r.reads} read{r.reads === 1 ? "" : "s"}
              </li>
            ))}
            <More count={recentReaders.length} />
          </ul>
        </section>
      )}
    </div>
  );
}
