"use client";
import { useActionState } from "react";
import { savePreferencesAction } from "../actions";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td, Th } from "@/components/ui/table";

type Row = { type: string; label: string; inApp: boolean; email: boolean };

export function PreferencesForm({ rows }: { rows: Row[] }) {
  const [state, action] = useActionState(savePreferencesAction, null);
  return (
    <form action={action} className="space-y-4">
      <Table stacked>
        <thead>
          <tr>
            <Th>Event</Th>
            <Th>In the portal</Th>
            <Th>By e-mail</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.type}>
              <Td label="Event">
                {r.label}
                <span className="block text-xs text-slate-500">{r.type}</span>
              </Td>
              <Td label="In the portal">
                <input
                  type="checkbox"
                  name="inApp"
                  value={r.type}
                  defaultChecked={r.inApp}
                  aria-label={`${r.label}: in the portal`}
                  className="size-4"
                />
              </Td>
              <Td label="By e-mail">
                <input
                  type="checkbox"
                  name="email"
                  value={r.type}
                  defaultChecked={r.email}
                  aria-label={`${r.label}: by e-mail`}
                  className="size-4"
                />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <SubmitButton>Save preferences</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
