"use client";

import Link from "next/link";
import { type FormEvent, startTransition, useActionState, useState } from "react";
import { Field, FormMessage } from "@/app/_components/field";
import { ACTIVITY_STATUS_LABELS, QUARTERS } from "@/lib/action-plans/schemas";
import { ACTIVITY_STATUSES } from "@/lib/domain/enums";
import { type ActionPlanFormState, saveActivityAction } from "../actions";

export type ActivityDefaults = {
  id: number;
  outputId: number;
  description: string;
  quarters: number;
  budgetNeeded: number | null;
  budgetAllocated: number | null;
  amountSpent: number | null;
  fundingSource: string | null;
  status: string;
};

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

/** Adds an activity, or changes the one given; keeps what was typed when something is wrong. */
export function ActivityForm({
  actionPlanId,
  version,
  currency,
  outputs,
  activity,
}: {
  actionPlanId: number;
  version: number;
  currency: string;
  outputs: { id: number; code: string; title: string }[];
  activity?: ActivityDefaults;
}) {
  const [state, action, pending] = useActionState<ActionPlanFormState, FormData>(
    saveActivityAction,
    { ok: false },
  );
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  const value = (key: string, fallback: string) => values[key] ?? fallback;
  const quarters = Number(value("quarters", String(activity?.quarters ?? 0)));
  // React resets a form after its action, and a select does not get its default back (the
  // user's choice would be lost on an error): with script, the form is sent without the reset.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  const [outputId, setOutputId] = useState(text(activity?.outputId));
  const [status, setStatus] = useState<string>(activity?.status ?? "planned");
  const title = activity ? "Change the activity" : "Add an activity";
  return (
    <form
      action={action}
      onSubmit={submit}
      className="card form activity-form"
      noValidate
      aria-label={title}
    >
      <h2 id="activity-form-title">{title}</h2>
      <FormMessage ok={state.ok} message={state.message} />
      <input type="hidden" name="actionPlanId" value={actionPlanId} />
      <input type="hidden" name="version" value={version} />
      {activity ? <input type="hidden" name="activityId" value={activity.id} /> : null}
      <Field name="outputId" label="Output" errors={errors.outputId}>
        {(props) => (
          <select {...props} value={outputId} onChange={(e) => setOutputId(e.target.value)}>
            <option value="">Choose an output</option>
            {outputs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.code} {o.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="description"
        label="Activity"
        hint="What will be done, in 3 to 500 characters."
        errors={errors.description}
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            defaultValue={value("description", activity?.description ?? "")}
          />
        )}
      </Field>
      <fieldset
        className="quarters"
        aria-describedby={errors.quarters ? "field-quarters-error" : undefined}
      >
        <legend>Quarters planned (of the plan's year)</legend>
        {errors.quarters ? (
          <span className="field-error" id="field-quarters-error">
            {errors.quarters.join(" ")}
          </span>
        ) : null}
        {QUARTERS.map((q) => (
          <label key={q.bit} className="checkbox">
            <input
              type="checkbox"
              name="quarter"
              value={q.bit}
              defaultChecked={(quarters & q.bit) !== 0}
            />{" "}
            {q.label}
          </label>
        ))}
      </fieldset>
      <div className="money-fields">
        {(
          [
            ["budgetNeeded", "Budget needed", activity?.budgetNeeded],
            ["budgetAllocated", "Budget allocated", activity?.budgetAllocated],
            ["amountSpent", "Amount spent", activity?.amountSpent],
          ] as const
        ).map(([name, label, stored]) => (
          <Field
            key={name}
            name={name}
            label={`${label} (${currency})`}
            hint="Figures, at most two decimals; may be left empty."
            errors={errors[name]}
          >
            {(props) => (
              <input
                {...props}
                inputMode="decimal"
                autoComplete="off"
                defaultValue={value(name, text(stored))}
              />
            )}
          </Field>
        ))}
      </div>
      <Field name="fundingSource" label="Funding source" errors={errors.fundingSource}>
        {(props) => (
          <input {...props} defaultValue={value("fundingSource", activity?.fundingSource ?? "")} />
        )}
      </Field>
      <Field name="status" label="Status" errors={errors.status}>
        {(props) => (
          <select {...props} value={status} onChange={(e) => setStatus(e.target.value)}>
            {ACTIVITY_STATUSES.map((status) => (
              <option key={status} value={status}>
                {ACTIVITY_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="toolbar">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : activity ? "Save the activity" : "Add the activity"}
        </button>
        {activity ? (
          <Link href={`/workspace/action-plans/${actionPlanId}#activities`}>Cancel</Link>
        ) : null}
      </div>
    </form>
  );
}
