"use client";
/**
 * Autosave for the report editor. What the user types goes first into `pending` (kept in this
 * tab and in localStorage, so a reload or a closed laptop loses nothing), then, after a short
 * pause, to the server in one PATCH that names the version the editor started from. One save is
 * in flight at a time; what is typed meanwhile waits for the next one.
 *
 * - offline (the browser says so, or the request fails) or a server error: the changes stay
 *   pending and are sent again when the connection returns (the browser's `online` event) or
 *   after a back-off;
 * - 409: someone else saved first. Nothing is overwritten: the user sees who changed what, their
 *   own text stays in the fields, and they choose to keep theirs on top of the new version;
 * - 400: the fields the server refused show its message and stay pending.
 */
import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { checkField, type FieldSpec } from "@/lib/reports/fields";
import { api, HttpError } from "../../../query-provider";

export type Conflict = {
  currentVersion: number;
  changes: { at: string; by: string; fields: { key: string; label: string }[] }[];
  theirs: Record<string, string>;
};

export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "offline"; message: string }
  | { kind: "error"; message: string }
  | { kind: "conflict"; message: string; conflict: Conflict }
  | { kind: "locked"; message: string };

type Stored = { baseVersion: number; pending: Record<string, string> };

const DEBOUNCE_MS = 800;
const OFFLINE_MESSAGE =
  "You seem to be offline. Your changes are kept on this device and will be sent when the connection returns.";

