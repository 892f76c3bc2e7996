"use client";

import { startTransition, useActionState, useState } from "react";
import type { z } from "zod";
import { Field, FormMessage } from "@/app/_components/field";
import {
  institutionSchema,
  type PlanFormContext,
  planDetailsSchema,
  responsibilitySchema,
  structureItemSchema,
} from "@/lib/framework/structure-schema";
import type { FormState } from "@/lib/server/form-action";
import {
  createInstitutionAction,
  setInstitutionActiveAction,
  updateInstitutionAction,
} from "../institutions/actions";
import { issuesByField, useFormChecks } from "../periods/form-checks";
import {
  changePlanStatusAction,
  createOutputAction,
  createPillarAction,
  createPlanAction,
  deleteOutputAction,
  deletePillarAction,
  setResponsibilitiesAction,
  updateOutputAction,
  updatePillarAction,
  updatePlanAction,
} from "./structure-actions";

export type FieldSpec = {
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "textarea" | "select" | "checkbox";
  /** For a select: the choices; `group` limits a choice to when `filterBy`'s value matches it. */
  options?: { value: string; label: string; group?: string }[];
  filterBy?: string;
  maxLength?: number;
  inputMode?: "numeric" | "decimal";
};

export type FormSection = { legend?: string; hint?: string; fields: FieldSpec[] };

const FORMS = {
  "plan.create": createPlanAction,
  "plan.update": updatePlanAction,
  "pillar.create": createPillarAction,
  "pillar.update": updatePillarAction,
  "output.create": createOutputAction,
  "output.update": updateOutputAction,
  responsibility: setResponsibilitiesAction,
  "institution.create": createInstitutionAction,
  "institution.update": updateInstitutionAction,
} as const;
export type FormKind = keyof typeof FORMS;

/** What the browser needs to run the server's rules as the admin types. */
export type FormContext = {
  plan?: PlanFormContext;
  institutionIds?: number[];
  countryCode?: string;
};

function schemaFor(kind: FormKind, ctx: FormContext): z.ZodType {
  switch (kind) {
    case "plan.create":
    case "plan.update":
      return planDetailsSchema(ctx.plan ?? { creating: kind === "plan.create", institutions: [] });
    case "responsibility":
      return responsibilitySchema(ctx.institutionIds ?? []);
    case "institution.create":
      return institutionSchema({ creating: true });
    case "institution.update":
      return institutionSchema({ creating: false, countryCode: ctx.countryCode });
    default:
      return structureItemSchema;
  }
}

/**
 * The structure editor's forms (plan details, pillar, output, responsibilities, institution):
 * the same zod rules as the server check each field as the admin types (shown once it is
 * touched or a save was tried); a refusal lists every problem at the top, each linked to its
 * field, and what was typed stays (the form is dispatched by hand, never reset).
 */
