"use client";
// Access grants editor: one row per role with its permissions.
import { Plus, Trash2 } from "lucide-react";
import { PERMISSIONS, type AccessGrant, type Permission } from "@/lib/products/types";
import { inputClass } from "@/components/ui/field";
import { IconButton } from "./fields-editor";

type Props = {
  grants: AccessGrant[];
  onChange: (grants: AccessGrant[]) => void;
  errors: Record<string, string[]>;
  roleSuggestions: string[];
};

export function AccessEditor({ grants, onChange, errors, roleSuggestions }: Props) {
  const update = (i: number, patch: Partial<AccessGrant>) => onChange(grants.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const toggle = (i: number, p: Permission) => {
    const has = grants[i].permissions.includes(p);
    update(i, {
      permissions: has
        ? grants[i].permissions.filter((x) => x !== p)
        : PERMISSIONS.filter((x) => x === p || grants[i].permissions.includes(x)),
    });
  };
  return (
    <div>
      <datalist id="role-suggestions">
        {roleSuggestions.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <div className="space-y-2">
        {grants.map((g, i) => {
          const roleErr = errors[`access.${i}.role`];
          const permErr = errors[`access.${i}.permissions`];
          return (
            <div key={i} className="flex flex-wrap items-start gap-3 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
              <div className="min-w-48 flex-1">
                <label className="sr-only" htmlFor={`access-${i}-role`}>
                  Role {i + 1}
                </label>
                <input
                  id={`access-${i}-role`}
                  list="role-suggestions"
                  className={inputClass}
                  placeholder="data_consumer"
                  value={g.role}
                  aria-invalid={roleErr ? true : undefined}
                  onChange={(e) => update(i, { role: e.target.value })}
                />
                {roleErr && (
                  <p className="mt-1 text-xs text-red-600" aria-live="polite">
                    {roleErr.join(" ")}
                  </p>
                )}
              </div>
              <fieldset className="flex flex-wrap items-center gap-3 pt-2">
                <legend className="sr-only">Permissions of role {i + 1}</legend>
                {PERMISSIONS.map((p) => (
                  <label key={p} className="flex items-center gap-1 text-sm">
                    <input type="checkbox" checked={g.permissions.includes(p)} onChange={() => toggle(i, p)} /> {p}
                  </label>
                ))}
                {permErr && (
                  <p className="w-full text-xs text-red-600" aria-live="polite">
                    {permErr.join(" ")}
                  </p>
                )}
              </fieldset>
              <IconButton label={`Remove role ${i + 1}`} onClick={() => onChange(grants.filter((_, j) => j !== i))}>
                <Trash2 size={16} />
              </IconButton>
            </div>
          );
        })}
      </div>
      <button
        type="button"
        onClick={() => onChange([...grants, { role: "", permissions: ["read"] }])}
        className="mt-2 inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50"
      >
        <Plus size={16} /> Add role
      </button>
    </div>
  );
}
