// Details tab: the product's facts (owner, domain, version, template, dates) and what it declares to
// governance. The description leads the page itself.
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, ClassificationBadge, LifecycleBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { ProductDetail } from "@/lib/products/dto";
import type { GovernanceDeclarations } from "@/lib/products/types";
import { formatDate } from "./format";

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export function OverviewSection({ product }: { product: ProductDetail }) {
  return (
    <div className="space-y-4">
      <Card title="Details">
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-3">
          <Item label="Owner">
            <a className="text-brand-700 hover:underline" href={`mailto:${product.owner}`}>
              {product.owner}
            </a>
          </Item>
          <Item label="Domain">
            <Link className="text-brand-700 hover:underline" href={`/domains/${product.domain}`}>
              {product.domainName}
            </Link>
          </Item>
          <Item label="Current version">
            <span className="font-mono">{product.version}</span>
          </Item>
          <Item label="Classification">
            <ClassificationBadge value={product.classification} />
          </Item>
          <Item label="Lifecycle">
            <LifecycleBadge value={product.lifecycle} />
            {product.lifecycle === "deprecated" && product.sunsetOn && (
              <span className="ml-2">
                Sunset on <time dateTime={product.sunsetOn}>{product.sunsetOn}</time>
              </span>
            )}
          </Item>
          <Item label="Template">{product.template ? `${product.template.name} (version ${product.template.version})` : "None"}</Item>
          <Item label="Tags">
            {product.tags.length > 0 ? (
              <span className="flex flex-wrap gap-1">
                {product.tags.map((t) => (
                  <Badge key={t}>{t}</Badge>
                ))}
              </span>
            ) : (
              "None"
            )}
          </Item>
          <Item label="Created">
            <time dateTime={product.createdAt}>{formatDate(product.createdAt)}</time>
          </Item>
          <Item label="Updated">
            <time dateTime={product.updatedAt}>{formatDate(product.updatedAt)}</time>
          </Item>
          <Item label="Published">
            {product.publishedAt ? <time dateTime={product.publishedAt}>{formatDate(product.publishedAt)}</time> : "Not yet"}
          </Item>
        </dl>
      </Card>
      <Card title="Governance declarations">
        <GovernanceList governance={product.spec.governance} />
      </Card>
    </div>
  );
}

function yesNo(value: boolean | undefined): string {
  return value === undefined ? "Not declared" : value ? "Yes" : "No";
}

function GovernanceList({ governance }: { governance: GovernanceDeclarations | undefined }) {
  const g = governance ?? {};
  return (
    <dl className="grid grid-cols-2 gap-4">
      <Item label="Encrypted at rest">{yesNo(g.encryption)}</Item>
      <Item label="Supports erasure requests">{yesNo(g.erasure)}</Item>
      <Item label="Retention">{g.retention ? g.retention.replace("_", " ") : "Not declared"}</Item>
      <Item label="Processing purpose">{g.purpose ?? "Not declared"}</Item>
    </dl>
  );
}
