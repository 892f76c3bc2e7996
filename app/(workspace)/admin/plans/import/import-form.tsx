"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/field";
import { type ImportState, importPlanAction } from "./actions";
import { ProblemList } from "./problem-list";
import { UpdatePreview } from "./update-preview";

export function ImportForm() {
  const [state, action, pending] = useActionState<ImportState, FormData>(importPlanAction, {
    ok: false,
  });
  return (
    <>
      <form action={action} className="card form">
        <FormMessage ok={state.ok} message={state.message} />
        {state.ok && state.published ? (
          <p>
            <Link href={`/plans/${state.slug}`}>Open the imported plan</Link>
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="file">Plan file</label>
          <span className="hint" id="file-hint">
            A plan file (.json) or an Excel workbook (.xlsx) made from the template.
          </span>
          <input
            id="file"
            name="file"
            type="file"
            accept="application/json,.json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,.xlsx"
            aria-describedby="file-hint"
            required
          />
        </div>
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Checking…" : "Check and import"}
        </button>
      </form>
      {state.problems?.length ? <ProblemList problems={state.problems} /> : null}
      {state.preview && state.fileText ? (
        // Keyed by the fingerprint and file: a new upload starts a fresh confirmation form.
        <UpdatePreview
          key={`${state.preview.fingerprint}:${state.fileText.length}`}
          preview={state.preview}
          fileText={state.fileText}
        />
      ) : null}
    </>
  );
}
