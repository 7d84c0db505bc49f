import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/card";
import { DomainForm } from "../components/domain-form";
import { createDomainAction } from "../actions";

export const metadata: Metadata = { title: "New domain" };

export default async function NewDomainPage() {
  const user = await requirePageUser();
  if (!can.manageDomains(user)) forbidden();
  return (
    <>
      <PageHeader title="New domain" description="A domain groups the data products one business area owns. Add members once it exists." />
      <DomainForm
        mode="create"
        action={createDomainAction}
        cancelHref="/domains"
        initial={{ slug: "", name: "", description: "", ownerTeam: "", status: "onboarded" }}
      />
    </>
  );
}
