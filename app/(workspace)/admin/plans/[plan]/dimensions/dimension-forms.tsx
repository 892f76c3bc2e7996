"use client";

import { useActionState, useState } from "react";
import type { z } from "zod";
import { Field, FormMessage } from "@/app/_components/field";
import {
  type CategoryFormContext,
  categoryFormSchema,
  dimensionNameSchema,
  newDimensionSchema,
} from "@/lib/framework/dimension-schema";
import { issuesByField, useFormChecks } from "../../../periods/form-checks";
import { ConflictNotice, ErrorSummary, type FrameworkFormState } from "../form-parts";
import {
  createCategoryAction,
  createDimensionAction,
  renameDimensionAction,
  updateCategoryAction,
} from "./actions";

const LABELS: Record<string, string> = {
  key: "Key",
  name: "Name",
  label: "Label",
  parent: "Under",
};

/**
 * The state every small form here shares: the values typed (kept after any refusal), checks
 * as the admin types with the server's own schema, and after a save the version just written.
 */
function useSmallForm(
  action: (state: FrameworkFormState, data: FormData) => Promise<FrameworkFormState>,
  initial: Record<string, string>,
  schema: z.ZodType,
  resetOnSave: boolean,
) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const [values, setValues] = useState(initial);
  const checks = useFormChecks(state, formAction, (answer) => {
    if (!answer.ok) return;
    if (resetOnSave) setValues(initial);
    else
      setValues((v) => ({
        ...v,
        version: (answer as FrameworkFormState).version ?? v.version ?? "",
      }));
  });
  const clientErrors = issuesByField(schema.safeParse(values).error);
  const errorsFor = (name: string) => checks.errorsFor(name, clientErrors);
  const input = (name: string) => ({
    value: values[name] ?? "",
    onChange: (e: { target: { value: string } }) => {
      setValues((v) => ({ ...v, [name]: e.target.value }));
      checks.touch(name);
    },
  });
  const head = (fields: string[], reloadHref: string) => (
    <>
      {state.conflict && state.message ? (
        <ConflictNotice message={state.message} reloadHref={reloadHref} />
      ) : (
        <FormMessage ok={state.ok} message={state.message} />
      )}
      {!state.ok && state.message ? (
        <ErrorSummary
          errors={Object.fromEntries(fields.map((f) => [f, errorsFor(f)]))}
          labels={LABELS}
        />
      ) : null}
    </>
  );
  return { formAction, pending, values, checks, errorsFor, input, head };
}

const keyHint =
  "Lower-case letters, digits, - or _. Used in data files and the API: it cannot change once values use it.";

export function NewDimensionForm({ plan, takenKeys }: { plan: string; takenKeys: string[] }) {
  const f = useSmallForm(
    createDimensionAction,
    { key: "", name: "", categoryKey: "", categoryLabel: "" },
    newDimensionSchema({ takenKeys }),
    true,
  );
  return (
    <form action={f.formAction} onSubmit={f.checks.submit} className="card form" noValidate>
      {f.head(["key", "name", "categoryKey", "categoryLabel"], `/admin/plans/${plan}/dimensions`)}
      <input type="hidden" name="plan" value={plan} />
      <Field name="key" label="Key" hint={keyHint} errors={f.errorsFor("key")}>
        {(props) => <input {...props} {...f.input("key")} maxLength={64} autoComplete="off" />}
      </Field>
      <Field
        name="name"
        label="Name"
        hint="As the public reads it, like Age group."
        errors={f.errorsFor("name")}
      >
        {(props) => <input {...props} {...f.input("name")} maxLength={100} />}
      </Field>
      <fieldset>
        <legend>Its first category</legend>
        <p className="hint">A dimension has at least one category; add the others on its page.</p>
        <Field name="categoryKey" label="First category's key" errors={f.errorsFor("categoryKey")}>
          {(props) => (
            <input {...props} {...f.input("categoryKey")} maxLength={64} autoComplete="off" />
          )}
        </Field>
        <Field
          name="categoryLabel"
          label="First category's label"
          errors={f.errorsFor("categoryLabel")}
        >
          {(props) => <input {...props} {...f.input("categoryLabel")} maxLength={200} />}
        </Field>
      </fieldset>
      <button className="button" type="submit" disabled={f.pending}>
        {f.pending ? "Adding…" : "Add the dimension"}
      </button>
    </form>
  );
}

export function RenameDimensionForm({
  plan,
  dimension,
}: {
  plan: string;
  dimension: { key: string; name: string; version: string };
}) {
  const f = useSmallForm(
    renameDimensionAction,
    { name: dimension.name, version: dimension.version },
    dimensionNameSchema,
    false,
  );
  return (
    <form action={f.formAction} onSubmit={f.checks.submit} className="card form" noValidate>
      {f.head(["name"], `/admin/plans/${plan}/dimensions/${dimension.key}`)}
      <input type="hidden" name="plan" value={plan} />
      <input type="hidden" name="dimension" value={dimension.key} />
      <input type="hidden" name="version" value={f.values.version ?? ""} />
      <Field
        name="name"
        label="Name"
        hint={`Its key, ${dimension.key}, does not change.`}
        errors={f.errorsFor("name")}
      >
        {(props) => <input {...props} {...f.input("name")} maxLength={100} />}
      </Field>
      <button className="button" type="submit" disabled={f.pending}>
        {f.pending ? "Saving…" : "Save the name"}
      </button>
    </form>
  );
}

/** A new category (no `values`) or an existing one. */
export function CategoryForm({
  plan,
  dimension,
  category,
  parents,
  context,
  values,
}: {
  plan: string;
  dimension: string;
  category?: string;
  parents: { value: string; label: string }[];
  context: CategoryFormContext;
  values?: Record<string, string>;
}) {
  const f = useSmallForm(
    category ? updateCategoryAction : createCategoryAction,
    values ?? { key: "", label: "", parent: "" },
    categoryFormSchema(context),
    !category,
  );
  const base = `/admin/plans/${plan}/dimensions/${dimension}`;
  return (
    <form action={f.formAction} onSubmit={f.checks.submit} className="card form" noValidate>
      {f.head(["key", "label", "parent"], category ? `${base}/categories/${category}` : base)}
      <input type="hidden" name="plan" value={plan} />
      <input type="hidden" name="dimension" value={dimension} />
      {category ? (
        <>
          <input type="hidden" name="category" value={category} />
          <input type="hidden" name="version" value={f.values.version ?? ""} />
        </>
      ) : null}
      <Field
        name="key"
        label="Key"
        hint={context.lockedKey ? "Reported values use this key: it cannot change." : keyHint}
        errors={f.errorsFor("key")}
      >
        {(props) => (
          <input
            {...props}
            {...f.input("key")}
            maxLength={64}
            autoComplete="off"
            readOnly={context.lockedKey !== null}
          />
        )}
      </Field>
      <Field name="label" label="Label" errors={f.errorsFor("label")}>
        {(props) => <input {...props} {...f.input("label")} maxLength={200} />}
      </Field>
      {parents.length ? (
        <Field
          name="parent"
          label="Under (optional)"
          hint="A category of an earlier dimension it belongs to, like a district's province."
          errors={f.errorsFor("parent")}
        >
          {(props) => (
            <select {...props} {...f.input("parent")}>
              <option value="">None</option>
              {parents.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <button className="button" type="submit" disabled={f.pending}>
        {f.pending ? "Saving…" : category ? "Save the category" : "Add the category"}
      </button>
    </form>
  );
}
