import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import a data product" };

export default async function ImportPage() {
  await requirePageUser();
  return (
    <>
      <PageHeader
        title="Import a data product"
        description="Paste or upload a DataProduct YAML (the portal's export format) or an Open Data Contract Standard v3.1 contract. A new name registers a draft; an existing product gets a new version, checked against its semantic-versioning rules."
      />
      <ImportForm />
    </>
  );
}
