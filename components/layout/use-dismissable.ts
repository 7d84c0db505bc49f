"use client";
// Open/closed state for a menu that closes when the page changes (a tapped link must not leave it open) and on
// Escape; given its root element, also on a click outside it. Shared by the phone menu and the account menu.
import { useEffect, useState, type Dispatch, type RefObject, type SetStateAction } from "react";
import { usePathname } from "next/navigation";

export function useDismissable(root?: RefObject<HTMLElement | null>): [boolean, Dispatch<SetStateAction<boolean>>] {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  // Closing on navigation without an effect: React's "adjust state while rendering" pattern.
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => {
      if (root?.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener("keydown", onKey);
    if (root) window.addEventListener("mousedown", onClick);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("mousedown", onClick);
    };
  }, [open, root]);
  return [open, setOpen];
}
