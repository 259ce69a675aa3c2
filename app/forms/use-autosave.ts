import { useCallback, useEffect, useRef, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import type { DraftSaveOutcome } from "~/domain/draft-revision";
import type { FieldErrors } from "~/domain/outcome";

export const SAVE_STATUS_TEXT = {
  idle: "",
  dirty: "未保存の変更があります",
  saving: "保存しています…",
  failed: "保存できませんでした。入力内容はこの画面に残っています。少し待って自動でもう一度保存します（「下書きを保存」を押しても保存できます）。",
  signedOut: "ログインの有効期限が切れました。「下書きを保存」を押すと、ログインし直した後に入力内容が戻ります。",
  refused: "保存できない内容があるため、保存していません。入力内容はこの画面に残っています。",
} as const;
export type SaveStatus = keyof typeof SAVE_STATUS_TEXT;

export type SaveConflict<Draft> = Extract<DraftSaveOutcome<Draft>, { status: "conflict" }>;

/** How long after the last keystroke the draft is saved. */
const QUIET_MS = 2500;
/** After a failed save (the server or the network away for a moment), the next try: 2 s, 4 s, … up to 30 s. */
const retryDelay = (failures: number) => Math.min(30_000, 2_000 * 2 ** failures);

/**
 * Saves a form's draft as it is typed (the grant application's, a proposal's; decision 012), posting
 * `{ revision, draft }` as JSON to its `endpoint`, which answers with a DraftSaveOutcome: a few seconds after typing stops, at once when a field
 * is left (`saveNow`), never two saves at a time, each based on the revision the last one returned. A save
 * refused because a colleague saved first becomes a `conflict` the page asks about; nothing typed is lost.
 * While changes are unsaved, leaving the page asks first.
 */
export function useAutosave<Draft extends FieldValues>({
  endpoint,
  revision: initialRevision,
  form,
  startDirty,
  conflict: initialConflict,
}: {
  /** Where the draft is saved ("/applications/12/draft"). */
  endpoint: string;
  revision: number;
  form: Pick<UseFormReturn<Draft>, "watch" | "getValues" | "reset">;
  /** Input given back after signing in again is not saved yet. */
  startDirty: boolean;
  /** A conflict the server found when the form was posted without JavaScript. */
  conflict: SaveConflict<Draft> | null;
}) {
  const [status, setStatus] = useState<SaveStatus>(startDirty || initialConflict ? "dirty" : "idle");
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [conflict, setConflict] = useState<SaveConflict<Draft> | null>(initialConflict);
  /** Why the last save was refused, by field. */
  const [refusals, setRefusals] = useState<FieldErrors>({});
  const [revision, setRevisionState] = useState(initialRevision);
  // Saves read these refs, so a save queued behind another uses the revision that one returned.
  const revisionRef = useRef(initialRevision);
  const conflictRef = useRef<SaveConflict<Draft> | null>(initialConflict);
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef(false);
  const pending = useRef(false);
  // Counts edits, so a save's answer only says "saved" when nothing was typed after it was sent.
  const edits = useRef(0);
  // Loading a colleague's content is not an edit of one's own.
  const resetting = useRef(false);
  const failures = useRef(0);

  const setRevision = (value: number) => {
    revisionRef.current = value;
    setRevisionState(value);
  };
  const showConflict = (value: SaveConflict<Draft> | null) => {
    conflictRef.current = value;
    setConflict(value);
  };

  // The server saved for us (a post without JavaScript, a refused submission): go on from its revision.
  useEffect(() => setRevision(initialRevision), [initialRevision]);

  const saveNow = useCallback(async () => {
    window.clearTimeout(timer.current);
    if (conflictRef.current) return;
    if (inFlight.current) {
      pending.current = true;
      return;
    }
    inFlight.current = true;
    const sent = edits.current;
    setStatus("saving");
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ revision: revisionRef.current, draft: form.getValues() }),
      });
      const outcome = (await response.json()) as DraftSaveOutcome<Draft> | { status: "signed-out" | "forbidden" };
      failures.current = 0;
      if (outcome.status !== "invalid") setRefusals({});
      if (outcome.status === "done") {
        setRevision(outcome.revision);
        setSavedAt(outcome.savedAt);
        setStatus(sent === edits.current ? "idle" : "dirty");
      } else if (outcome.status === "conflict") {
        showConflict(outcome);
        setStatus("dirty");
      } else if (outcome.status === "invalid") {
        setRefusals(outcome.errors);
        setStatus("refused");
      } else {
        setStatus(outcome.status === "signed-out" ? "signedOut" : "failed");
      }
    } catch {
      // No answer, or not the save's answer (the server busy or its database away for a moment): try again.
      setStatus("failed");
      timer.current = window.setTimeout(() => void saveNow(), retryDelay(failures.current));
      failures.current += 1;
    } finally {
      inFlight.current = false;
      if (pending.current) {
        pending.current = false;
        void saveNow();
      }
    }
  }, [endpoint, form]);

  useEffect(() => {
    const subscription = form.watch(() => {
      if (resetting.current) return;
      edits.current += 1;
      setStatus("dirty");
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void saveNow(), QUIET_MS);
    });
    return () => {
      subscription.unsubscribe();
      window.clearTimeout(timer.current);
    };
  }, [form, saveNow]);

  useEffect(() => {
    if (status === "idle") return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [status]);

  /** Keep what I typed: save it over the colleague's content. */
  const overwrite = () => {
    if (!conflict) return;
    setRevision(conflict.revision);
    showConflict(null);
    window.setTimeout(() => void saveNow(), 0);
  };

  /** Take the colleague's content instead, dropping what I typed. */
  const loadTheirs = () => {
    if (!conflict) return;
    resetting.current = true;
    form.reset(conflict.draft);
    resetting.current = false;
    setRevision(conflict.revision);
    showConflict(null);
    setStatus("idle");
  };

  return { status, savedAt, revision, conflict, refusals, saveNow, overwrite, loadTheirs };
}
