"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/field";
import { TableScroll } from "@/app/_components/table-scroll";
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
      {state.problems?.length ? (
        <section aria-labelledby="problems">
          <h2 id="problems">Problems to fix</h2>
          <TableScroll label="Problems by place">
            <table>
              <caption>
                {state.problems.length} {state.problems.length === 1 ? "problem" : "problems"}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Where</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {state.problems.map((problem) => (
                  <tr key={`${problem.where}:${problem.message}`}>
                    <th scope="row">
                      <code>{problem.where}</code>
                    </th>
                    <td>{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}
    </>
  );
}