export function StructureForm({
  kind,
  sections,
  values: initial,
  hidden,
  context = {},
  submitLabel,
}: {
  kind: FormKind;
  sections: FormSection[];
  values: Record<string, string>;
  hidden: Record<string, string>;
  context?: FormContext;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(FORMS[kind], {
    ok: false,
  });
  const [values, setValues] = useState<Record<string, string>>(initial);
  const checks = useFormChecks(state, formAction);
  const parsed = schemaFor(kind, context).safeParse(values);
  const clientErrors = issuesByField(parsed.error);
  const errorsFor = (name: string) => checks.errorsFor(name, clientErrors);
  const set = (name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    checks.touch(name);
  };

  const fields = sections.flatMap((s) => s.fields);
  const problems = fields
    .map((f) => ({ field: f, errors: errorsFor(f.name) }))
    .filter((p) => p.errors?.length);
  const refused = !state.ok && state.message !== undefined;

  const control = (f: FieldSpec) => {
    if (f.type === "checkbox") {
      const errors = errorsFor(f.name);
      return (
        <div key={f.name} className="field">
          {errors?.length ? (
            <span className="field-error" id={`field-${f.name}-error`}>
              {errors.join(" ")}
            </span>
          ) : null}
          <label className="check">
            <input
              type="checkbox"
              id={`field-${f.name}`}
              name={f.name}
              checked={values[f.name] === "on"}
              onChange={(e) => set(f.name, e.target.checked ? "on" : "")}
              {...(errors?.length
                ? { "aria-invalid": true, "aria-describedby": `field-${f.name}-error` }
                : {})}
            />{" "}
            {f.label}
          </label>
        </div>
      );
    }
    return (
      <Field key={f.name} name={f.name} label={f.label} hint={f.hint} errors={errorsFor(f.name)}>
        {(props) => {
          const common = {
            ...props,
            value: values[f.name] ?? "",
            onChange: (e: { target: { value: string } }) => set(f.name, e.target.value),
          };
          if (f.type === "textarea")
            return <textarea {...common} rows={3} maxLength={f.maxLength} />;
          if (f.type === "select") {
            const filter = f.filterBy ? (values[f.filterBy] ?? "").trim().toUpperCase() : null;
            return (
              <select {...common}>
                {(f.options ?? [])
                  .filter((o) => filter === null || !o.group || o.group === filter)
                  .map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
              </select>
            );
          }
          return (
            <input {...common} maxLength={f.maxLength} inputMode={f.inputMode} autoComplete="off" />
          );
        }}
      </Field>
    );
  };

  return (
    <form action={formAction} onSubmit={checks.submit} className="card form" noValidate>
      {refused && problems.length ? (
        <div className="alert alert-error" role="alert">
          <p>{state.message}</p>
          <ul>
            {problems.map((p) => (
              <li key={p.field.name}>
                <a href={`#field-${p.field.name}`}>
                  {p.field.label}: {p.errors?.join(" ")}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <FormMessage ok={state.ok} message={state.message} />
      )}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {sections.map((section, i) =>
        section.legend ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: sections are fixed per form
          <fieldset key={i}>
            <legend>{section.legend}</legend>
            {section.hint ? <p className="hint">{section.hint}</p> : null}
            {section.fields.map(control)}
          </fieldset>
        ) : (
          section.fields.map(control)
        ),
      )}
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}

const ACTIONS = {
  "plan.status": changePlanStatusAction,
  "pillar.delete": deletePillarAction,
  "output.delete": deleteOutputAction,
  "institution.active": setInstitutionActiveAction,
} as const;

/**
 * One explicit step (activate or close a plan, delete a pillar or output, deactivate an
 * institution): optionally behind a confirmation box the server checks too; a refusal says
 * why in place.
 */
export function ActionForm({
  kind,
  hidden,
  confirm,
  buttonLabel,
  secondary,
  small,
  accessibleLabel,
  reason,
}: {
  kind: keyof typeof ACTIONS;
  /** A published plan's step: the hint of a required reason field (the public change log shows it). */
  reason?: string;
  hidden: Record<string, string>;
  /** The sentence the admin ticks to confirm; none for a step that needs no confirmation. */
  confirm?: string;
  buttonLabel: string;
  secondary?: boolean;
  /** A compact button (in a table row), named in full for screen readers. */
  small?: boolean;
  accessibleLabel?: string;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(ACTIONS[kind], {
    ok: false,
  });
  const id = `confirm-${kind.replace(".", "-")}-${Object.values(hidden).join("-")}`;
  const [reasonText, setReasonText] = useState(state.values?.reason ?? "");
  const reasonErrors = state.fieldErrors?.reason?.join(" ");
  return (
    <form
      action={formAction}
      className="form"
      onSubmit={
        reason
          ? (event) => {
              // Dispatched by hand: React's form action would reset the reason after a refusal.
              event.preventDefault();
              const data = new FormData(event.currentTarget);
              startTransition(() => formAction(data));
            }
          : undefined
      }
    >
      <FormMessage ok={state.ok} message={state.message} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {reason ? (
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason (required)</label>
          <span className="hint" id={`${id}-reason-hint`}>
            {reason}
          </span>
          {reasonErrors ? (
            <span className="field-error" id={`${id}-reason-error`}>
              {reasonErrors}
            </span>
          ) : null}
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={2}
            maxLength={1000}
            value={reasonText}
            onChange={(e) => setReasonText(e.target.value)}
            aria-invalid={reasonErrors ? true : undefined}
            aria-describedby={`${id}-reason-hint${reasonErrors ? ` ${id}-reason-error` : ""}`}
          />
        </div>
      ) : null}
      {confirm ? (
        <label className="check" htmlFor={id}>
          <input type="checkbox" id={id} name="confirm" /> {confirm}
        </label>
      ) : null}
      <button
        className={`button${secondary ? " button-secondary" : ""}${small ? " button-small" : ""}`}
        type="submit"
        disabled={pending}
        aria-label={accessibleLabel}
      >
        {pending ? "Working…" : buttonLabel}
      </button>
    </form>
  );
}
