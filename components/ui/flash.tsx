"use client";
// Shows the confirmation named by `?flash=<code>` (lib/flash.ts) at the top of the page, announced to
// screen readers, and drops the parameter from the address so a reload or a shared link does not repeat it.
import { useEffect, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { CheckCircle2, X } from "lucide-react";
import { FLASH_PARAM, flashMessage } from "@/lib/flash";

export function Flash() {
  const params = useSearchParams();
  const pathname = usePathname();
  const fromUrl = flashMessage(params.get(FLASH_PARAM));
  const [shown, setShown] = useState<string | undefined>(fromUrl);
  const [seen, setSeen] = useState(fromUrl);
  const [at, setAt] = useState(pathname);
  // React's "adjust state while rendering": a new confirmation replaces the one shown (the same one again
  // after the parameter was dropped counts as new), and moving to another page clears it.
  if (fromUrl !== seen) {
    setSeen(fromUrl);
    if (fromUrl) setShown(fromUrl);
  }
  if (at !== pathname) {
    setAt(pathname);
    if (!fromUrl) setShown(undefined);
  }
  useEffect(() => {
    if (!params.has(FLASH_PARAM)) return;
    const rest = new URLSearchParams(params);
    rest.delete(FLASH_PARAM);
    const query = rest.toString();
    window.history.replaceState(null, "", `${pathname}${query ? `?${query}` : ""}${window.location.hash}`);
  }, [params, pathname]);
  return (
    <div role="status" aria-live="polite" className="empty:hidden">
      {shown && (
        <div
          data-testid="flash"
          className="mb-4 flex items-start gap-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200"
        >
          <CheckCircle2 aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <p className="flex-1">{shown}</p>
          <button
            type="button"
            onClick={() => setShown(undefined)}
            className="-m-1 rounded p-1 text-emerald-800 hover:bg-emerald-100"
            aria-label="Dismiss confirmation"
          >
            <X aria-hidden="true" className="size-4" />
          </button>
        </div>
      )}
    </div>
  );
}
