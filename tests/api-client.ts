// REST API v1 over its route handlers, as the integration tests call it: a real Request (with a bearer token)
// to the route file's handler, and every answer checked against the OpenAPI document (status listed, content
// type listed, body valid against the schema).
import { readdirSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { expect } from "vitest";
import { OPERATIONS, openApiDocument } from "@/lib/api/openapi";

const ROOT = path.resolve(import.meta.dirname, "..");
export const ORIGIN = "http://portal.test";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes: Record<string, Record<string, Handler>> = {};
async function route(template: string): Promise<Record<string, Handler>> {
  const file = path.join(ROOT, "app", template.replace(/^\//, "").replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
  routes[template] ??= (await import(file)) as Record<string, Handler>;
  return routes[template];
}

const doc = openApiDocument() as { paths: typeof OPERATIONS; components: { schemas: Record<string, unknown> } };
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: "openapi", components: doc.components });

export type CallOptions = {
  params?: Record<string, string>;
  query?: string;
  token?: string;
  body?: string;
  headers?: Record<string, string>;
};
export type Answer = { status: number; headers: Headers; text: string; json: () => Record<string, unknown> };

/** Calls `METHOD template` and checks the answer against the document; returns the response and its body. */
export async function call(method: "GET" | "POST" | "PATCH", template: string, opts: CallOptions = {}): Promise<Answer> {
  const params = opts.params ?? {};
  const urlPath = template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k]));
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await (
    await route(template)
  )[method](new Request(`${ORIGIN}${urlPath}${opts.query ? `?${opts.query}` : ""}`, { method, headers, body: opts.body }), {
    params: Promise.resolve(params),
  });
  const text = await res.text();
  const op = doc.paths[template]?.[method.toLowerCase() as "get"];
  expect(op, `${method} ${template} is in the OpenAPI document`).toBeDefined();
  const documented = op!.responses[String(res.status)];
  expect(documented, `${method} ${template} answered ${res.status}, which the document does not list: ${text.slice(0, 200)}`).toBeDefined();
  const type = (res.headers.get("content-type") ?? "").split(";")[0];
  if (documented.content) expect(Object.keys(documented.content), `${method} ${template} ${res.status} content type`).toContain(type);
  const schema = documented.content?.[type]?.schema;
  if (schema && (type === "application/json" || type === "application/problem+json")) {
    const validate = ajv.compile({
      $ref: `openapi${(schema as { $ref?: string }).$ref ?? ""}`,
      ...((schema as { $ref?: string }).$ref ? {} : schema),
    });
    const ok = validate(JSON.parse(text));
    expect(ok, `${method} ${template} ${res.status} body: ${ajv.errorsText(validate.errors)} in ${text.slice(0, 300)}`).toBe(true);
  }
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

/**
 * The route handler Next would run for a concrete path under app/ (a static segment first, then `[param]`, then
 * `[...rest]`), with its params: for tests that send a path rather than a documented template.
 */
export async function handlerForPath(pathname: string): Promise<{ handlers: Record<string, Handler>; params: Record<string, string> }> {
  const params: Record<string, string> = {};
  let dir = path.join(ROOT, "app");
  const segments = pathname.replace(/^\//, "").split("/");
  for (let i = 0; i < segments.length; i++) {
    const entries = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    const segment = decodeURIComponent(segments[i]);
    const dynamic = entries.find((e) => /^\[\w+\]$/.test(e));
    const rest = entries.find((e) => /^\[\.\.\.\w+\]$/.test(e));
    if (entries.includes(segment)) dir = path.join(dir, segment);
    else if (dynamic) {
      params[dynamic.slice(1, -1)] = segment;
      dir = path.join(dir, dynamic);
    } else if (rest) {
      dir = path.join(dir, rest);
      break;
    } else throw new Error(`no route for ${pathname}`);
  }
  return { handlers: (await import(path.join(dir, "route.ts"))) as Record<string, Handler>, params };
}
