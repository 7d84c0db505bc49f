// Small inputs for table-style editors: each has an accessible label and its own error line, keyed by
// the policy path the server reports ("data_quality[0].threshold").
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";
import { inputClass } from "@/components/ui/field";

export type Errors = Record<string, string[] | undefined>;

export function CellError({ errors, path }: { errors: Errors; path: string }) {
  const list = errors[path];
  if (!list?.length) return null;
  return (
    <p className="mt-1 text-xs text-red-600" role="alert">
      {list.join(" ")}
    </p>
  );
}

/** Errors on the list itself ("must define at least one role") or under any row not shown by a cell. */
export function ListErrors({ errors, path }: { errors: Errors; path: string }) {
  const list = errors[path];
  if (!list?.length) return null;
  return (
    <p className="mb-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" role="alert">
      {list.join(" ")}
    </p>
  );
}

type CellInputProps = {
  id?: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  errors: Errors;
  path: string;
  disabled?: boolean;
  placeholder?: string;
  className?: string;
  suffix?: ReactNode;
  inputMode?: "decimal" | "text";
};

export function CellInput({
  id,
  label,
  value,
  onChange,
  errors,
  path,
  disabled,
  placeholder,
  className,
  suffix,
  inputMode,
}: CellInputProps) {
  const invalid = Boolean(errors[path]?.length);
  return (
    <div className={className}>
      <div className="flex items-center gap-1">
        <input
          id={id}
          aria-label={label}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          disabled={disabled}
          placeholder={placeholder}
          inputMode={inputMode}
          aria-invalid={invalid || undefined}
          className={cn(inputClass, "min-w-20 disabled:bg-slate-100 disabled:text-slate-500")}
        />
        {suffix && <span className="text-sm text-slate-500">{suffix}</span>}
      </div>
      <CellError errors={errors} path={path} />
    </div>
  );
}

type CellSelectProps = {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: readonly string[];
  errors: Errors;
  path: string;
  disabled?: boolean;
  blank?: string;
};

export function CellSelect({ label, value, onChange, options, errors, path, disabled, blank }: CellSelectProps) {
  // Keep an unexpected stored value selectable, so loading a policy never silently changes it.
  const all = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <div>
      <select
        aria-label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        aria-invalid={errors[path]?.length ? true : undefined}
        className={cn(inputClass, "min-w-28 disabled:bg-slate-100 disabled:text-slate-500")}
      >
        {blank !== undefined && <option value="">{blank}</option>}
        {all.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      <CellError errors={errors} path={path} />
    </div>
  );
}

export function CheckList({
  legend,
  options,
  value,
  onChange,
  disabled,
  errors,
  path,
}: {
  legend: string;
  options: readonly string[];
  value: string[];
  onChange: (v: string[]) => void;
  disabled?: boolean;
  errors: Errors;
  path: string;
}) {
  const toggle = (o: string, on: boolean) =>
    onChange(
      on ? [...value.filter((v) => v !== o), o].sort((a, b) => options.indexOf(a) - options.indexOf(b)) : value.filter((v) => v !== o),
    );
  // Problems reported on one entry ("permissions[1]") are shown with the list.
  const entryErrors = Object.entries(errors)
    .filter(([k]) => k.startsWith(`${path}[`))
    .flatMap(([, v]) => v ?? []);
  return (
    <fieldset>
      <legend className="sr-only">{legend}</legend>
      <div className="flex flex-wrap gap-x-3 gap-y-1">
        {options.map((o) => (
          <label key={o} className="inline-flex items-center gap-1 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={value.includes(o)}
              onChange={(e) => toggle(o, e.target.checked)}
              disabled={disabled}
              className="size-4 rounded border-slate-300"
              aria-label={`${legend}: ${o}`}
            />
            {o}
          </label>
        ))}
      </div>
      <CellError errors={errors} path={path} />
      {entryErrors.length > 0 && (
        <p className="mt-1 text-xs text-red-600" role="alert">
          {entryErrors.join(" ")}
        </p>
      )}
    </fieldset>
  );
}

export function RemoveButton({ label, onClick, disabled }: { label: string; onClick: () => void; disabled?: boolean }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      className="rounded px-2 py-1 text-sm text-red-700 hover:bg-red-50 disabled:opacity-40"
    >
      Remove
    </button>
  );
}

export function AddButton({ children, onClick, disabled }: { children: ReactNode; onClick: () => void; disabled?: boolean }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      className="mt-3 rounded-md px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50 disabled:opacity-40"
    >
      {children}
    </button>
  );
}

/** Replaces item i of a list (immutably). */
export function replaceAt<T>(list: readonly T[], i: number, item: T): T[] {
  return list.map((x, j) => (j === i ? item : x));
}
