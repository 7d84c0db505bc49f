// POST /api/v1/products/batch: register up to 1,000 documents (ODCS, ODPS or DataProduct YAML) in one
// transaction, all or nothing; documents whose product exists become new versions after the batch commits.
// `meshport apply -f <dir>` sends its documents here in chunks. (A static segment: Next matches it before
// [domain], and a domain called "batch" is still reached at /api/v1/products/batch/<name>, one level deeper.)
import { apiRoute, JSON_HEADERS, readText } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { parseBatchBody } from "@/lib/api/batch-body";
import { importContracts } from "@/lib/products/import-contracts";
import { MAX_BATCH_BYTES } from "@/lib/products/import-limits";

export const dynamic = "force-dynamic";

const href = (p: { domain: string; name: string }) => `/products/${p.domain}/${p.name}`;

export const POST = apiRoute(async (request, caller) => {
  // The scope first (a read-only token never makes the server read 16 MB); the domains once the batch is parsed.
  await requireScope(caller, "write");
  const url = new URL(request.url);
  const choices = { domain: url.searchParams.get("domain") ?? undefined, owner: url.searchParams.get("owner") ?? undefined };
  const documents = parseBatchBody(await readText(request, MAX_BATCH_BYTES));
  const result = await importContracts(caller.user, documents, choices, {
    authorize: async (domains) => {
      for (const d of domains) await requireScope(caller, "write", d);
    },
  });
  return Response.json(
    {
      registered: result.registered,
      products: result.products.map((p) => ({
        document: p.document,
        domain: p.domain,
        name: p.name,
        version: p.version,
        status: p.status,
        errors: p.errors,
        warnings: p.warnings,
        href: href(p),
      })),
      versioned: result.versioned.map((v) => ({
        document: v.document,
        action: v.action,
        domain: v.domain,
        name: v.name,
        version: v.version,
        ...(v.status !== undefined ? { status: v.status, errors: v.errors, warnings: v.warnings } : {}),
        href: href(v),
      })),
      refused: result.refused.map((r) => ({ ...r, href: href(r) })),
    },
    { status: result.registered > 0 ? 201 : 200, headers: JSON_HEADERS },
  );
});

// Methods this address does not serve: 405 problem+json with Allow; OPTIONS: that Allow (lib/api/unserved.ts).
export { GET, PUT, PATCH, DELETE, OPTIONS } from "@/lib/api/unserved";
