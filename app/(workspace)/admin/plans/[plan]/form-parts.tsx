"use client";

import { startTransition, useActionState, useState } from "react";
import { FormMessage } from "@/app/_components/field";
import type { FormState } from "@/lib/server/form-action";

/** What the framework forms' actions answer: a refused stale save says so (`conflict`). */
export type FrameworkFormState = FormState<{ conflict: boolean; version: string }>;

/**
 * The errors of a refused save, each a link to its field (`#field-<name>`, see Field), so a
 * keyboard or screen-reader user reaches the problem in one step.
 */
export function ErrorSummary({
  errors,
  labels,
}: {
  errors: Record<string, string[] | undefined>;
  labels: Record<string, string>;
}) {
  const entries = Object.entries(errors).filter(([, list]) => list?.length);
  if (entries.length === 0) return null;
  return (
    <div className="problems alert alert-error">
      <h2>Please correct {entries.length === 1 ? "this field" : "these fields"}</h2>
      <ul>
        {entries.map(([name, list]) => (
          <li key={name}>
            <a href={`#field-${name}`}>
              {labels[name] ?? name}: {list?.join(" ")}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A refused stale save: the message names who changed the record and when; the admin's text
 * stays in the form below, and this link loads the current values (a full page load, so the
 * form starts again from them).
 */
export function ConflictNotice({ message, reloadHref }: { message: string; reloadHref: string }) {
  return (
    <div className="alert alert-error conflict" role="alert">
      <p>{message}</p>
      <p>
        <a href={reloadHref}>Load the current values</a> (what you typed here will be lost; copy it
        first if you need it).
      </p>
    </div>
  );
}

/**
 * Deleting a record: a first button asks for confirmation, with a reason field when the plan
 * is published (the public change log shows it); only the second button deletes. A refusal
 * (data still uses the record, a stale page) is shown in place and nothing else changes.
 */
export function DeleteForm({
  action,
  hidden,
  what,
  published,
  blocked,
}: {
  action: (state: FrameworkFormState, data: FormData) => Promise<FrameworkFormState>;
  hidden: Record<string, string>;
  /** "this milestone" */
  what: string;
  published: boolean;
  /** Why it cannot be deleted now, shown instead of the button. */
  blocked?: string | null;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  const reasonErrors = state.fieldErrors?.reason?.join(" ");
  if (blocked) return <p className="meta">{blocked}</p>;
  return (
    <form
      action={formAction}
      className="form"
      onSubmit={(event) => {
        // Dispatched by hand: React's form action would reset the reason after a refusal.
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state.message ? <FormMessage ok={state.ok} message={state.message} /> : null}
      {confirming ? (
        <>
          <p>
            <strong>Delete {what}?</strong> This cannot be undone.
          </p>
          {published ? (
            // Not <Field>: its id comes from the name, and the edit form above has a "reason" too.
            <div className="field">
              <label htmlFor="delete-reason">Reason for deleting (required)</label>
              <span className="hint" id="delete-reason-hint">
                This plan is published: the public change log shows the deletion and its reason.
              </span>
              {reasonErrors ? (
                <span className="field-error" id="delete-reason-error">
                  {reasonErrors}
                </span>
              ) : null}
              <textarea
                id="delete-reason"
                name="reason"
                rows={2}
                maxLength={1000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                aria-invalid={reasonErrors ? true : undefined}
                aria-describedby={`delete-reason-hint${reasonErrors ? " delete-reason-error" : ""}`}
              />
            </div>
          ) : null}
          <div className="toolbar">
            <button type="submit" className="button" disabled={pending}>
              {pending ? "Deleting…" : `Yes, delete ${what}`}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setConfirming(false)}
            >
              Cancel
            </button>
          </div>
        </>
      ) : (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setConfirming(true)}
        >
          Delete {what}…
        </button>
      )}
    </form>
  );
}
