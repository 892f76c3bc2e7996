"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { Field, FormMessage } from "@/app/_components/field";
import { type ApplyState, applyPlanUpdateAction } from "./actions";
import type { PreviewView } from "./preview-view";
import { ProblemList } from "./problem-list";

const BADGE = {
  added: ["badge-ok", "Added"],
  changed: ["badge-info", "Changed"],
  removed: ["badge-bad", "Removed"],
} as const;

const countsText = (c: PreviewView["total"]) =>
  [
    c.added ? `${c.added} added` : null,
    c.changed ? `${c.changed} changed` : null,
    c.removed ? `${c.removed} removed` : null,
  ]
    .filter(Boolean)
    .join(", ");

/** What importing the file into an existing plan would change, and the confirmation. */
export function UpdatePreview({ preview, fileText }: { preview: PreviewView; fileText: string }) {
  const [state, action, pending] = useActionState<ApplyState, FormData>(applyPlanUpdateAction, {
    ok: false,
  });
  // The preview appears below the upload form: take the reader (and screen readers) to it.
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again when the heading changes (applied)
  useEffect(() => {
    heading.current?.focus();
  }, [state.ok]);
  const total = preview.total.added + preview.total.changed + preview.total.removed;
  const blocked = preview.refusals.length > 0;

  if (state.ok)
    return (
      <section aria-labelledby="preview-heading" className="import-preview">
        <h2 id="preview-heading" ref={heading} tabIndex={-1}>
          Changes applied to {preview.title}
        </h2>
        <FormMessage ok message={state.message} />
        <ul>
          <li>
            <Link href={`/admin/plans/${preview.slug}`}>Edit the plan's indicators</Link>
          </li>
          {state.published ? (
            <>
              <li>
                <Link href={`/plans/${preview.slug}`}>Open the public plan</Link>
              </li>
              <li>
                <Link href={`/plans/${preview.slug}/changes`}>See its public change log</Link>
              </li>
            </>
          ) : null}
        </ul>
      </section>
    );

  return (
    <section aria-labelledby="preview-heading" className="import-preview">
      <h2 id="preview-heading" ref={heading} tabIndex={-1}>
        What would change in {preview.title}
      </h2>
      <p className="meta">
        A plan with the address <code>{preview.slug}</code> already exists, so this file would
        update it. Nothing has been changed yet.
        {preview.published
          ? " The plan is published: every change will be listed in its public change log."
          : " The plan is a draft: its changes stay off the public site."}
      </p>

      {blocked ? (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>This file cannot be applied.</strong> It removes records that already have
            reported data, or names another country. Fix the file and upload it again; nothing below
            has been changed.
          </p>
        </div>
      ) : null}
      {blocked ? (
        <ProblemList
          problems={preview.refusals}
          heading="What stops this update"
          id="refusals-heading"
        />
      ) : null}

      {total === 0 ? (
        <p className="alert alert-info" role="status">
          Nothing would change: the plan already matches this file.
        </p>
      ) : (
        <>
          <section className="card" aria-labelledby="summary-heading">
            <h3 id="summary-heading">
              {total} {total === 1 ? "change" : "changes"}: {countsText(preview.total)}
            </h3>
            <ul className="preview-counts">
              {preview.groups.map((group) => (
                <li key={group.level}>
                  <a href={`#level-${group.level}`}>{group.heading}</a>: {countsText(group.counts)}
                </li>
              ))}
            </ul>
          </section>
          {preview.groups.map((group) => (
            <section
              key={group.level}
              aria-labelledby={`level-${group.level}`}
              className="preview-level"
            >
              <h3 id={`level-${group.level}`}>
                {group.heading} <span className="meta">({countsText(group.counts)})</span>
              </h3>
              <ul className="preview-records">
                {group.records.map((record) => (
                  <li key={record.key} className="card">
                    <p className="preview-record">
                      <span className={`badge ${BADGE[record.kind][0]}`}>
                        {BADGE[record.kind][1]}
                      </span>{" "}
                      <strong>{record.label}</strong>
                    </p>
                    <ul className="preview-changes">
                      {record.changes.map((change, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
                        <li key={i}>
                          <span className="preview-what">
                            {change.what}
                            {change.before === null && change.after === null ? "" : ":"}
                          </span>{" "}
                          {change.before !== null && change.after !== null ? (
                            <>
                              {change.before} <span aria-hidden="true">→</span>
                              <span className="sr-only"> changed to</span>{" "}
                              <strong>{change.after}</strong>
                            </>
                          ) : (
                            (change.after ?? change.before)
                          )}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}

      {!blocked && total > 0 ? (
        <form action={action} className="card form">
          <h3>Apply these changes</h3>
          <FormMessage ok={false} message={state.message} />
          {state.stale ? (
            <p>
              Choose the file above and select <strong>Check and import</strong> again to see what
              would change now.
            </p>
          ) : null}
          {state.problems?.length ? <ProblemList problems={state.problems} /> : null}
          <input type="hidden" name="fileText" value={fileText} />
          <input type="hidden" name="fingerprint" value={preview.fingerprint} />
          <Field
            name="reason"
            label={
              preview.reasonRequired
                ? "Reason for the changes (required)"
                : "Reason for the changes (optional)"
            }
            hint={
              preview.reasonRequired
                ? "The plan is published and baselines, targets or due dates change: the public change log shows this reason beside each change."
                : preview.published
                  ? "Shown in the public change log beside each change."
                  : "Kept in the audit log."
            }
            errors={state.fieldErrors?.reason}
          >
            {(props) => (
              <textarea
                {...props}
                rows={3}
                maxLength={1000}
                required={preview.reasonRequired}
                defaultValue={state.values?.reason ?? ""}
              />
            )}
          </Field>
          <button className="button" type="submit" disabled={pending}>
            {pending ? "Applying…" : "Apply these changes"}
          </button>
        </form>
      ) : null}
    </section>
  );
}
