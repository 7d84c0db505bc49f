// Form building blocks with an error region per field (aria-live), so server-side field errors land
// next to the input they belong to.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
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

type FieldProps = { label: ReactNode; name: string; errors?: string[]; hint?: ReactNode; className?: string; children?: ReactNode };

export function Field({ label, name, errors, hint, className, children }: FieldProps) {
  return (
    <div className={className}>
      <label htmlFor={name} className="mb-1 block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !errors?.length && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      <FieldError id={`${name}-error`} errors={errors} />
    </div>
  );
}

export function TextInput({
  name,
  errors,
  className,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { name: string; errors?: string[] }) {
  return (
    <input
      id={props.id ?? name}
      name={name}
      aria-invalid={errors?.length ? true : undefined}
      aria-describedby={`${name}-error`}
      className={cn(inputClass, className)}
      {...props}
    />
  );
}

export function TextArea({
  name,
  errors,
  className,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string; errors?: string[] }) {
  return (
    <textarea
      id={props.id ?? name}
      name={name}
      aria-invalid={errors?.length ? true : undefined}
      aria-describedby={`${name}-error`}
      className={cn(inputClass, className)}
      {...props}
    />
  );
}

export function Select({
  name,
  errors,
  className,
  children,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { name: string; errors?: string[] }) {
  return (
    <select
      id={props.id ?? name}
      name={name}
      aria-invalid={errors?.length ? true : undefined}
      aria-describedby={`${name}-error`}
      className={cn(inputClass, className)}
      {...props}
    >
      {children}
    </select>
  );
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
