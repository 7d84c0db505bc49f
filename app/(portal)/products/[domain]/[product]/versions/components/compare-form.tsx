// Chooses the two versions to compare. A GET form: the comparison is a URL that can be shared.
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { VersionSummary } from "@/lib/products/dto";

type Props = { action: string; versions: VersionSummary[]; current: string; from?: string; to?: string };

export function CompareForm({ action, versions, current, from, to }: Props) {
  const label = (v: string) => (v === current ? `${v} (current)` : v);
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3" aria-label="Compare versions">
      <div className="min-w-32 flex-1 sm:flex-none">
        <label htmlFor="from" className="mb-1 block text-xs font-medium text-slate-600">
          From
        </label>
        <select id="from" name="from" defaultValue={from} className={inputClass}>
          {versions.map((v) => (
            <option key={v.version} value={v.version}>
              {label(v.version)}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-32 flex-1 sm:flex-none">
        <label htmlFor="to" className="mb-1 block text-xs font-medium text-slate-600">
          To
        </label>
        <select id="to" name="to" defaultValue={to} className={inputClass}>
          {versions.map((v) => (
            <option key={v.version} value={v.version}>
              {label(v.version)}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary">
        Compare
      </Button>
    </form>
  );
}
