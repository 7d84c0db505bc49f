// The OpenAPI 3.1 document of REST API v1 (lib/api/openapi.ts). Public: it describes, it serves no data.
import { openApiDocument } from "@/lib/api/openapi";

export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}

// The methods this address does not serve: 405 problem+json with Allow; OPTIONS: the same Allow (lib/api/unserved.ts).
export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
  allowOptions as OPTIONS,
} from "@/lib/api/unserved";
