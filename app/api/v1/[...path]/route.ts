// Any /api/v1 path without a route of its own: 404 problem+json (a program gets JSON, not the portal's HTML page).
import { noSuchEndpoint } from "@/lib/api/unserved";

export const dynamic = "force-dynamic";

export {
  noSuchEndpoint as GET,
  noSuchEndpoint as POST,
  noSuchEndpoint as PUT,
  noSuchEndpoint as PATCH,
  noSuchEndpoint as DELETE,
  noSuchEndpoint as OPTIONS,
};
