// The REST API v1 reference: the portal's header, then Swagger UI rendering the same OpenAPI document
// /api/v1/openapi.json serves (see components/api-reference.tsx and README, "REST API v1").
import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/current-user";
import { PageHeader } from "@/components/ui/card";
import { ApiReference } from "./components/api-reference";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  await requirePageUser();
  return (
    <>
      <PageHeader
        title="REST API v1"
        description={
          <>
            OpenAPI 3.1 document:{" "}
            <a className="underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            . Authenticate with <code>Authorization: Bearer mp_…</code> (create one under{" "}
            <a className="underline" href="/tokens">
              API tokens
            </a>
            ) or your browser session. Errors are RFC 9457 <code>application/problem+json</code>.
          </>
        }
      />
      <ApiReference url="/api/v1/openapi.json" />
    </>
  );
}