export function useAutosave(options: {
  reportId: number;
  userId: number;
  version: number;
  values: Record<string, string>;
  specs: Map<string, FieldSpec>;
  enabled: boolean;
}) {
  const { reportId, userId, specs, enabled } = options;
  const storageKey = `nap-report:${reportId}:user:${userId}`;
  const [saved, setSaved] = useState(options.values);
  const [baseVersion, setBaseVersion] = useState(options.version);
  const [pending, setPending] = useState<Record<string, string>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const [theirs, setTheirs] = useState<Record<string, string>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retries = useRef(0);
  const inFlight = useRef(false);
  const latest = useRef({ pending, baseVersion, state });
  latest.current = { pending, baseVersion, state };

  // Changes kept on this device from an earlier visit come back first (once, on mount).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, with the first render's values
  useEffect(() => {
    if (!enabled) return;
    try {
      const raw = localStorage.getItem(storageKey);
      if (!raw) return;
      const stored = JSON.parse(raw) as Stored;
      const kept = Object.fromEntries(
        Object.entries(stored.pending ?? {}).filter(([key, v]) => options.values[key] !== v),
      );
      if (Object.keys(kept).length === 0) {
        localStorage.removeItem(storageKey);
        return;
      }
      setPending(kept);
      // Changes made against an older version are offered as a conflict on their first save.
      if (stored.baseVersion < options.version) setBaseVersion(stored.baseVersion);
      setState({
        kind: "offline",
        message: `${Object.keys(kept).length} unsaved change(s) from your last visit were kept on this device; sending them now.`,
      });
    } catch {
      localStorage.removeItem(storageKey);
    }
  }, []);

  useEffect(() => {
    if (!enabled) return;
    if (Object.keys(pending).length === 0) localStorage.removeItem(storageKey);
    else
      localStorage.setItem(storageKey, JSON.stringify({ baseVersion, pending } satisfies Stored));
  }, [enabled, pending, baseVersion, storageKey]);

  const clientErrors = useMemo(() => {
    const errors: Record<string, string> = {};
    for (const [key, raw] of Object.entries(pending)) {
      const spec = specs.get(key);
      if (!spec) continue;
      const result = checkField(spec, raw);
      if (!result.ok) errors[key] = result.message;
    }
    return errors;
  }, [pending, specs]);

  const mutation = useMutation({
    // Always try: offline, TanStack Query would pause the save silently; this hook keeps the
    // changes and says so, and sends them when the connection returns.
    networkMode: "always",
    mutationFn: (body: { baseVersion: number; changes: Record<string, string> }) =>
      api<{ version: number; savedAt: string; values: Record<string, string> }>(
        `/api/reports/${reportId}`,
        { method: "PATCH", body },
      ),
  });

  const flush = useCallback(async () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const { pending: now, baseVersion: base, state: current } = latest.current;
    // A ref, not React state: two calls in the same tick (blur and timer) must not both send.
    if (!enabled || inFlight.current || current.kind === "conflict" || current.kind === "locked")
      return;
    const changes: Record<string, string> = {};
    for (const [key, raw] of Object.entries(now)) {
      const spec = specs.get(key);
      if (spec && checkField(spec, raw).ok) changes[key] = raw;
    }
    if (Object.keys(changes).length === 0) return;
    // The browser says it has no connection: nothing is sent (a request could still slip out
    // while the browser is switching), the changes wait here and go when it says `online`.
    if (typeof navigator !== "undefined" && navigator.onLine === false) {
      setState({ kind: "offline", message: OFFLINE_MESSAGE });
      return;
    }
    setState({ kind: "saving" });
    inFlight.current = true;
    try {
      const result = await mutation.mutateAsync({ baseVersion: base, changes });
      latest.current.baseVersion = result.version;
      retries.current = 0;
      setSaved((before) => ({ ...before, ...result.values }));
      setBaseVersion(result.version);
      setPending((before) => {
        const next = { ...before };
        for (const [key, sent] of Object.entries(changes)) if (next[key] === sent) delete next[key];
        return next;
      });
      setServerErrors((before) => {
        const next = { ...before };
        for (const key of Object.keys(changes)) delete next[key];
        return next;
      });
      setTheirs((before) => {
        const next = { ...before };
        for (const key of Object.keys(changes)) delete next[key];
        return next;
      });
      setState({ kind: "saved", at: result.savedAt });
    } catch (error) {
      if (error instanceof HttpError && error.status === 409 && error.details.conflict) {
        setState({
          kind: "conflict",
          message: error.message,
          conflict: error.details.conflict as Conflict,
        });
      } else if (error instanceof HttpError && error.status === 409) {
        setState({ kind: "locked", message: error.message });
      } else if (error instanceof HttpError && error.status === 400) {
        const fieldErrors = (error.details.fieldErrors ?? {}) as Record<string, string>;
        setServerErrors((before) => ({ ...before, ...fieldErrors }));
        setState({ kind: "error", message: error.message });
      } else if (error instanceof HttpError && error.status === 401) {
        setState({
          kind: "error",
          message:
            "Your session has ended. Your changes are kept on this device: sign in again in another tab, then come back here.",
        });
      } else if (error instanceof HttpError && error.status < 500) {
        setState({ kind: "locked", message: error.message });
      } else {
        retries.current += 1;
        setState({
          kind: "offline",
          message:
            error instanceof HttpError
              ? "The server could not save just now. Your changes are kept on this device and will be sent again shortly."
              : OFFLINE_MESSAGE,
        });
        const delay = Math.min(30_000, 1000 * 2 ** Math.min(retries.current, 5));
        timer.current = setTimeout(() => void flush(), delay);
      }
    } finally {
      inFlight.current = false;
    }
  }, [enabled, mutation, specs]);

  // Whatever is still pending after a save goes out next.
  useEffect(() => {
    if (inFlight.current || state.kind !== "saved") return;
    if (Object.keys(pending).some((key) => !clientErrors[key] && !serverErrors[key]))
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  }, [state.kind, pending, clientErrors, serverErrors, flush]);

  useEffect(() => {
    const online = () => void flush();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [flush]);

  // Flush on mount when changes were restored from this device.
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || Object.keys(pending).length === 0) return;
    restored.current = true;
    timer.current = setTimeout(() => void flush(), 50);
  }, [pending, flush]);

  const change = useCallback(
    (key: string, raw: string) => {
      setPending((before) => ({ ...before, [key]: raw }));
      setServerErrors((before) => {
        if (!(key in before)) return before;
        const next = { ...before };
        delete next[key];
        return next;
      });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  /** After a conflict: take the other person's version, keep my pending changes on top of it. */
  const keepMine = useCallback(() => {
    if (state.kind !== "conflict") return;
    const { conflict } = state;
    setSaved((before) => ({ ...before, ...conflict.theirs }));
    setTheirs(
      Object.fromEntries(
        Object.entries(conflict.theirs).filter(
          ([key, value]) => key in latest.current.pending && latest.current.pending[key] !== value,
        ),
      ),
    );
    // Their changes to fields I did not touch are simply taken.
    setBaseVersion(conflict.currentVersion);
    latest.current.baseVersion = conflict.currentVersion;
    setState({ kind: "idle" });
    latest.current.state = { kind: "idle" };
    void flush();
  }, [state, flush]);

  /** After a conflict: drop my pending changes and load the report as it is now. */
  const discardMine = useCallback(() => {
    localStorage.removeItem(storageKey);
    window.location.reload();
  }, [storageKey]);

  const value = (key: string) => pending[key] ?? saved[key] ?? "";
  const errorFor = (key: string) => clientErrors[key] ?? serverErrors[key];
  return {
    value,
    errorFor,
    theirs,
    change,
    flush,
    keepMine,
    discardMine,
    state,
    baseVersion,
    saved,
    pendingCount: Object.keys(pending).length,
    hasErrors: Object.keys(clientErrors).length + Object.keys(serverErrors).length > 0,
    isSaving: mutation.isPending,
  };
}
