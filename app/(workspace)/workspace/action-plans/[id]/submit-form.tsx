"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/_components/field";
import { type ActionPlanFormState, submitActionPlanAction } from "../actions";

export function SubmitForm({ actionPlanId, version }: { actionPlanId: number; version: number }) {
  const [state, action, pending] = useActionState<ActionPlanFormState, FormData>(
    submitActionPlanAction,
    { ok: false },
  );
  return (
    <form action={action} className="card" aria-labelledby="submit-title">
      <h2 id="submit-title">Submit for review</h2>
      <p>
        Once submitted, the plan is locked while the steering committee reviews it. It needs at
        least one activity.
      </p>
      <FormMessage ok={state.ok} message={state.message} />
      <input type="hidden" name="actionPlanId" value={actionPlanId} />
      <input type="hidden" name="version" value={version} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Submitting…" : "Submit the action plan"}
      </button>
    </form>
  );
}
