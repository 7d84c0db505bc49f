"use client";
// A domain filter that scales to thousands of domains: a text field (the domain's slug) with suggestions
// fetched as one types, instead of a select holding every domain. Follows the ARIA combobox pattern
// (arrow keys, Enter, Escape). Without JavaScript it is a plain text field taking a slug.
import { useEffect, useId, useState, useSyncExternalStore } from "react";
import { inputClass } from "@/components/ui/field";
import { useDomainSuggestions } from "./use-domain-suggestions";

const DEBOUNCE_MS = 150;

type Props = {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  /** Called with the chosen slug ("" for all domains) when a suggestion is picked or the field is cleared. */
  onPick: (slug: string) => void;
};

// True on the client after hydration, false on the server and during hydration (no effect, no extra render).
const noSubscription = () => () => {};

export function DomainPicker({ id, name, label, defaultValue, onPick }: Props) {
  const listId = useId();
  const [value, setValue] = useState(defaultValue);
  // What the filter holds: text typed but not picked goes back to this when the field loses focus.
  const [picked, setPicked] = useState(defaultValue);
  // Once hydrated, the form submits the picked slug (a hidden field), never half-typed text; before
  // that (or without JavaScript) the text field itself is the form field and takes a slug.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const term = useDebounced(value.trim(), DEBOUNCE_MS);
  const { data, isFetching, isError } = useDomainSuggestions(term, open);
  const options = data ?? [];

  const pick = (slug: string) => {
    setValue(slug);
    setPicked(slug);
    setOpen(false);
    setActive(-1);
    onPick(slug);
  };

  return (
    <div className="relative">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      <div className="relative">
        {hydrated && <input type="hidden" name={name} value={picked} />}
        <input
          id={id}
          name={hydrated ? undefined : name}
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          data-manual-apply=""
          autoComplete="off"
          placeholder="All domains"
          value={value}
          className={`${inputClass} pr-7`}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setValue(picked);
          }}
          onChange={(e) => {
            setValue(e.target.value);
            setOpen(true);
            setActive(-1);
            if (e.target.value === "") pick("");
          }}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              setOpen(true);
              if (options.length === 0) return;
              const step = e.key === "ArrowDown" ? 1 : -1;
              setActive((i) => (i + step + options.length) % options.length);
            } else if (e.key === "Enter") {
              e.preventDefault();
              const chosen = options[active] ?? (options.length === 1 ? options[0] : undefined);
              pick(chosen ? chosen.slug : value.trim());
            } else if (e.key === "Escape") {
              setOpen(false);
              setActive(-1);
            }
          }}
        />
        {value !== "" && (
          <button
            type="button"
            aria-label={`Clear the ${label.toLowerCase()} filter`}
            className="absolute inset-y-0 right-1 my-auto h-6 w-6 rounded text-slate-500 hover:bg-slate-100 hover:text-slate-800"
            onClick={() => pick("")}
          >
            ×
          </button>
        )}
      </div>
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label} suggestions`}
          className="absolute z-20 mt-1 max-h-64 w-full min-w-56 overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
        >
          {options.map((d, i) => (
            <li
              key={d.slug}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              // mousedown, not click: it lands before the field's blur closes the list
              onMouseDown={(e) => {
                e.preventDefault();
                pick(d.slug);
              }}
              onMouseEnter={() => setActive(i)}
              className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-brand-50 text-brand-700" : "text-slate-800"}`}
            >
              <span className="font-medium">{d.name}</span> <span className="text-xs text-slate-500">{d.slug}</span>
            </li>
          ))}
          {options.length === 0 && (
            <li role="presentation" className="px-3 py-1.5 text-slate-500">
              {isError ? "Could not load domains." : isFetching || data === undefined ? "Loading…" : "No domain matches."}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

/** `value`, once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
