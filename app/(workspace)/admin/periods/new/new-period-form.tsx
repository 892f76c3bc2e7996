"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Field, FormMessage } from "@/app/_components/field";
import { formatDate } from "@/lib/format";
import type { PeriodType } from "@/lib/periods/codes";
import {
  createPeriodsSchema,
  DEFAULT_DEADLINE_DAYS,
  deadlineProblem,
  defaultDeadline,
  PERIOD_TYPE_LABELS,
  PERIOD_UNIT,
  PERIODS_PER_YEAR,
  periodsToCreate,
  yearLabel,
} from "@/lib/periods/schemas";
import { type CreatePeriodsState, createPeriodsAction } from "../actions";
import { type FieldErrors, issuesByField, useFormChecks } from "../form-checks";

export type PlanOption = {
  id: number;
  slug: string;
  title: string;
  startYear: number;
  endYear: number;
  fiscalYearStartMonth: number;
  /** Codes the plan already has, to show duplicates before submitting. */
  codes: string[];
};

type Name = "planId" | "type" | "year" | "index" | "deadline";
type Values = Record<Name, string>;

const TYPES = Object.keys(PERIOD_TYPE_LABELS) as PeriodType[];

function yearsOf(plan: PlanOption | undefined): number[] {
  if (!plan) return [];
  return Array.from({ length: plan.endYear - plan.startYear + 1 }, (_, i) => plan.startYear + i);
}

/**
 * Keeps the choices consistent: a year inside the chosen plan, a half-year or quarter the
 * chosen type has ("all" when it has none), "1" for annual periods.
 */
function normalise(plans: PlanOption[], values: Values): Values {
  const plan = plans.find((p) => String(p.id) === values.planId);
  const years = yearsOf(plan);
  const year =
    years.length && !years.includes(Number(values.year)) ? String(years[0]) : values.year;
  const count = PERIODS_PER_YEAR[values.type as PeriodType] ?? 1;
  let index = values.index;
  if (count === 1) index = "1";
  else if (index !== "all" && !(Number(index) >= 1 && Number(index) <= count)) index = "all";
  return { ...values, year, index };
}

function initialValues(plans: PlanOption[], planId: number | undefined): Values {
  const plan = plans.find((p) => p.id === planId) ?? plans[0];
  // The first year of the plan that has no quarters yet: usually the one to create next.
  const year =
    yearsOf(plan).find(
      (y) =>
        !periodsToCreate({
          type: "quarterly",
          year: y,
          index: "all",
          fiscalStartMonth: plan?.fiscalYearStartMonth ?? 1,
        }).some((p) => plan?.codes.includes(p.code)),
    ) ?? plan?.startYear;
  return normalise(plans, {
    planId: plan ? String(plan.id) : "",
    type: "quarterly",
    year: year ? String(year) : "",
    index: "all",
    deadline: "",
  });
}

