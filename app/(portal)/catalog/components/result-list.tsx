// One catalog result per row: enough to pick a product without opening it. The rows are prepared here and
// rendered by a client component (result-items.tsx: a lighter page, see there).
import { productPath } from "@/lib/products/dto";
import type { SearchHit } from "@/lib/products/search";
import { matchReasons } from "@/lib/products/search-query";
import { plural } from "@/lib/format";
import { ResultItems, type ResultItem } from "./result-items";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** A hit as the row shows it: "Matched field customer_email" lists the reasons beyond the name (in plain sight). */
export function resultItem(p: SearchHit, q: string): ResultItem {
  const all = q ? matchReasons(q, p) : [];
  return {
    id: p.id,
    href: productPath(p),
    name: p.name,
    domain: p.domain,
    version: p.version,
    classification: p.classification,
    lifecycle: p.lifecycle,
    sunsetOn: p.sunsetOn,
    description: p.description,
    reasons: all
      .filter((r) => r.where !== "name" && r.where !== "description")
      .slice(0, 4)
      .map((r) => ({ where: r.where, text: r.text })),
    inDescription: all.some((r) => r.where === "description"),
    owner: p.owner,
    updatedAt: p.updatedAt,
    updatedLabel: dateFormat.format(new Date(p.updatedAt)),
    reads: p.reads30d === 0 ? "Not read in 30 days" : `${plural(p.reads30d, "read")} in 30 days`,
    tags: p.tags,
  };
}

export function ResultList({ items, q = "" }: { items: SearchHit[]; q?: string }) {
  return <ResultItems items={items.map((p) => resultItem(p, q))} />;
}
