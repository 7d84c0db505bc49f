"use client";
// The OpenAPI document rendered by Swagger UI (swagger-ui-react, bundled by Next: no CDN, and under the
// portal's nonce CSP its chunks load through 'strict-dynamic'). It runs in the browser only (it needs
// `window`), loads /api/v1/openapi.json itself, and may send GET requests with the browser session.
import dynamic from "next/dynamic";
import "swagger-ui-react/swagger-ui.css";
import "./api-reference.css";

const SwaggerUI = dynamic(() => import("swagger-ui-react"), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-600">Loading the API reference…</p>,
});

export function ApiReference({ url }: { url: string }) {
  return (
    <div className="api-reference" data-testid="api-reference">
      <SwaggerUI url={url} docExpansion="list" defaultModelsExpandDepth={-1} supportedSubmitMethods={["get"]} />
    </div>
  );
}
