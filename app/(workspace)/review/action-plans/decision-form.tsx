"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/_components/field";
import { type DecisionFormState, decideActionPlanAction } from "./actions";

/** Approve or return a submitted plan, or reopen an approved one; a return or reopen needs a reason. */
export function DecisionForm({
  actionPlanId,
  version,
  mode,
}: {
  actionPlanId: number;
  version: number;
  mode: "review" | "reopen";
}) {
  const [state, action, pending] = useActionState<DecisionFormState, FormData>(
    decideActionPlanAction,
    { ok: false },
  );
  const errors = state.fieldErrors ?? {};
  const title = mode === "review" ? "Your decision" : "Reopen the action plan";
  return (
    <form
      action={action}
      className="card form review-box"
      aria-labelledby="decision-title"
      noValidate
    >
      <h2 id="decision-title">{title}</h2>
      <FormMessage ok={state.ok} message={state.message} />
      <input type="hidden" name="actionPlanId" value={actionPlanId} />
      <input type="hidden" name="version" value={version} />
      <Field
        name="reason"
        label={mode === "review" ? "Reason (needed to return the plan)" : "Reason for reopening"}
        hint="The institution reads it."
        errors={errors.reason}
      >
        {(props) => <textarea {...props} rows={3} defaultValue={state.values?.reason ?? ""} />}
      </Field>
      <div className="toolbar">
        {mode === "review" ? (
          <>
            <button
              className="button"
              type="submit"
              name="decision"
              value="approve"
              disabled={pending}
            >
              Approve the action plan
            </button>
            <button
              className="button button-secondary"
              type="submit"
              name="decision"
              value="return"
              disabled={pending}
            >
              Return it with the reason
            </button>
          </>
        ) : (
          <button
            className="button"
            type="submit"
            name="decision"
            value="reopen"
            disabled={pending}
          >
            Reopen as a draft
          </button>
        )}
      </div>
    </form>
  );
}
