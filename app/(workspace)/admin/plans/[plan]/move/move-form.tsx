"use client";

import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import { FormMessage } from "@/app/_components/field";
import type { FormState } from "@/lib/server/form-action";
import { moveWithReasonAction } from "./actions";

/**
 * The confirmation of a move on a published plan: nothing moves until its button is pressed,
 * with a reason (the public change log shows it). Works without JavaScript; with it, a refusal
 * keeps what was typed.
 */
export function MoveForm({
  hidden,
  what,
  direction,
  backHref,
}: {
  hidden: Record<string, string>;
  /** "Objective 1", "output 1.2", "indicator 1.1.a" */
  what: string;
  direction: "up" | "down";
  backHref: string;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(moveWithReasonAction, {
    ok: false,
  });
  const [reason, setReason] = useState(state.values?.reason ?? "");
  const reasonErrors = state.fieldErrors?.reason?.join(" ");
  return (
    <form
      action={formAction}
      className="card form"
      noValidate
      onSubmit={(event) => {
        // Dispatched by hand: React's form action would reset the reason after a refusal.
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      {state.message ? <FormMessage ok={state.ok} message={state.message} /> : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="field">
        <label htmlFor="field-reason">Reason for the change (required)</label>
        <span className="hint" id="field-reason-hint">
          This plan is published: the public change log shows the move and this reason. Numbers and
          codes stay as they are; only the order changes. At least 5 characters.
        </span>
        {reasonErrors ? (
          <span className="field-error" id="field-reason-error">
            {reasonErrors}
          </span>
        ) : null}
        <textarea
          id="field-reason"
          name="reason"
          rows={3}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={reasonErrors ? true : undefined}
          aria-describedby={`field-reason-hint${reasonErrors ? " field-reason-error" : ""}`}
        />
      </div>
      <div className="toolbar">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Moving…" : `Move ${what} ${direction}`}
        </button>
        <Link href={backHref} className="button button-secondary">
          Cancel
        </Link>
      </div>
    </form>
  );
}
