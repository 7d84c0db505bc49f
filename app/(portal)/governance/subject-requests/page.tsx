// Data subject requests (GDPR / CCPA): find one person's records in every provisioned product by a subject
// key the contracts declare, download them as JSON, or erase them with a reason.
import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { authorize } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/card";
import { GovernanceTabs } from "../components/governance-tabs";
import { SubjectRequestForms } from "./subject-request-forms";

export const metadata: Metadata = { title: "Data subject requests" };

export default async function SubjectRequestsPage() {
  await authorize(can.handleSubjectRequests, { action: "handleSubjectRequests", resource: "subject_requests" }).catch(() => forbidden());
  return (
    <>
      <PageHeader
        title="Data subject requests"
        description="Find, export or erase one person's records across every provisioned product. A product holds a subject key in a field marked PII with that name (email, customer_id), or in a contract property declaring the custom property subjectKey."
      />
      <GovernanceTabs />
      <SubjectRequestForms />
    </>
  );
}
