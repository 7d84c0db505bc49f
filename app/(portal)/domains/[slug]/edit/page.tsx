import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getDomain } from "@/lib/domains/service";
import { PageHeader } from "@/components/ui/card";
import { DomainForm } from "../../components/domain-form";
import { updateDomainAction } from "../../actions";

export const metadata: Metadata = { title: "Edit domain" };

export default async function EditDomainPage({ params }: { params: Promise<{ slug: string }> }) {
  const user = await requirePageUser();
  if (!can.manageDomains(user)) forbidden();
  const { slug } = await params;
  const domain = await getDomain(slug);
  if (!domain) notFound();
  // Archived domains are read-only: the detail page explains why.
  if (domain.status === "archived") redirect(`/domains/${domain.slug}`);
  return (
    <>
      <PageHeader title={`Edit ${domain.name}`} description={<span className="font-mono">{domain.slug}</span>} />
      <DomainForm
        mode="edit"
        action={updateDomainAction}
        cancelHref={`/domains/${domain.slug}`}
        initial={{
          slug: domain.slug,
          name: domain.name,
          description: domain.description,
          ownerTeam: domain.ownerTeam,
          status: domain.status === "not_onboarded" ? "not_onboarded" : "onboarded",
        }}
      />
    </>
  );
}
