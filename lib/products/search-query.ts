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
const text = (max: number, min = 0) =>
  z
    .string()
    .transform(withoutControls)
    .pipe(z.string().trim().min(min, "Not empty.").max(max, `At most ${max} characters.`));

// The filters, once: the catalog page drops a value that does not fit, REST API v1 refuses it (messages for the API).
const FILTERS = {
  q: text(200),
  domain: z.string().regex(DOMAIN_SLUG, "A domain slug: lowercase letters, digits and hyphens."),
  classification: z.enum(CLASSIFICATIONS, { error: `One of ${CLASSIFICATIONS.join(", ")}.` }),
  lifecycle: z.enum(LIFECYCLE_STATES, { error: `One of ${LIFECYCLE_STATES.join(", ")}.` }),
  owner: text(320),
  tag: text(100, 1),
  sort: z.enum(SORTS, { error: `One of ${SORTS.join(", ")}.` }),
};
const dropped = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const searchParamsSchema = z.object({
  q: dropped(FILTERS.q),
  domain: dropped(FILTERS.domain),
  classification: dropped(FILTERS.classification),
  lifecycle: dropped(FILTERS.lifecycle),
  owner: dropped(FILTERS.owner),
  tag: dropped(FILTERS.tag),
  sort: dropped(FILTERS.sort),
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

const wholeNumber = (max: number | null, message: string) =>
  z
    .string()
    .regex(/^\d+$/, message)
    .refine((v) => Number(v) >= 1 && (max === null || Number(v) <= max), message);

// What REST API v1 accepts: the same filters, nothing else, and page numbers that mean what they say.
const strictSearchParamsSchema = z
  .object(FILTERS)
  .partial()
  .extend({
    page: wholeNumber(null, "A whole number from 1.").optional(),
    pageSize: wholeNumber(100, "A whole number from 1 to 100.").optional(),
  })
  .strict();
const SEARCH_PARAMETERS = Object.keys(strictSearchParamsSchema.shape);

/**
 * REST API v1's reading of the catalog parameters: the query, or the errors keyed by parameter (an unknown
 * parameter, a value out of range or not one of the allowed ones) instead of the page's quiet defaults.
 */
export function parseSearchParamsStrict(
  params: Record<string, string>,
): { ok: true; query: SearchQuery } | { ok: false; errors: Record<string, string[]> } {
  const given = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== ""));
  const checked = strictSearchParamsSchema.safeParse(given);
  if (checked.success) return { ok: true, query: parseSearchParams(given) };
  const errors: Record<string, string[]> = {};
  for (const issue of checked.error.issues) {
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [String(issue.path[0] ?? "query")];
    const message =
      issue.code === "unrecognized_keys" ? `Not a parameter of this endpoint; it takes ${SEARCH_PARAMETERS.join(", ")}.` : issue.message;
    for (const key of keys) if (!errors[key]?.includes(message)) (errors[key] ??= []).push(message);
  }
  return { ok: false, errors };
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
