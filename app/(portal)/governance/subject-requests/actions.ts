"use server";
// Data subject requests: find one person's records across the mesh, and erase them (reason required).
import { authorize } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { serverAction } from "@/lib/server-action";
import { findSubject } from "@/lib/governance/subject-requests/find-subject.db";
import { eraseSubject } from "@/lib/governance/subject-requests/erase-subject.db";

const gate = () =>
  authorize(can.handleSubjectRequests, {
    message: "Only governance and data admins can handle data subject requests.",
    action: "handleSubjectRequests",
    resource: "subject_requests",
  });

export const findSubjectAction = serverAction(gate, async (user, formData) => {
  const { key, matches } = await findSubject(user, { key: formData.get("key"), value: formData.get("value") });
  const total = matches.reduce((n, m) => n + m.count, 0);
  return {
    ok: true,
    message: total === 0 ? `No records hold this ${key}.` : `${total} record(s) in ${matches.length} table(s) hold this ${key}.`,
    data: {
      matches: matches.map((m) => ({ product: m.product, environment: m.environment, table: m.table, columns: m.columns, count: m.count })),
    },
  };
});

export const eraseSubjectAction = serverAction(gate, async (user, formData) => {
  const report = await eraseSubject(user, {
    key: formData.get("key"),
    value: formData.get("value"),
    reason: formData.get("reason"),
    confirm: formData.get("confirm"),
  });
  return {
    ok: true,
    message: `Erased ${report.total} row(s) across ${new Set(report.products.map((p) => p.product)).size} product(s).`,
    data: { products: report.products },
  };
});
