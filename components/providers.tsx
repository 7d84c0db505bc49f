"use client";
// Client-side providers: one TanStack Query client per browser tab.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { config as zodConfig } from "zod";
import { ActionBodyGuard } from "@/components/action-body-guard";

// zod compiles object schemas with `new Function` after probing whether eval is allowed; under the
// portal's CSP (no 'unsafe-eval') that probe is reported as a CSP violation although zod catches it.
// In the browser, where forms parse small inputs, the JIT is not worth a violation report: skip it.
if (typeof window !== "undefined") zodConfig({ jitless: true });

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1 } } }));
  return (
    <QueryClientProvider client={client}>
      <ActionBodyGuard />
      {children}
    </QueryClientProvider>
  );
}
