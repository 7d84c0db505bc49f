// The REST API v1 reference, rendered on the server from the same OpenAPI document /api/v1/openapi.json
// serves (no third-party renderer yet: see README, "REST API v1").
import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/current-user";
import { OPERATIONS } from "@/lib/api/openapi";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";

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
      <div className="space-y-4">
        {Object.entries(OPERATIONS).flatMap(([path, ops]) =>
          Object.entries(ops).map(([method, op]) => (
            <Card key={`${method} ${path}`} title={<span className="font-mono text-sm">{`${method.toUpperCase()} ${path}`}</span>}>
              <p className="text-sm text-slate-800">
                <Badge tone="blue">{op!.tags[0]}</Badge> {op!.summary}
              </p>
              {op!.description && <p className="mt-1 text-sm text-slate-600">{op!.description}</p>}
              {op!.parameters && op!.parameters.length > 0 && (
                <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
                  {op!.parameters.map((p) => (
                    <li key={`${p.in}-${p.name}`}>
                      <code>{p.name}</code> ({p.in}
                      {p.required ? ", required" : ""}) {p.description}
                    </li>
                  ))}
                </ul>
              )}
              <p className="mt-2 text-xs text-slate-500">
                Responses:{" "}
                {Object.entries(op!.responses)
                  .map(([status, r]) => `${status} ${r.description}`)
                  .join(" · ")}
              </p>
            </Card>
          )),
        )}
      </div>
    </>
  );
}
