// A product's compliance with its domain's effective policy: the latest validation's findings, the
// acknowledgement of its warnings, and earlier validations. Anyone who can see the product can read it;
// the buttons appear only for those allowed to use them (the actions check again on the server).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser, signedInTitle } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { productPath } from "@/lib/products/dto";
import { latestValidation, listValidations } from "@/lib/governance/compliance/validate-products.db";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { LifecycleBadge } from "@/components/ui/badge";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { ActionForm } from "./components/action-form";
import { ComplianceStatusBadge } from "@/components/governance/compliance-badges";
import { FindingsTable } from "./components/findings-table";
import { TRIGGER_LABELS } from "@/components/governance/format";
import { formatUtc } from "@/lib/format";
import { loadProduct } from "../load-product";
import { acknowledgeWarningsAction, validateNowAction } from "./actions";
import { parsePage } from "@/lib/pagination";
import { ProductBreadcrumb } from "@/app/(portal)/products/[domain]/[product]/components/product-breadcrumb";

type Params = Promise<{ domain: string; product: string }>;

const HISTORY_PAGE_SIZE = 10;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { domain, product } = await params;
  return signedInTitle(async () => {
    const p = await loadProduct(domain, product);
    return p ? `Compliance · ${p.name}` : "Data product not found";
  });
}

