import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { writableDomains } from "@/lib/auth/permissions";
import { listDomainOptions, listOwnerOptions } from "@/lib/domains/service";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import a data product" };

export default async function ImportPage() {
  const user = await requirePageUser();
  const domains = await listDomainOptions(writableDomains(user));
  const owners = await listOwnerOptions(domains.map((d) => d.slug));
  return (
    <>
      <PageHeader
        title="Import a data product"
        description="Paste or upload an Open Data Contract Standard contract (v3.0.x or v3.1), an ODPS v1.0 product document or the portal's DataProduct YAML. Preview shows what will be created and anything adapted or defaulted; a contract whose id the portal already holds becomes a new version of that product."
      />
      <ImportForm domains={domains} owners={owners} />
    </>
  );
}
