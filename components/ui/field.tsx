// Form building blocks with an error region per field (aria-live), so server-side field errors land
// next to the input they belong to.
import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/cn";

export const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-500";

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <p id={id} aria-live="polite" className="mt-1 min-h-0 text-xs text-red-600">
      {errors?.join(" ")}
    </p>
  );
}

type FieldProps = {
  label: ReactNode;
  name: string;
  /** The control's id when it is not `name` (e.g. several forms of one name on a page). */
  id?: string;
  required?: boolean;
  errors?: string[];
  hint?: ReactNode;
  className?: string;
  children?: ReactNode;
};

export function Field({ label, name, id = name, required, errors, hint, className, children }: FieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">
        {label}
        {required && (
          <>
            {" "}
            <span className="text-red-600" aria-hidden="true">
              *
            </span>
          </>
        )}
      </label>
      {children}
      {hint && !errors?.length && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

type ControlProps = { name: string; id?: string; errors?: string[]; className?: string };

/** What every control shares: its id (the name unless given), its Field's error region, invalid state, style. */
function control({ name, id = name, errors, className }: ControlProps) {
  return {
    id,
    name,
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": `${id}-error`,
    className: cn(inputClass, className),
  };
}

export function TextInput({ name, id, errors, className, ...props }: ComponentProps<"input"> & ControlProps) {
  return <input {...control({ name, id, errors, className })} {...props} />;
}

export function TextArea({ name, id, errors, className, ...props }: ComponentProps<"textarea"> & ControlProps) {
  return <textarea {...control({ name, id, errors, className })} {...props} />;
}

export function Select({ name, id, errors, className, ...props }: ComponentProps<"select"> & ControlProps) {
  return <select {...control({ name, id, errors, className })} {...props} />;
}

export function FormMessage({ state }: { state: { ok: boolean; message?: string } | null | undefined }) {
  if (!state?.message) return <div aria-live="polite" />;
  return (
    <div
      role={state.ok ? "status" : "alert"}
      aria-live="polite"
      className={cn("rounded-md px-3 py-2 text-sm", state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700")}
    >
      {state.message}
    </div>
  );
}
