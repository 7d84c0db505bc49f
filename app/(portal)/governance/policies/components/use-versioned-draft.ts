"use client";
// The editing state both policy editors share: a draft of the spec, the change note, and the version the save
// is based on. When the server sends a new version (our save, or a reload after a conflict), the draft resets
// to it; after a conflict the user may reload the other person's version or keep theirs on top of it.
import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import type { PolicyConflict } from "@/lib/governance/policies/update-policy.db";
import { fingerprintOf } from "./format";

export function useVersionedDraft<D, S>(spec: S, version: number, toDraft: (spec: S | null) => D) {
  const router = useRouter();
  const [draft, setDraft] = useState<D>(() => toDraft(spec));
  const [note, setNote] = useState("");
  const [expectedVersion, setExpectedVersion] = useState(version);
  const [seenVersion, setSeenVersion] = useState(version);
  if (version !== seenVersion) {
    setSeenVersion(version);
    setExpectedVersion(version);
    setDraft(toDraft(spec));
    setNote("");
  }
  // Identifies exactly what was previewed, so Save unlocks only for the previewed draft.
  const fingerprint = useMemo(() => fingerprintOf(`${expectedVersion}:${JSON.stringify(draft)}`), [expectedVersion, draft]);
  const reload = (conflict: PolicyConflict) => {
    setDraft(toDraft((conflict.current ?? null) as S | null));
    setExpectedVersion(conflict.currentVersion);
    router.refresh();
  };
  // Everything the editor's SaveBar takes besides the action state: <SaveBar state={state} {...saveBar} />.
  const saveBar = { fingerprint, expectedVersion, note, onNote: setNote, onKeepMine: setExpectedVersion, onReload: reload };
  return { draft, setDraft, saveBar };
}
