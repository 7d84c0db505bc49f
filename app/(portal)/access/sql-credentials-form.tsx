"use client";
// "SQL access": sets a fresh password on the grant's PostgreSQL login and shows it once, with a psql line.
import { useActionState } from "react";
import { issueSqlCredentialsAction } from "./actions";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { CopyBlock } from "@/components/ui/copy-block";
import type { SqlCredentials } from "@/lib/consumers/sql-credentials";

export function SqlCredentialsForm({ grantId }: { grantId: string }) {
  const [state, action] = useActionState(issueSqlCredentialsAction, null);
  const c = state?.ok ? (state.data as SqlCredentials | undefined) : undefined;
  return (
    <div className="space-y-2">
      <form action={action}>
        <input type="hidden" name="grantId" value={grantId} />
        <SubmitButton variant="secondary" pendingText="Creating…">
          {c ? "New SQL password" : "SQL credentials"}
        </SubmitButton>
      </form>
      <FormMessage state={state} />
      {c && (
        <div className="space-y-2 text-xs" data-testid="sql-credentials">
          <p>
            Login <code>{c.role}</code>, valid until {new Date(c.expiresAt).toISOString().slice(0, 10)}. Password:
          </p>
          <CopyBlock label="password" text={c.password} testId="sql-password" />
          <CopyBlock
            label="psql command"
            text={`PGPASSWORD='${c.password}' psql "host=${c.host} port=${c.port} dbname=${c.database} user=${c.role}" \\\n  -c 'SELECT * FROM ${c.relations[0]?.relation ?? "<schema>.<view>"} LIMIT 10'`}
          />
          {c.relations.length > 1 && (
            <p>
              Also readable:{" "}
              {c.relations
                .slice(1)
                .map((r) => `${r.relation} (${r.environment})`)
                .join(", ")}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
