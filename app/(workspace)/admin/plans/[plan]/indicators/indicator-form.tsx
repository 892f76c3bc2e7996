"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Field, FormMessage } from "@/app/_components/field";
import { COLLECTION_FREQUENCIES, INDICATOR_DIRECTIONS, INDICATOR_UNITS } from "@/lib/domain/enums";
import { DIRECTION_LABELS, FREQUENCY_LABELS, UNIT_LABELS } from "@/lib/format";
import type { IndicatorFormData } from "@/lib/framework/edit";
import {
  dimensionField,
  figuresChanged,
  indicatorFormSchema,
  targetField,
} from "@/lib/framework/edit-schema";
import { issuesByField, useFormChecks } from "../../../periods/form-checks";
import { createIndicatorAction, type IndicatorFormState, updateIndicatorAction } from "../actions";
import { ConflictNotice } from "../form-parts";

/**
 * One form for a new indicator and for an existing one. The same schema as the server checks
 * every field as the admin types (shown once a field is touched or a save was tried); what was
 * typed stays on screen after a refusal, since the form is never reset.
 */
export function IndicatorForm({
  data,
  originalCode,
}: {
  data: IndicatorFormData;
  /** Set when editing. */
  originalCode?: string;
}) {
  const [state, formAction, pending] = useActionState<IndicatorFormState, FormData>(
    originalCode ? updateIndicatorAction : createIndicatorAction,
    { ok: false },
  );
  const [values, setValues] = useState<Record<string, string>>(data.values);
  const checks = useFormChecks(state, formAction, (answer) => {
    // After a save the reason belongs to that save: start the next one without it, from the
    // version just written (a later save from this form is then not mistaken for a stale one).
    const version = (answer as IndicatorFormState).version;
    if (answer.ok) setValues((v) => ({ ...v, reason: "", version: version ?? v.version ?? "" }));
  });
  const { plan, context } = data;

  const parsed = indicatorFormSchema(context).safeParse(values);
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
  const box = (name: string) => ({
    checked: values[name] === "on",
    onChange: (e: { target: { checked: boolean } }) => set(name, e.target.checked ? "on" : ""),
  });

  const years: number[] = [];
  for (let y = plan.startYear; y <= plan.endYear; y++) years.push(y);
  // A published code is a public address: changing it needs a reason too (docs/architecture.md, "Stable
  // public addresses").
  const codeChanged = Boolean(originalCode) && (values.code ?? "").trim() !== originalCode;
  const needsReason =
    plan.published &&
    (codeChanged ||
      (parsed.success
        ? figuresChanged(context.current, parsed.data)
        : context.current === null ||
          ["baselineValue", "baselineYear", "endTarget", ...years.map(targetField)].some(
            (k) => (values[k] ?? "") !== (data.values[k] ?? ""),
          )));

  if (!originalCode && state.ok && state.code) {
    return (
      <div className="card">
        <FormMessage ok message={state.message} />
        <p>
          <Link href={`/admin/plans/${plan.slug}/indicators/${encodeURIComponent(state.code)}`}>
            Open indicator {state.code}
          </Link>{" "}
          ·{" "}
          <Link href={`/plans/${plan.slug}/indicators/${encodeURIComponent(state.code)}`}>
            See it on the public site
          </Link>{" "}
          · <Link href={`/admin/plans/${plan.slug}`}>Back to the plan</Link>
        </p>
      </div>
    );
  }

  return (
    <form action={formAction} onSubmit={checks.submit} className="card form" noValidate>
      {state.conflict && state.message && originalCode ? (
        <ConflictNotice
          message={state.message}
          reloadHref={`/admin/plans/${plan.slug}/indicators/${encodeURIComponent(originalCode)}`}
        />
      ) : (
        <FormMessage ok={state.ok} message={state.message} />
      )}
      <input type="hidden" name="plan" value={plan.slug} />
      {originalCode ? (
        <>
          <input type="hidden" name="originalCode" value={originalCode} />
          <input type="hidden" name="version" value={values.version ?? ""} />
        </>
      ) : null}

      <Field name="parent" label="Belongs to" errors={errorsFor("parent")}>
        {(props) => (
          <select {...props} {...input("parent")}>
            {data.parents.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="code"
        label="Code"
        hint="Unique in this plan, used in addresses and files, like 1.2.a."
        errors={errorsFor("code")}
      >
        {(props) => (
          <input {...props} {...input("code")} maxLength={32} autoComplete="off" required />
        )}
      </Field>
      <Field name="title" label="Title" errors={errorsFor("title")}>
        {(props) => <input {...props} {...input("title")} maxLength={500} required />}
      </Field>
      <Field name="definition" label="Definition (optional)" errors={errorsFor("definition")}>
        {(props) => <textarea {...props} {...input("definition")} rows={3} maxLength={5000} />}
      </Field>
      <Field name="unit" label="Unit" errors={errorsFor("unit")}>
        {(props) => (
          <select {...props} {...input("unit")}>
            {INDICATOR_UNITS.map((u) => (
              <option key={u} value={u}>
                {UNIT_LABELS[u]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="direction" label="Direction" errors={errorsFor("direction")}>
        {(props) => (
          <select {...props} {...input("direction")}>
            {INDICATOR_DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {DIRECTION_LABELS[d]}
              </option>
            ))}
          </select>
        )}
      </Field>

      <fieldset>
        <legend>Baseline and targets</legend>
        {plan.published ? (
          <p className="hint">
            This plan is {plan.status}: changes to the baseline or targets need a reason, and the
            public change log shows them.
          </p>
        ) : null}
        <div className="indicator-figures">
          <Field name="baselineValue" label="Baseline value" errors={errorsFor("baselineValue")}>
            {(props) => <input {...props} {...input("baselineValue")} inputMode="decimal" />}
          </Field>
          <Field name="baselineYear" label="Baseline year" errors={errorsFor("baselineYear")}>
            {(props) => <input {...props} {...input("baselineYear")} inputMode="numeric" />}
          </Field>
          {years.map((year) => (
            <Field
              key={year}
              name={targetField(year)}
              label={`Target ${year}`}
              errors={errorsFor(targetField(year))}
            >
              {(props) => <input {...props} {...input(targetField(year))} inputMode="decimal" />}
            </Field>
          ))}
          <Field
            name="endTarget"
            label={`End target (${plan.endYear})`}
            errors={errorsFor("endTarget")}
          >
            {(props) => <input {...props} {...input("endTarget")} inputMode="decimal" />}
          </Field>
        </div>
      </fieldset>

      {plan.published ? (
        <Field
          name="reason"
          label={needsReason ? "Reason for this change (required)" : "Reason (optional)"}
          hint={
            codeChanged
              ? "Shown to the public in the plan's change log. The old code's address will lead to the new one."
              : "Shown to the public in the plan's change log."
          }
          errors={errorsFor("reason")}
        >
          {(props) => <textarea {...props} {...input("reason")} rows={2} maxLength={1000} />}
        </Field>
      ) : null}

      <Field name="dataSource" label="Data source (optional)" errors={errorsFor("dataSource")}>
        {(props) => <input {...props} {...input("dataSource")} maxLength={1000} />}
      </Field>
      <Field name="collectionFrequency" label="Collected" errors={errorsFor("collectionFrequency")}>
        {(props) => (
          <select {...props} {...input("collectionFrequency")}>
            {COLLECTION_FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {FREQUENCY_LABELS[f]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="responsible"
        label="Responsible institution"
        hint="It reports this indicator's values."
        errors={errorsFor("responsible")}
      >
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
      {data.dimensions.length ? (
        <fieldset>
          <legend>Broken down by</legend>
          {data.dimensions.map((d) => (
            <label key={d.key} className="check">
              <input type="checkbox" name={dimensionField(d.key)} {...box(dimensionField(d.key))} />{" "}
              {d.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <fieldset>
        <legend>Publication</legend>
        <label className="check">
          <input type="checkbox" name="sensitive" {...box("sensitive")} /> Sensitive: public pages
          withhold small counts
        </label>
        <label className="check">
          <input type="checkbox" name="illustrative" {...box("illustrative")} /> Illustrative
          figures (not from a real source)
        </label>
      </fieldset>
      <Field
        name="provenance"
        label="Provenance (optional)"
        hint="Where the baseline and target figures come from; shown to the public."
        errors={errorsFor("provenance")}
      >
        {(props) => <textarea {...props} {...input("provenance")} rows={2} maxLength={2000} />}
      </Field>

      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : originalCode ? "Save changes" : "Add the indicator"}
      </button>
    </form>
  );
}
