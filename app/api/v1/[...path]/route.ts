// Any /api/v1 path without a route of its own: 404 problem+json (a program gets JSON, not the portal's HTML page).
export const dynamic = "force-dynamic";

export { GET, POST, PUT, PATCH, DELETE, OPTIONS } from "@/lib/api/unserved";
