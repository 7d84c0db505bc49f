// The OpenAPI 3.1 document of REST API v1 (lib/api/openapi.ts). Public: it describes, it serves no data.
import { openApiDocument } from "@/lib/api/openapi";

export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}

// Methods this address does not serve: 405 problem+json with Allow; OPTIONS: that Allow (lib/api/unserved.ts).
export { POST, PUT, PATCH, DELETE, OPTIONS } from "@/lib/api/unserved";
