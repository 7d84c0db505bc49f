import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/current-user";
import { writableDomains } from "@/lib/auth/permissions";
import { listDomainOptions, listOwnerOptions } from "@/lib/domains/service";
import { listTemplates } from "@/lib/platform/templates";
import { PageHeader } from "@/components/ui/card";
import { ProductForm } from "@/components/products/product-form";
import { blankSpec, specFromTemplate } from "@/lib/products/blank-spec";
import { registerProductAction } from "./actions";
import { listUpstreamOptions } from "@/lib/lineage/server";

export const metadata: Metadata = { title: "Register a data product" };

export default async function NewProductPage({ searchParams }: { searchParams: Promise<{ template?: string; domain?: string }> }) {
  const user = await requirePageUser();
  const { template, domain } = await searchParams;
  const options = await listDomainOptions(writableDomains(user));
  if (options.length === 0) forbidden();
  const allowed = options.map((d) => d.slug);
  const [templates, owners, upstreamProducts] = await Promise.all([listTemplates(), listOwnerOptions(allowed), listUpstreamOptions()]);
  const chosen = templates.find((t) => t.key === template);
  const startDomain = domain && allowed.includes(domain) ? domain : options[0].slug;
  const initial = chosen ? specFromTemplate(chosen, startDomain, user.email) : blankSpec(startDomain, user.email);
  return (
    <>
      <PageHeader
        title="Register a data product"
        description={
          chosen ? (
            <>
              Pre-filled from the <strong>{chosen.name}</strong> template (version {chosen.version}).
            </>
          ) : (
            "Describe the product; it starts as a draft you can submit for review."
          )
        }
        actions={
          <Link className="text-sm text-brand-700 hover:underline" href="/products/import">
            Import YAML or ODCS instead
          </Link>
        }
      />
      <nav aria-label="Templates" className="mb-6 flex flex-wrap gap-2 text-sm">
        <span className="py-1 text-slate-600">Start from a template:</span>
        <Link
          href="/products/new"
          className={`rounded-full px-3 py-1 ring-1 ${!chosen ? "bg-brand-600 text-white ring-brand-600" : "ring-slate-300 hover:bg-slate-100"}`}
        >
          Blank
        </Link>
        {templates.map((t) => (
          <Link
            key={t.key}
            href={`/products/new?template=${t.key}`}
            className={`rounded-full px-3 py-1 ring-1 ${chosen?.key === t.key ? "bg-brand-600 text-white ring-brand-600" : "ring-slate-300 hover:bg-slate-100"}`}
          >
            {t.name}
          </Link>
        ))}
      </nav>
      <ProductForm
        upstreamProducts={upstreamProducts}
        key={chosen?.key ?? "blank"}
        mode="create"
        action={registerProductAction}
        initial={initial}
        domains={options}
        owners={owners}
        roleSuggestions={["data_consumer", "data_producer", "data_admin"]}
        templateKey={chosen?.key}
      />
    </>
  );
}
