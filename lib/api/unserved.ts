// What REST API v1 answers outside its documented operations, as problem+json like every other refusal: a method a
// path does not serve (405, with the Allow header RFC 9110 requires, read from the OpenAPI document: the integration
// test keeps it in step with the route files) and a path it does not have (404; the catch-all app/api/v1/[...path]
// re-exports the same handlers); OPTIONS says the same Allow. Neither needs the caller's identity: both say only
// what the public document says.
import { OPERATIONS } from "./openapi";
import { problem } from "./problem";

const TEMPLATES = Object.entries(OPERATIONS).map(([template, ops]) => ({
  pattern: new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{\w+\}/g, "[^/]+")}/?$`),
  methods: Object.keys(ops).map((m) => m.toUpperCase()),
}));

/** The methods the document lists for a path (GET brings HEAD), or null for a path it does not have. */
export function allowedMethods(pathname: string): string[] | null {
  const matches = TEMPLATES.filter((t) => t.pattern.test(pathname));
  if (matches.length === 0) return null;
  const methods = new Set(matches.flatMap((t) => t.methods));
  if (methods.has("GET")) methods.add("HEAD");
  methods.add("OPTIONS");
  return ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].filter((m) => methods.has(m));
}

const NO_SUCH = "REST API v1 has no such endpoint: see /api/v1/openapi.json.";

export async function methodNotAllowed(request: Request): Promise<Response> {
  const pathname = new URL(request.url).pathname;
  const allowed = allowedMethods(pathname);
  if (!allowed) return problem(404, NO_SUCH, { instance: pathname });
  return problem(
    405,
    `${request.method} is not served at this address; it answers ${allowed.filter((m) => m !== "HEAD" && m !== "OPTIONS").join(" and ")}.`,
    { instance: pathname },
    { Allow: allowed.join(", ") },
  );
}

/**
 * OPTIONS: 204 with Allow from the document (Next's own OPTIONS would list every exported method, the 405
 * answers included).
 */
export async function allowOptions(request: Request): Promise<Response> {
  const pathname = new URL(request.url).pathname;
  const allowed = allowedMethods(pathname);
  if (!allowed) return problem(404, NO_SUCH, { instance: pathname });
  return new Response(null, { status: 204, headers: { Allow: allowed.join(", ") } });
}

/**
 * What a route file re-exports for the methods it does not serve (`export { PUT, DELETE, OPTIONS } from …`), and the
 * catch-all for every method: a path the document does not have is a 404 either way.
 */
export { methodNotAllowed as GET, methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH };
export { methodNotAllowed as DELETE, allowOptions as OPTIONS };
