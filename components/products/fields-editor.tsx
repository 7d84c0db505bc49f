"use client";
// Schema fields editor: add, remove and reorder rows; each cell shows its own server-side error.
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { FIELD_TYPES, type ProductField } from "@/lib/products/types";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";

type Props = { fields: ProductField[]; onChange: (fields: ProductField[]) => void; errors: Record<string, string[]> };

export const emptyField = (): ProductField => ({ name: "", type: "string", description: "", required: false, pii: false });

export function FieldsEditor({ fields, onChange, errors }: Props) {
  const update = (i: number, patch: Partial<ProductField>) => onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const move = (i: number, by: number) => {
    const j = i + by;
    if (j < 0 || j >= fields.length) return;
    const next = [...fields];
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
  };
  const err = (i: number, key: string) => errors[`schema.${i}.${key}`];
  return (
    <div>
      <div className="space-y-2" role="list" aria-label="Schema fields">
        {fields.map((f, i) => (
          <div
            key={i}
            role="listitem"
            className="grid grid-cols-2 gap-2 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200 md:grid-cols-[1.2fr_0.8fr_2fr_auto_auto_auto]"
          >
            <div>
              <label className="sr-only" htmlFor={`field-${i}-name`}>
                Field {i + 1} name
              </label>
              <input
                id={`field-${i}-name`}
                data-testid={`field-name-${i}`}
                className={inputClass}
                placeholder="field_name"
                value={f.name}
                aria-invalid={err(i, "name") ? true : undefined}
                onChange={(e) => update(i, { name: e.target.value })}
              />
              {err(i, "name") && (
                <p className="mt-1 text-xs text-red-600" aria-live="polite">
                  {err(i, "name")!.join(" ")}
                </p>
              )}
            </div>
            <div>
              <label className="sr-only" htmlFor={`field-${i}-type`}>
                Field {i + 1} type
              </label>
              <select
                id={`field-${i}-type`}
                data-testid={`field-type-${i}`}
                className={inputClass}
                value={f.type}
                onChange={(e) => update(i, { type: e.target.value as ProductField["type"] })}
              >
                {FIELD_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </div>
            <div className="col-span-2 md:col-span-1">
              <label className="sr-only" htmlFor={`field-${i}-description`}>
                Field {i + 1} description
              </label>
              <input
                id={`field-${i}-description`}
                className={inputClass}
                placeholder="What this field means"
                value={f.description}
                onChange={(e) => update(i, { description: e.target.value })}
              />
            </div>
            <label className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                aria-label={`${f.name || `Field ${i + 1}`} required`}
                checked={f.required}
                onChange={(e) => update(i, { required: e.target.checked })}
              />{" "}
              Required
            </label>
            <label className="flex items-center gap-1.5 text-sm" title="Personal data (PII)">
              <input
                id={`field-${i}-pii`}
                type="checkbox"
                aria-label={`${f.name || `Field ${i + 1}`} PII`}
                checked={f.pii}
                onChange={(e) => update(i, { pii: e.target.checked })}
              />{" "}
              PII
            </label>
            <div className="flex items-center gap-1">
              <IconButton label={`Move field ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                <ArrowUp size={16} />
              </IconButton>
              <IconButton label={`Move field ${i + 1} down`} disabled={i === fields.length - 1} onClick={() => move(i, 1)}>
                <ArrowDown size={16} />
              </IconButton>
              <IconButton label={`Remove field ${i + 1}`} onClick={() => onChange(fields.filter((_, j) => j !== i))}>
                <Trash2 size={16} />
              </IconButton>
            </div>
          </div>
        ))}
      </div>
      <button
        type="button"
        onClick={() => onChange([...fields, emptyField()])}
        className="mt-2 inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50"
      >
        <Plus size={16} /> Add field
      </button>
    </div>
  );
}

export function IconButton({
  label,
  onClick,
  disabled,
  children,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className={cn("rounded p-1.5 text-slate-600 hover:bg-slate-200", disabled && "opacity-30")}
    >
      {children}
    </button>
  );
}
