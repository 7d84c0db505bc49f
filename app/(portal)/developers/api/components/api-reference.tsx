"use client";
// The OpenAPI document rendered by Swagger UI. swagger-ui-dist's prebuilt bundle (its own React inside,
// built upstream) is served from our origin like any chunk, so no CDN is involved and the portal's nonce CSP
// needs no exception: Next's nonce'd scripts load the chunk ('strict-dynamic'); the only inline styles it
// sets are allowed by the policy's style-src already. (swagger-ui-react's unbundled ES build loses the
// OpenAPI 3.1 resolver's `refract` registration in Turbopack; the prebuilt bundle does not.)
// It loads /api/v1/openapi.json itself and may send GET requests with the browser session.
import { useEffect, useRef, useState } from "react";
import "swagger-ui-dist/swagger-ui.css";
import "./api-reference.css";
import { labelControls } from "./label-controls";

export function ApiReference({ url }: { url: string }) {
  const node = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  useEffect(() => {
    let cancelled = false;
    const target = node.current;
    const observer = new MutationObserver(() => target && labelControls(target));
    import("swagger-ui-dist/swagger-ui-bundle.js")
      .then(({ default: SwaggerUIBundle }) => {
        if (cancelled || !target) return;
        SwaggerUIBundle({
          domNode: target,
          url,
          docExpansion: "list",
          defaultModelsExpandDepth: -1,
          supportedSubmitMethods: ["get"],
          deepLinking: false,
          validatorUrl: null,
          // Its highlighter's colours fail contrast on the dark code background; plain text does not.
          syntaxHighlight: false,
        });
        labelControls(target);
        observer.observe(target, { childList: true, subtree: true });
        setState("ready");
      })
      .catch(() => setState("failed"));
    return () => {
      cancelled = true;
      observer.disconnect();
      if (target) target.replaceChildren();
    };
  }, [url]);
  return (
    <>
      {state === "loading" && <p className="text-sm text-slate-600">Loading the API reference…</p>}
      {state === "failed" && (
        <p className="text-sm text-red-700" role="alert">
          The API reference could not be loaded. The document itself is at{" "}
          <a className="underline" href={url}>
            {url}
          </a>
          .
        </p>
      )}
      <div ref={node} className="api-reference" data-testid="api-reference" />
    </>
  );
}
