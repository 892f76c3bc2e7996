"use client";

import { useActionState, useState } from "react";
import { Field, FormMessage } from "@/app/_components/field";
import {
  deadlineProblem,
  REASON_MAX,
  setPeriodStatusSchema,
  updateDeadlineSchema,
} from "@/lib/periods/schemas";
import type { FormState } from "@/lib/server/form-action";
import { setPeriodStatusAction, updateDeadlineAction } from "../actions";
import { issuesByField, useFormChecks } from "../form-checks";

export function DeadlineForm({
  periodId,
  code,
  startDate,
  deadline,
}: {
  periodId: number;
  code: string;
  startDate: string;
  deadline: string;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(updateDeadlineAction, {
    ok: false,
  });
  const checks = useFormChecks(state, formAction);
  const [value, setValue] = useState(deadline);
  const parsed = updateDeadlineSchema.safeParse({ periodId, deadline: value });
  const errors = issuesByField(parsed.error);
  const problem = parsed.success ? deadlineProblem([{ code, start: startDate }], value) : null;
  if (problem) errors.deadline = [problem];
  return (
    <form action={formAction} onSubmit={checks.submit} className="card form" noValidate>
      <FormMessage ok={state.ok} message={state.message} />
      <input type="hidden" name="periodId" value={periodId} />
      <Field
        name="deadline"
        label="Submission deadline"
        hint="The last day on which institutions can submit their report for this period."
        errors={checks.errorsFor("deadline", errors)}
      >
        {(props) => (
          <input
            {...props}
            type="date"
            value={value}
            min={startDate}
            required
            onChange={(event) => {
              setValue(event.target.value);
              checks.touch("deadline");
            }}
          />
        )}
      </Field>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Change the deadline"}
      </button>
    </form>
  );
}

export function StatusForm({
  periodId,
  status,
  planClosed,
  drafts,
}: {
  periodId: number;
  status: "open" | "closed";
  planClosed: boolean;
  drafts: number;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(setPeriodStatusAction, {
    ok: false,
  });
  const [reason, setReason] = useState("");
  // Once the change is made the reason is spent: the next change needs its own.
  const checks = useFormChecks(state, formAction, (answer) => {
    if (answer.ok) setReason("");
  });
  const target = status === "open" ? "closed" : "open";
  const parsed = setPeriodStatusSchema.safeParse({ periodId, status: target, reason });
  const errors = issuesByField(parsed.error);

  if (target === "open" && planClosed) {
    return (
      <div className="card">
        <FormMessage ok={state.ok} message={state.message} />
        <p>The plan is closed, so its periods stay closed.</p>
      </div>
    );
  }
  const draftsNote =
    drafts === 0
      ? "No report of this period is in draft."
      : `${drafts} ${drafts === 1 ? "report is" : "reports are"} in draft.`;
  return (
    <form action={formAction} onSubmit={checks.submit} className="card form" noValidate>
      <FormMessage ok={state.ok} message={state.message} />
      <input type="hidden" name="periodId" value={periodId} />
      <input type="hidden" name="status" value={target} />
      <p>
        {target === "closed"
          ? `Closing stops institutions editing and submitting their drafts for this period. ${draftsNote}`
          : `Reopening lets institutions edit and submit their drafts again. ${draftsNote}`}
      </p>
      <Field
        name="reason"
        label={target === "closed" ? "Reason (optional)" : "Reason"}
        hint="Kept in the audit log with your name."
        errors={checks.errorsFor("reason", errors)}
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            maxLength={REASON_MAX}
            value={reason}
            required={target === "open"}
            onChange={(event) => {
              setReason(event.target.value);
              checks.touch("reason");
            }}
          />
        )}
      </Field>
      <button
        className={target === "closed" ? "button button-secondary" : "button"}
        type="submit"
        disabled={pending}
      >
        {pending ? "Saving…" : target === "closed" ? "Close the period" : "Reopen the period"}
      </button>
    </form>
  );
}
