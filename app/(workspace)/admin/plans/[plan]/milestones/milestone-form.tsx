"use client";

import { useActionState, useState } from "react";
import { Field, FormMessage } from "@/app/_components/field";
import { MILESTONE_STATUSES } from "@/lib/domain/enums";
import { MILESTONE_STATUS_LABELS } from "@/lib/format";
import { milestoneFormSchema, milestoneNeedsReason } from "@/lib/framework/milestone-schema";
import type { MilestoneFormData } from "@/lib/framework/milestones";
import { issuesByField, useFormChecks } from "../../../periods/form-checks";
import { ConflictNotice, ErrorSummary, type FrameworkFormState } from "../form-parts";
import { createMilestoneAction, updateMilestoneAction } from "./actions";

const LABELS: Record<string, string> = {
  title: "Title",
  description: "Description",
  dueDate: "Due date",
  status: "Status",
  responsible: "Responsible institution",
  reason: "Reason",
};

/**
 * One form for a new milestone (under `data.output`) and for an existing one (`id`). The same
 * schema as the server checks as the admin types; nothing typed is lost on a refusal, a stale
 * save included (it offers to load the current values instead).
 */
export function MilestoneForm({ data, id }: { data: MilestoneFormData; id?: number }) {
  const [state, formAction, pending] = useActionState<FrameworkFormState, FormData>(
    id ? updateMilestoneAction : createMilestoneAction,
    { ok: false },
  );
  const [values, setValues] = useState<Record<string, string>>(data.values);
  const checks = useFormChecks(state, formAction, (answer) => {
    if (!answer.ok) return;
    // A new milestone was added: start the next one empty. An edit: the reason belonged to
    // that save, and the next save starts from the version just written.
    if (!id) setValues(data.values);
    else
      setValues((v) => ({
        ...v,
        reason: "",
        version: (answer as FrameworkFormState).version ?? v.version ?? "",
      }));
  });
  const { plan, context } = data;
  const parsed = milestoneFormSchema(context).safeParse(values);
  const clientErrors = issuesByField(parsed.error);
  const errorsFor = (name: string) => checks.errorsFor(name, clientErrors);
  const set = (name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    checks.touch(name);
  };
  const input = (name: string) => ({
    value: values[name] ?? "",
    onChange: (e: { target: { value: string } }) => set(name, e.target.value),
  });
  const needsReason = milestoneNeedsReason(context, (values.dueDate ?? "").trim());
  const shown = Object.fromEntries(Object.keys(LABELS).map((name) => [name, errorsFor(name)]));
  const self = id
    ? `/admin/plans/${plan.slug}/milestones/${id}`
    : `/admin/plans/${plan.slug}/outputs/${data.output.code}/milestones`;

  return (
    <form action={formAction} onSubmit={checks.submit} className="card form" noValidate>
      {state.conflict && state.message ? (
        <ConflictNotice message={state.message} reloadHref={self} />
      ) : (
        <FormMessage ok={state.ok} message={state.message} />
      )}
      {!state.ok && state.message ? <ErrorSummary errors={shown} labels={LABELS} /> : null}
      <input type="hidden" name="plan" value={plan.slug} />
      {id ? (
        <>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="version" value={values.version ?? ""} />
        </>
      ) : (
        <input type="hidden" name="output" value={data.output.code} />
      )}
      <Field name="title" label="Title" errors={errorsFor("title")}>
        {(props) => <input {...props} {...input("title")} maxLength={500} required />}
      </Field>
      <Field name="description" label="Description (optional)" errors={errorsFor("description")}>
        {(props) => <textarea {...props} {...input("description")} rows={3} maxLength={2000} />}
      </Field>
      <Field
        name="dueDate"
        label="Due date"
        hint={`Within the plan's years (${context.startYear}–${context.endYear}) or one year either side.`}
        errors={errorsFor("dueDate")}
      >
        {(props) => <input {...props} {...input("dueDate")} type="date" required />}
      </Field>
      {plan.published && id ? (
        <Field
          name="reason"
          label={needsReason ? "Reason for moving the due date (required)" : "Reason (optional)"}
          hint="Shown to the public in the plan's change log."
          errors={errorsFor("reason")}
        >
          {(props) => <textarea {...props} {...input("reason")} rows={2} maxLength={1000} />}
        </Field>
      ) : null}
      <Field name="status" label="Status" errors={errorsFor("status")}>
        {(props) => (
          <select {...props} {...input("status")}>
            {MILESTONE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {MILESTONE_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="responsible" label="Responsible institution" errors={errorsFor("responsible")}>
        {(props) => (
          <select {...props} {...input("responsible")}>
            <option value="">None yet</option>
            {data.institutions.map((i) => (
              <option key={i.id} value={i.id}>
                {i.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="check">
        <input
          type="checkbox"
          name="illustrative"
          checked={values.illustrative === "on"}
          onChange={(e) => set("illustrative", e.target.checked ? "on" : "")}
        />{" "}
        Illustrative (not from the plan's own framework)
      </label>
      {plan.published && !id ? (
        <Field
          name="reason"
          label="Reason (optional)"
          hint="Shown to the public in the plan's change log."
          errors={errorsFor("reason")}
        >
          {(props) => <textarea {...props} {...input("reason")} rows={2} maxLength={1000} />}
        </Field>
      ) : null}
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : id ? "Save changes" : "Add the milestone"}
      </button>
    </form>
  );
}
