"use client";
// Find a subject's records (what and where), download them, or erase them: the identifier is typed once and
// shared by the three forms.
import { useActionState, useState } from "react";
import { Card } from "@/components/ui/card";
import { Field, FormMessage, TextArea, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { eraseSubjectAction, findSubjectAction } from "./actions";

type Match = { product: string; environment: string; table: string; columns: string[]; count: number };
type Erased = { product: string; environment: string; table: string; deleted: number };

export function SubjectRequestForms() {
  const [key, setKey] = useState("email");
  const [value, setValue] = useState("");
  const [found, find] = useActionState(findSubjectAction, null);
  const [erased, erase] = useActionState(eraseSubjectAction, null);
  const matches = (found?.data?.matches as Match[] | undefined) ?? [];
  const deleted = (erased?.data?.products as Erased[] | undefined) ?? [];
  const errors = { ...(found?.errors ?? {}), ...(erased?.errors ?? {}) };
  return (
    <div className="space-y-6">
      <Card title="Find a person's records">
        <form action={find} className="grid gap-3 sm:grid-cols-3" data-testid="subject-find">
          <Field label="Subject key" name="key" required errors={errors.key} hint="A field name such as email or customer_id.">
            <TextInput name="key" value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" errors={errors.key} />
          </Field>
          <Field label="Identifier" name="value" required errors={errors.value} className="sm:col-span-2">
            <TextInput name="value" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" errors={errors.value} />
          </Field>
          <div className="space-y-2 sm:col-span-3">
            <FormMessage state={found} />
            <SubmitButton pendingText="Searching every product…">Find records</SubmitButton>
          </div>
        </form>
        {matches.length > 0 && (
          <div className="mt-4">
            <Table>
              <thead>
                <tr>
                  <Th>Product</Th>
                  <Th>Environment</Th>
                  <Th>Table</Th>
                  <Th>Column</Th>
                  <Th className="text-right">Records</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100" data-testid="subject-matches">
                {matches.map((m) => (
                  <tr key={`${m.table}-${m.environment}`}>
                    <Td className="whitespace-nowrap">{m.product}</Td>
                    <Td>{m.environment}</Td>
                    <Td className="break-all">{m.table}</Td>
                    <Td>{m.columns.join(", ")}</Td>
                    <Td className="text-right tabular-nums">{m.count}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        )}
      </Card>

      <Card title="Export (portability)">
        <form method="post" action="/api/governance/subject-requests/export" className="space-y-2">
          <input type="hidden" name="key" value={key} />
          <input type="hidden" name="value" value={value} />
          <p className="text-sm text-slate-700">
            Downloads every record holding this identifier as one JSON file (at most 1,000 rows per table).
          </p>
          <Button type="submit" variant="secondary" disabled={value.trim() === ""}>
            Download JSON
          </Button>
        </form>
      </Card>

      <Card title="Erase (right to erasure)">
        <form action={erase} className="space-y-3" data-testid="subject-erase">
          <input type="hidden" name="key" value={key} />
          <input type="hidden" name="value" value={value} />
          <Field
            label="Reason"
            name="reason"
            required
            errors={erased?.errors?.reason}
            hint="Recorded in the audit log with the rows deleted per product."
          >
            <TextArea name="reason" rows={2} errors={erased?.errors?.reason} />
          </Field>
          <Field label='Type "erase" to confirm' name="confirm" required errors={erased?.errors?.confirm}>
            <TextInput name="confirm" autoComplete="off" errors={erased?.errors?.confirm} />
          </Field>
          <FormMessage state={erased} />
          <SubmitButton variant="danger" pendingText="Erasing…">
            Erase this person&apos;s records
          </SubmitButton>
        </form>
        {deleted.length > 0 && (
          <ul className="mt-3 list-disc pl-5 text-sm" data-testid="erasure-report">
            {deleted.map((d) => (
              <li key={`${d.table}-${d.environment}`}>
                {d.product} ({d.environment}, {d.table}): {d.deleted} row(s) deleted
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
