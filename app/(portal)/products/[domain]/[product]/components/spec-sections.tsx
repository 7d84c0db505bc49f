// Tabs that show parts of the current spec as they are: schema, service levels, access and lineage.
import { Fragment } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { AccessGrant, Lineage, ProductField, ServiceLevelObjectives } from "@/lib/products/types";
import type { ProductDataset } from "@/lib/products/dto";
import { formatMinutes } from "./format";
import { formatAvailability, sloVerdicts, type SloActuals } from "@/lib/metrics/slo-actuals";

export function SchemaSection({ fields }: { fields: ProductField[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>#</Th>
          <Th>Name</Th>
          <Th>Type</Th>
          <Th>Required</Th>
          <Th>Personal data</Th>
          <Th>Description</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {fields.map((f, i) => (
          <tr key={f.name}>
            <Td className="text-slate-500">{i + 1}</Td>
            <Td className="font-mono whitespace-nowrap">{f.name}</Td>
            <Td className="font-mono">{f.type}</Td>
            <Td>{f.required ? "Yes" : "No"}</Td>
            <Td>{f.pii ? <Badge tone="red">PII</Badge> : <span className="text-slate-400">—</span>}</Td>
            <Td className="min-w-48">{f.description}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Every dataset of the contract with its properties; nested ones indented under their parent. */
export function DatasetsSection({ datasets }: { datasets: ProductDataset[] }) {
  return (
    <div className="space-y-6" data-testid="datasets">
      {datasets.map((d, i) => (
        <Card key={`${d.name}-${i}`} title={`${d.name}${d.physicalType ? ` (${d.physicalType})` : ""}`}>
          {d.description && <p className="mb-3 text-sm text-slate-600">{d.description}</p>}
          {d.properties.length === 0 ? (
            <EmptyState>No properties declared.</EmptyState>
          ) : (
            <Table>
              <thead>
                <tr>
                  <Th>Property</Th>
                  <Th>Logical type</Th>
                  <Th>Physical type</Th>
                  <Th>Keys</Th>
                  <Th>Classification</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {d.properties.map((p) => (
                  <tr key={p.path}>
                    <Td className="font-mono whitespace-nowrap">
                      <span style={{ paddingLeft: `${p.depth * 1.25}rem` }}>{p.name}</span>
                      {p.required && (
                        <span className="ml-1 text-red-700" title="required">
                          *
                        </span>
                      )}
                    </Td>
                    <Td className="font-mono">{p.logicalType ?? "—"}</Td>
                    <Td className="font-mono">{p.physicalType ?? "—"}</Td>
                    <Td>{[p.primaryKey && "primary key", p.unique && "unique"].filter(Boolean).join(", ") || "—"}</Td>
                    <Td>
                      {p.classification ?? ""} {p.pii && <Badge tone="red">PII</Badge>}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      ))}
    </div>
  );
}

export function SloSection({ slo, actuals }: { slo: ServiceLevelObjectives; actuals: SloActuals }) {
  const v = sloVerdicts(slo, actuals);
  const items = [
    {
      key: "availability",
      label: "Availability",
      value: `${slo.availability}%`,
      hint: "of the time, the data can be read",
      verdict: v.availability,
      actual: (n: number) => `${formatAvailability(n)} of ${actuals.samples.toLocaleString("en")} requests and probes`,
    },
    {
      key: "latency",
      label: "Latency",
      value: `${slo.latencyMs} ms`,
      hint: "at most, to answer a query",
      verdict: v.latencyMs,
      actual: (n: number) =>
        `${Math.round(n).toLocaleString("en")} ms for the slowest 1 in 20 of ${actuals.requests.toLocaleString("en")} reads`,
    },
    {
      key: "freshness",
      label: "Freshness",
      value: formatMinutes(slo.freshnessMinutes),
      hint: "at most, between a change at the source and the data",
      verdict: v.freshnessMinutes,
      actual: (n: number) => (n < 1 ? "last loaded less than a minute ago" : `last loaded ${formatMinutes(n)} ago`),
    },
  ];
  return (
    <>
      <dl className="grid gap-4 sm:grid-cols-3">
        {items.map((item) => (
          // A <div> (not a Card's <section>): a description list may hold only dt/dd groups wrapped in divs.
          <div key={item.label} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5" data-testid={`slo-${item.key}`}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{item.label}</dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900">{item.value}</dd>
            <dd className="mt-1 text-xs text-slate-500">{item.hint}</dd>
            <dd className="mt-3 text-sm" data-testid="slo-actual">
              {item.verdict.actual === null ? (
                <span className="text-slate-600">Not measured in the last {actuals.days} days</span>
              ) : (
                <>
                  <Badge tone={item.verdict.meets ? "green" : "red"}>{item.verdict.meets ? "Met" : "Missed"}</Badge>{" "}
                  <span className="text-slate-700">{item.actual(item.verdict.actual)}</span>
                </>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-xs text-slate-500">
        Actuals: the last {actuals.days} days of this product&apos;s data API, health probes and loads.
      </p>
    </>
  );
}

export function AccessSection({ access }: { access: AccessGrant[] }) {
  if (access.length === 0) return <EmptyState>No role has been granted access yet.</EmptyState>;
  return (
    <Table>
      <thead>
        <tr>
          <Th>Role</Th>
          <Th>Permissions</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {access.map((grant) => (
          <tr key={grant.role}>
            <Td className="font-mono">{grant.role}</Td>
            <Td>
              <span className="flex flex-wrap gap-1">
                {grant.permissions.map((p) => (
                  <Badge key={p} tone="blue">
                    {p}
                  </Badge>
                ))}
              </span>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

// Data flows from the sources through the transformations into the product: stacked on a phone, in a row
// on wider screens.
export function LineageSection({ lineage, productName }: { lineage: Lineage; productName: string }) {
  const steps = [
    { title: "Sources", items: lineage.sources },
    { title: "Transformations", items: lineage.transformations },
    { title: "Data product", items: [productName] },
  ];
  return (
    <ol className="flex flex-col items-stretch gap-2 md:flex-row md:items-center" aria-label="Lineage">
      {steps.map((step, i) => (
        <Fragment key={step.title}>
          {i > 0 && (
            <li aria-hidden className="text-center text-xl text-slate-400">
              <span className="md:hidden">↓</span>
              <span className="hidden md:inline">→</span>
            </li>
          )}
          <li className="flex-1 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{step.title}</h3>
            {step.items.length > 0 ? (
              <ul className="space-y-1 text-sm">
                {step.items.map((item, j) => (
                  <li key={`${j}-${item}`} className="break-words font-mono">
                    {item}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">None listed</p>
            )}
          </li>
        </Fragment>
      ))}
    </ol>
  );
}