export default async function CompliancePage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const user = await requirePageUser();
  const { domain, product: name } = await params;
  const product = await loadProduct(domain, name);
  if (!product) notFound();
  const page = parsePage((await searchParams).page);

  const ref = { domain: product.domain, owner: product.owner };
  const basePath = productPath(product);
  const [latest, history] = await Promise.all([
    latestValidation(product.id),
    listValidations(product.id, { page, pageSize: HISTORY_PAGE_SIZE }),
  ]);
  const canValidate = can.validateProduct(user, ref) && product.lifecycle !== "retired";
  const canAcknowledge = can.acknowledgeWarnings(user, ref);
  const target = { domain: product.domain, name: product.name };

  return (
    <>
      <ProductBreadcrumb domain={product.domain} name={product.name} page="Compliance" />
      <PageHeader
        title="Compliance"
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="break-all font-medium text-slate-800">{product.name}</span>
            <span className="font-mono">v{product.version}</span>
            <LifecycleBadge value={product.lifecycle} />
            <ComplianceStatusBadge status={latest?.status ?? "unknown"} />
          </span>
        }
        actions={
          canValidate ? (
            <ActionForm action={validateNowAction} fields={target} label="Validate now" pendingText="Validating…" testId="validate-now" />
          ) : undefined
        }
      />

      {!latest ? (
        <EmptyState>
          This product has not been validated yet.{canValidate ? " Use “Validate now” to check it against its domain’s policy." : ""}
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <Card title="Latest validation">
            <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="validation-summary">
              <div>
                <dt className="text-slate-500">Errors</dt>
                <dd className="text-xl font-semibold text-red-700">{latest.errors}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Warnings</dt>
                <dd className="text-xl font-semibold text-amber-700">{latest.warnings}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Advice</dt>
                <dd className="text-xl font-semibold text-slate-700">{latest.infos}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Checked</dt>
                <dd className="text-slate-800">
                  <time dateTime={latest.createdAt}>{formatUtc(latest.createdAt)}</time>
                </dd>
              </div>
            </dl>
            <p className="mt-3 text-sm text-slate-600">
              Version {latest.productVersion} against the global policy v{latest.globalPolicyVersion ?? "?"}
              {latest.domainPolicyVersion !== null
                ? ` and the ${product.domainName} policy v${latest.domainPolicyVersion}`
                : ` (the ${product.domainName} domain has no policy of its own)`}
              . {TRIGGER_LABELS[latest.trigger] ?? latest.trigger}
              {latest.createdBy ? ` by ${latest.createdBy}` : ""}.
            </p>
            <PublishNote
              errors={latest.errors}
              warnings={latest.warnings}
              acknowledgedAt={latest.acknowledgedAt}
              acknowledgedBy={latest.acknowledgedBy}
            />
            {latest.warnings > 0 && !latest.acknowledgedAt && latest.errors === 0 && canAcknowledge && (
              <div className="mt-4">
                <ActionForm
                  action={acknowledgeWarningsAction}
                  fields={{ ...target, validationId: latest.id }}
                  label="Acknowledge warnings"
                  pendingText="Acknowledging…"
                  variant="secondary"
                  testId="acknowledge-warnings"
                >
                  <p className="text-sm text-slate-700">
                    I have reviewed the {latest.warnings === 1 ? "warning" : `${latest.warnings} warnings`} below and accept publishing with{" "}
                    {latest.warnings === 1 ? "it" : "them"}.
                  </p>
                </ActionForm>
              </div>
            )}
          </Card>

          <section aria-labelledby="findings-heading">
            <h2 id="findings-heading" className="mb-2 text-base font-semibold text-slate-900">
              Findings
            </h2>
            <FindingsTable findings={latest.findings} />
          </section>
        </div>
      )}

      {history.total > 0 && (
        <section aria-labelledby="history-heading" className="mt-8">
          <h2 id="history-heading" className="mb-2 text-base font-semibold text-slate-900">
            Validation history
          </h2>
          <Table>
            <thead>
              <tr>
                <Th>When (UTC)</Th>
                <Th>Why</Th>
                <Th>Version</Th>
                <Th>Result</Th>
                <Th>Errors</Th>
                <Th>Warnings</Th>
                <Th>Warnings acknowledged</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {history.rows.map((v) => (
                <tr key={v.id}>
                  <Td className="whitespace-nowrap">
                    <time dateTime={v.createdAt}>{formatUtc(v.createdAt)}</time>
                  </Td>
                  <Td className="whitespace-nowrap">
                    {TRIGGER_LABELS[v.trigger] ?? v.trigger}
                    {v.createdBy ? ` · ${v.createdBy}` : ""}
                  </Td>
                  <Td className="font-mono">{v.productVersion}</Td>
                  <Td>
                    <ComplianceStatusBadge status={v.status} />
                  </Td>
                  <Td>{v.errors}</Td>
                  <Td>{v.warnings}</Td>
                  <Td>
                    {v.acknowledgedAt ? `${v.acknowledgedBy ?? "Someone"}, ${formatUtc(v.acknowledgedAt)}` : v.warnings > 0 ? "No" : "—"}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} pageSize={HISTORY_PAGE_SIZE} total={history.total} basePath={`${basePath}/compliance`} params={{}} />
        </section>
      )}
    </>
  );
}

function PublishNote({
  errors,
  warnings,
  acknowledgedAt,
  acknowledgedBy,
}: {
  errors: number;
  warnings: number;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}) {
  const base = "mt-3 rounded-md px-3 py-2 text-sm";
  if (errors > 0) {
    return (
      <p className={`${base} bg-red-50 text-red-800`} role="status">
        Publishing is blocked until the {errors === 1 ? "error is" : `${errors} errors are`} fixed. Edit the product, then validate again.
      </p>
    );
  }
  if (warnings > 0 && !acknowledgedAt) {
    return (
      <p className={`${base} bg-amber-50 text-amber-900`} role="status">
        An owner must acknowledge the {warnings === 1 ? "warning" : "warnings"} before the product can be published.
      </p>
    );
  }
  if (warnings > 0) {
    return (
      <p className={`${base} bg-emerald-50 text-emerald-800`} role="status">
        Warnings acknowledged by {acknowledgedBy ?? "an owner"} on {formatUtc(acknowledgedAt!)}; the product may be published.
      </p>
    );
  }
  return (
    <p className={`${base} bg-emerald-50 text-emerald-800`} role="status">
      Nothing blocks publishing.
    </p>
  );
}
