// A secret the portal shows exactly once (an API token, a webhook's signing secret): read-only and selectable,
// with a label that says it will not be shown again.
export function ShownOnce({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="rounded-md bg-amber-50 p-3 ring-1 ring-amber-200">
      <label htmlFor={id} className="block text-sm font-medium text-amber-900">
        {label}
      </label>
      <input
        id={id}
        readOnly
        value={value}
        className="mt-1 w-full rounded border-0 bg-white px-2 py-1 font-mono text-sm ring-1 ring-amber-300"
      />
    </div>
  );
}