export function NewPeriodForm({
  plans,
  initialPlanId,
}: {
  plans: PlanOption[];
  initialPlanId?: number;
}) {
  const [state, formAction, pending] = useActionState<CreatePeriodsState, FormData>(
    createPeriodsAction,
    { ok: false },
  );
  const [values, setValues] = useState<Values>(() => initialValues(plans, initialPlanId));
  const checks = useFormChecks(state, formAction);

  const plan = plans.find((p) => String(p.id) === values.planId);
  const type = values.type as PeriodType;
  const fiscalStartMonth = plan?.fiscalYearStartMonth ?? 1;

  // The same schema as the server, as the user types; then the plan's own rules.
  const parsed = createPeriodsSchema.safeParse(values);
  const clientErrors: FieldErrors = issuesByField(parsed.error);
  const preview =
    parsed.success && plan
      ? periodsToCreate({
          type: parsed.data.type,
          year: parsed.data.year,
          index: parsed.data.all ? "all" : parsed.data.index,
          fiscalStartMonth,
        })
      : [];
  const duplicates = preview.filter((p) => plan?.codes.includes(p.code)).map((p) => p.code);
  // Annual periods have no "which" field: their duplicate is the year's.
  if (duplicates.length) {
    clientErrors[PERIODS_PER_YEAR[type] > 1 ? "index" : "year"] = [
      `${duplicates.join(", ")} already ${duplicates.length === 1 ? "exists" : "exist"} for this plan.`,
    ];
  }
  const deadline = parsed.success ? parsed.data.deadline : undefined;
  const problem = deadlineProblem(preview, deadline);
  if (problem) clientErrors.deadline = [problem];

  const errorsFor = (name: Name) => checks.errorsFor(name, clientErrors);

  const change = (name: Name) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setValues((previous) => normalise(plans, { ...previous, [name]: value }));
    checks.touch(name);
  };

  if (plans.length === 0) {
    return (
      <p className="card">
        Every plan is closed; a closed plan gets no new reporting periods.{" "}
        <Link href="/admin/periods">Back to reporting periods</Link>
      </p>
    );
  }

  const count = PERIODS_PER_YEAR[type] ?? 1;
  const choices = periodsToCreate({
    type,
    year: Number(values.year) || (plan?.startYear ?? 2000),
    index: "all",
    fiscalStartMonth,
  });

  return (
    <form action={formAction} onSubmit={checks.submit} className="card form" noValidate>
      <FormMessage ok={state.ok} message={state.message} />
      {state.ok && state.planSlug ? (
        <p>
          <Link href={`/admin/periods?plan=${state.planSlug}`}>See the plan's periods</Link>
        </p>
      ) : null}
      <Field name="planId" label="Plan" errors={errorsFor("planId")}>
        {(props) => (
          <select {...props} value={values.planId} onChange={change("planId")}>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title.includes(String(p.startYear))
                  ? p.title
                  : `${p.title} (${p.startYear}–${p.endYear})`}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="type" label="Kind of period" errors={errorsFor("type")}>
        {(props) => (
          <select {...props} value={values.type} onChange={change("type")}>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {PERIOD_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="year"
        label="Year"
        hint={
          fiscalStartMonth === 1
            ? "This plan reports by calendar year."
            : "This plan's years are fiscal years, named by the year they start in."
        }
        errors={errorsFor("year")}
      >
        {(props) => (
          <select {...props} value={values.year} onChange={change("year")}>
            {yearsOf(plan).map((y) => (
              <option key={y} value={y}>
                {yearLabel(y, fiscalStartMonth)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {count > 1 ? (
        <Field name="index" label={`Which ${PERIOD_UNIT[type]}`} errors={errorsFor("index")}>
          {(props) => (
            <select {...props} value={values.index} onChange={change("index")}>
              <option value="all">
                All {count} {PERIOD_UNIT[type]}s of the year
              </option>
              {choices.map((p) => (
                <option key={p.code} value={p.index}>
                  {p.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <input type="hidden" name="index" value="1" />
      )}
      <Field
        name="deadline"
        label="Submission deadline (optional)"
        hint={`Leave it empty and each period is due ${DEFAULT_DEADLINE_DAYS} days after it ends.`}
        errors={errorsFor("deadline")}
      >
        {(props) => (
          <input {...props} type="date" value={values.deadline} onChange={change("deadline")} />
        )}
      </Field>

      <section aria-labelledby="preview-heading">
        <h2 id="preview-heading">What will be created</h2>
        <p aria-live="polite">
          {preview.length === 0
            ? "Choose a plan, a kind of period and a year."
            : duplicates.length === preview.length
              ? "Nothing: this plan has these periods already."
              : `${preview.length} ${preview.length === 1 ? "period" : "periods"}: ${preview.map((p) => p.code).join(", ")}.`}
        </p>
        {preview.length ? (
          <ul>
            {preview.map((p) => (
              <li key={p.code}>
                <strong>{p.label}</strong>{" "}
                {plan?.codes.includes(p.code) ? (
                  <span className="badge badge-bad">Already exists</span>
                ) : null}
                <br />
                <span className="meta">
                  Code {p.code} · {formatDate(p.start)} – {formatDate(p.end)} · due{" "}
                  {formatDate(deadline ?? defaultDeadline(p))}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <button className="button" type="submit" disabled={pending}>
        {pending
          ? "Creating…"
          : preview.length > 1
            ? `Create ${preview.length} periods`
            : "Create the period"}
      </button>
    </form>
  );
}
