// Parses catalog search parameters (from the URL or the API) into a safe, bounded query object.
import { z } from "zod";
import { parsePage } from "@/lib/pagination";
import { CLASSIFICATIONS, LIFECYCLE_STATES } from "@/lib/products/types";
import { withoutControls } from "@/lib/text";
import { DOMAIN_SLUG } from "@/lib/validation/slug";

export const SORTS = ["relevance", "name", "updated", "domain", "usage"] as const;
export type Sort = (typeof SORTS)[number];

// Free text: PostgreSQL text cannot hold NUL (the query would fail with "invalid byte sequence"), and
// no control character means anything in a search box: withoutControls makes them spaces first.
export const searchParamsSchema = z.object({
  q: z.string().transform(withoutControls).pipe(z.string().trim().max(200)).optional().catch(undefined),
  domain: z.string().regex(DOMAIN_SLUG).optional().catch(undefined),
  classification: z.enum(CLASSIFICATIONS).optional().catch(undefined),
  lifecycle: z.enum(LIFECYCLE_STATES).optional().catch(undefined),
  owner: z.string().transform(withoutControls).pipe(z.string().trim().max(320)).optional().catch(undefined),
  tag: z.string().transform(withoutControls).pipe(z.string().trim().min(1).max(100)).optional().catch(undefined),
  sort: z.enum(SORTS).optional().catch(undefined),
  page: z.preprocess((v) => parsePage(v), z.number()),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).catch(20),
});

export type SearchQuery = z.infer<typeof searchParamsSchema>;

export function parseSearchParams(params: Record<string, string | string[] | undefined>): SearchQuery {
  const flat: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(params)) flat[k] = Array.isArray(v) ? v[0] : v;
  for (const k of Object.keys(flat)) if (flat[k] === "") flat[k] = undefined;
  return searchParamsSchema.parse(flat);
}

/**
 * Turns free text into a prefix tsquery ("cust loyal" → "cust:* & loyal:*") from word characters only,
 * so no user input ever reaches to_tsquery's syntax. Returns null when nothing searchable is left.
 */
export function toPrefixTsQuery(q: string | undefined): string | null {
  if (!q) return null;
  const tokens = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 8);
  if (tokens.length === 0) return null;
  return tokens.map((t) => `${t}:*`).join(" & ");
}

export type MatchReason = { where: "name" | "tag" | "field" | "description" | "owner"; text: string };

/** The query's words as the search matches them: lower-case word prefixes (as toPrefixTsQuery). */
export function queryWords(q: string | undefined): string[] {
  return (q ?? "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 8);
}

/**
 * Why a result matched the words, for the catalog to say so: the name, then tags, schema fields, owner
 * and description holding a word that starts with a query word. Empty for typo-only matches.
 */
export function matchReasons(
  q: string | undefined,
  p: { name: string; description: string; owner: string; tags: string[]; fields: string[] },
): MatchReason[] {
  const words = queryWords(q);
  if (words.length === 0) return [];
  const hits = (text: string) =>
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .some((w) => words.some((q) => w.startsWith(q)));
  const reasons: MatchReason[] = [];
  if (hits(p.name)) reasons.push({ where: "name", text: p.name });
  for (const t of p.tags) if (hits(t)) reasons.push({ where: "tag", text: t });
  for (const f of p.fields) if (hits(f)) reasons.push({ where: "field", text: f });
  if (hits(p.owner)) reasons.push({ where: "owner", text: p.owner });
  if (hits(p.description)) reasons.push({ where: "description", text: p.description });
  return reasons;
}
