"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/field";
import { type ImportState, importPlanAction } from "./actions";

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
          <label htmlFor="file">Plan file (JSON)</label>
          <input id="file" name="file" type="file" accept="application/json,.json" required />
        </div>
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Checking…" : "Check and import"}
        </button>
      </form>
      {state.problems?.length ? (
        <section aria-labelledby="problems">
          <h2 id="problems">Problems to fix</h2>
          <ol className="card">
            {state.problems.map((problem) => (
              <li key={`${problem.path}:${problem.message}`}>
                <code>{problem.path}</code>: {problem.message}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
