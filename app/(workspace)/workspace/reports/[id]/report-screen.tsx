"use client";
/**
 * One progress report, for everyone who may read it: the institution's reporters edit a draft
 * here (saved as they type), reviewers approve or return it, admins reopen it, and everybody
 * comments. What a person may do comes from the server (`may`), which checks again on every call.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Fragment, type ReactNode, useId, useMemo, useState } from "react";
import { DIRECTION_LABELS, formatDate, formatValue, UNIT_LABELS } from "@/lib/format";
import { parsePeriodCode } from "@/lib/periods/codes";
import type { ReportView } from "@/lib/reports/data";
import {
  ACTIVITY_OPTIONS,
  breakdownKey,
  fieldSpecs,
  MILESTONE_OPTIONS,
  missingFields,
  NARRATIVE_FIELDS,
  NARRATIVE_LABELS,
  NUMBER_FORMS_HINT,
  type Problem,
  RATING_OPTIONS,
  sumWarnings,
  valueKey,
} from "@/lib/reports/fields";
import { api, HttpError } from "../../../query-provider";
import { type SaveState, useAutosave } from "./use-autosave";

type Indicator = ReportView["shape"]["indicators"][number];

const periodLabel = (code: string) => {
  try {
    return parsePeriodCode(code).label;
  } catch {
    return code;
  }
};

export const fieldId = (key: string) => `f-${key.replace(/[^a-zA-Z0-9]+/g, "-")}`;

const STATE_LABELS: Record<string, string> = {
  draft: "Draft",
  submitted: "Submitted, awaiting review",
  approved: "Approved",
};

function SaveStatus({ state, pendingCount }: { state: SaveState; pendingCount: number }) {
  let text = "";
  let tone = "info";
  switch (state.kind) {
    case "idle":
      text = pendingCount ? "Changes not yet saved…" : "Changes are saved as you type.";
      break;
    case "saving":
      text = "Saving…";
      break;
    case "saved":
      text = pendingCount
        ? "Saving your latest changes…"
        : `All changes saved at ${new Date(state.at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}.`;
      tone = "success";
      break;
    case "offline":
    case "error":
    case "locked":
      text = state.message;
      tone = "error";
      break;
    case "conflict":
      text = "Not saved: someone else changed this report.";
      tone = "error";
      break;
  }
  return (
    <p className={`save-status save-${tone}`} role="status" aria-live="polite">
      {text}
    </p>
  );
}

export function ReportScreen({
  initial,
  userId,
  evidence,
}: {
  initial: ReportView;
  userId: number;
  evidence?: ReactNode;
}) {
  const reportId = initial.report.id;
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data } = useQuery({
    queryKey: ["report", reportId],
    queryFn: () => api<ReportView>(`/api/reports/${reportId}`),
    initialData: initial,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const specs = useMemo(() => fieldSpecs(data.shape), [data.shape]);
  const editable = data.may.edit;
  const save = useAutosave({
    reportId,
    userId,
    version: data.report.version,
    values: data.values,
    specs,
    enabled: editable,
  });
  const current = useMemo(() => {
    const merged: Record<string, string> = { ...save.saved };
    for (const key of specs.keys()) merged[key] = save.value(key);
    return merged;
  }, [save, specs]);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ["report", reportId] });
    router.refresh();
  };

  const [decisionErrors, setDecisionErrors] = useState<Record<string, string>>({});

  const transition = async (
    action: "submit" | "approve" | "return" | "reopen",
    reason?: string,
    acknowledged?: string[],
  ) => {
    setBusy(true);
    setMessage(null);
    if (action === "approve") setDecisionErrors({});
    try {
      if (action === "submit") {
        await save.flush();
        const local = missingFields(data.shape, current);
        if (save.pendingCount > 0 || save.hasErrors) {
          setProblems(local);
          setMessage({
            ok: false,
            text: "Some changes are not saved yet. Correct the fields marked in red, wait for “All changes saved”, then submit.",
          });
          return false;
        }
      }
      await api(`/api/reports/${reportId}/transitions`, {
        method: "POST",
        body: {
          action,
          version: action === "submit" ? save.baseVersion : data.report.version,
          reason,
          acknowledged,
        },
      });
      setProblems(null);
      setMessage({
        ok: true,
        text: {
          submit: "The report was submitted for review. Reviewers have been notified.",
          approve: "The report is approved. Its figures are now on the public pages.",
          return: "The report was returned to the institution with your reason.",
          reopen:
            "The report was reopened. The public keeps the approved version until a new one is approved.",
        }[action],
      });
      await refresh();
      return true;
    } catch (error) {
      if (action === "approve" && error instanceof HttpError && error.details.fieldErrors)
        setDecisionErrors(error.details.fieldErrors as Record<string, string>);
      if (error instanceof HttpError && Array.isArray(error.details.problems)) {
        setProblems(error.details.problems as Problem[]);
        setMessage({ ok: false, text: error.message });
      } else {
        setMessage({
          ok: false,
          text: error instanceof Error ? error.message : "Something went wrong. Please try again.",
        });
      }
      return false;
    } finally {
      setBusy(false);
    }
  };

  const { report, shape } = data;
  const warnings = shape.indicators.flatMap((i) => sumWarnings(i, current));
  const commentsFor = (itemRef: string | null) =>
    data.comments.filter((c) => c.itemRef === itemRef);

  return (
    <div className="report">
      <header className="report-head">
        <p className="meta">
          {report.planTitle} · {report.institutionName} ({report.institution})
        </p>
        <h1>Progress report: {report.periodLabel}</h1>
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <span
              className={`badge ${report.status === "approved" ? "badge-ok" : report.status === "submitted" ? "badge-info" : "badge-neutral"}`}
            >
              {STATE_LABELS[report.status]}
            </span>
          </dd>
          <dt>Deadline</dt>
          <dd>{formatDate(report.deadline)}</dd>
          <dt>Last change</dt>
          <dd>
            {formatDate(report.updatedAt ?? "")}
            {report.updatedBy ? ` by ${report.updatedBy}` : ""}
          </dd>
          {report.approvedAt ? (
            <>
              <dt>Approved</dt>
              <dd>{formatDate(report.approvedAt)}</dd>
            </>
          ) : null}
        </dl>
        {report.status === "draft" && report.returnReason ? (
          <div className="alert alert-error" role="note">
            <strong>Returned for changes</strong> on {formatDate(report.returnedAt ?? "")}:{" "}
            {report.returnReason}
          </div>
        ) : null}
        {report.status === "draft" && report.reopenReason ? (
          <div className="alert alert-info" role="note">
            <strong>Reopened</strong> on {formatDate(report.reopenedAt ?? "")}:{" "}
            {report.reopenReason} The public keeps seeing the approved version until this one is
            approved.
          </div>
        ) : null}
        {data.may.editBlocker && report.status === "draft" ? (
          <div className="alert alert-info" role="note">
            {data.may.editBlocker}
          </div>
        ) : null}
        {editable ? <SaveStatus state={save.state} pendingCount={save.pendingCount} /> : null}
        {save.state.kind === "conflict" ? (
          <ConflictNotice state={save.state} onKeep={save.keepMine} onDiscard={save.discardMine} />
        ) : null}
      </header>

      {message ? (
        <div
          className={`alert ${message.ok ? "alert-success" : "alert-error"}`}
          role={message.ok ? "status" : "alert"}
        >
          {message.text}
        </div>
      ) : null}
      {problems && problems.length > 0 ? (
        <div className="alert alert-error problems" role="alert" aria-labelledby="problems-title">
          <h2 id="problems-title">Before you can submit</h2>
          <ul>
            {problems.map((p) => (
              <li key={`${p.key}:${p.message}`}>
                <a
                  href={`#${fieldId(p.key)}`}
                  onClick={(e) => {
                    const field = document.getElementById(fieldId(p.key));
                    if (!field) return;
                    e.preventDefault();
                    field.scrollIntoView({ block: "center" });
                    field.focus();
                  }}
                >
                  {p.label}
                </a>
                : {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <nav aria-label="Parts of this report" className="report-toc">
        <ul>
          <li>
            <a href="#indicators">Indicators ({shape.indicators.length})</a>
          </li>
          {shape.milestones.length ? (
            <li>
              <a href="#milestones">Milestones</a>
            </li>
          ) : null}
          {shape.activities.length ? (
            <li>
              <a href="#activities">Activities</a>
            </li>
          ) : null}
          <li>
            <a href="#ratings">Your rating per output</a>
          </li>
          <li>
            <a href="#narrative">Narrative</a>
          </li>
          <li>
            <a href="#evidence">Evidence</a>
          </li>
          <li>
            <a href="#comments">Comments ({data.comments.length})</a>
          </li>
          <li>
            <a href="#history">History</a>
          </li>
        </ul>
      </nav>

      <section id="indicators" aria-labelledby="indicators-title">
        <h2 id="indicators-title">Indicators</h2>
        {shape.indicators.length === 0 ? (
          <p>{report.institution} is not responsible for any indicator of this plan.</p>
        ) : null}
        {editable ? (
          <p className="hint" id={NUMBER_HINT_ID}>
            Numbers: {NUMBER_FORMS_HINT}
          </p>
        ) : null}
        {shape.indicators.map((indicator) => (
          <IndicatorBlock
            key={indicator.id}
            indicator={indicator}
            currency={report.currency}
            save={save}
            editable={editable}
            warnings={warnings.filter((w) => w.key.startsWith(`value:${indicator.id}:`))}
            comments={commentsFor(`indicator:${indicator.id}`).length}
          />
        ))}
      </section>

      {shape.milestones.length ? (
        <section id="milestones" aria-labelledby="milestones-title">
          <h2 id="milestones-title">Milestones</h2>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">
                Milestones {report.institution} is responsible for
              </caption>
              <thead>
                <tr>
                  <th scope="col">Milestone</th>
                  <th scope="col">Due</th>
                  <th scope="col">Status</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {shape.milestones.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <span className="code">{m.outputCode}</span> {m.title}
                    </th>
                    <td>{formatDate(m.dueDate)}</td>
                    <td>
                      <ChoiceField
                        fieldKey={`milestone:${m.id}:status`}
                        options={MILESTONE_OPTIONS}
                        label={`Status of “${m.title}”`}
                        save={save}
                        editable={editable}
                      />
                    </td>
                    <td>
                      <TextField
                        fieldKey={`milestone:${m.id}:note`}
                        label={`Note on “${m.title}”`}
                        save={save}
                        editable={editable}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {shape.activities.length ? (
        <section id="activities" aria-labelledby="activities-title">
          <h2 id="activities-title">Activities of the yearly action plan</h2>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Activities and money spent ({report.currency})</caption>
              <thead>
                <tr>
                  <th scope="col">Activity</th>
                  <th scope="col" className="num">
                    Allocated
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Spent ({report.currency})</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {shape.activities.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <span className="code">{a.outputCode}</span> {a.description}
                    </th>
                    <td className="num">
                      {formatValue(a.budgetAllocated, "currency", report.currency)}
                    </td>
                    <td>
                      <ChoiceField
                        fieldKey={`activity:${a.id}:status`}
                        options={ACTIVITY_OPTIONS}
                        label={`Status of “${a.description}”`}
                        save={save}
                        editable={editable}
                      />
                    </td>
                    <td>
                      <NumberField
                        fieldKey={`activity:${a.id}:spent`}
                        label={`Amount spent on “${a.description}” (${report.currency})`}
                        save={save}
                        editable={editable}
                        unit="currency"
                        currency={report.currency}
                      />
                    </td>
                    <td>
                      <TextField
                        fieldKey={`activity:${a.id}:note`}
                        label={`Note on “${a.description}”`}
                        save={save}
                        editable={editable}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section id="ratings" aria-labelledby="ratings-title">
        <h2 id="ratings-title">Your rating per output</h2>
        <p className="hint">
          Your own judgement of each output {report.institution} leads (required) or supports
          (optional). It is shown beside the computed status, never instead of it.
        </p>
        {shape.outputs.map((o) => (
          <div className="card rating" key={o.id}>
            <h3>
              <span className="code">{o.code}</span> {o.title}{" "}
              <span className="meta">({o.role === "lead" ? "you lead" : "you support"})</span>
            </h3>
            <div className="rating-fields">
              <ChoiceField
                fieldKey={`rating:${o.id}:rating`}
                options={RATING_OPTIONS}
                label={`Your rating of output ${o.code}`}
                save={save}
                editable={editable}
                visibleLabel
              />
              <TextField
                fieldKey={`rating:${o.id}:note`}
                label={`Why this rating (output ${o.code})`}
                save={save}
                editable={editable && save.value(`rating:${o.id}:rating`) !== ""}
                visibleLabel
              />
            </div>
          </div>
        ))}
      </section>

      <section id="narrative" aria-labelledby="narrative-title">
        <h2 id="narrative-title">Narrative</h2>
        {NARRATIVE_FIELDS.map((field) => (
          <TextField
            key={field}
            fieldKey={`narrative:${field}`}
            label={NARRATIVE_LABELS[field]}
            save={save}
            editable={editable}
            visibleLabel
            multiline
          />
        ))}
      </section>

      <section id="evidence" aria-labelledby="evidence-title">
        <h2 id="evidence-title">Evidence</h2>
        {evidence}
      </section>

      {editable ? (
        <section className="card submit-box" aria-labelledby="submit-title">
          <h2 id="submit-title">Submit for review</h2>
          <p>
            When the report is complete, submit it. Reviewers will approve it or return it with
            comments; after approval its figures appear on the public pages.
          </p>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void transition("submit")}
          >
            Submit for review
          </button>
        </section>
      ) : null}

      {data.may.review ? (
        <ReviewBox
          busy={busy}
          publication={data.publication}
          periodLabel={report.periodLabel}
          currency={report.currency}
          errors={decisionErrors}
          onApprove={(note, acknowledged) => transition("approve", note, acknowledged)}
          onReturn={(reason) => transition("return", reason)}
        />
      ) : null}
      {data.may.reopen ? (
        <ReopenBox busy={busy} onReopen={(reason) => transition("reopen", reason)} />
      ) : null}

      {data.versions.length ? (
        <section aria-labelledby="versions-title">
          <h2 id="versions-title">Approved versions</h2>
          <ul>
            {data.versions.map((v) => (
              <li key={v.versionNumber}>
                <a href={`/api/reports/${reportId}/versions/${v.versionNumber}`}>
                  Version {v.versionNumber}, approved {formatDate(v.approvedAt)}
                </a>{" "}
                (JSON)
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Comments reportId={reportId} data={data} canComment={data.may.comment} onPosted={refresh} />
      <History reportId={reportId} />
    </div>
  );
}

type Save = ReturnType<typeof useAutosave>;

function FieldMessage({ fieldKey, save }: { fieldKey: string; save: Save }) {
  const error = save.errorFor(fieldKey);
  const theirs = save.theirs[fieldKey];
  return (
    <>
      {error ? (
        <span className="field-error" id={`${fieldId(fieldKey)}-error`}>
          {error}
        </span>
      ) : null}
      {theirs !== undefined ? (
        <span className="their-value" id={`${fieldId(fieldKey)}-theirs`}>
          The other person saved: “{theirs || "(empty)"}”. Yours is kept; edit it to merge.
        </span>
      ) : null}
    </>
  );
}

/** The accepted number forms, shown once above the indicators and read out with each number. */
const NUMBER_HINT_ID = "number-forms-hint";

function describedBy(fieldKey: string, save: Save, hint?: string, number = false) {
  const ids = [
    hint,
    number ? NUMBER_HINT_ID : null,
    save.errorFor(fieldKey) ? `${fieldId(fieldKey)}-error` : null,
    save.theirs[fieldKey] !== undefined ? `${fieldId(fieldKey)}-theirs` : null,
  ].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function NumberField({
  fieldKey,
  label,
  save,
  editable,
  unit,
  currency,
  previous,
  hint,
}: {
  fieldKey: string;
  label: string;
  save: Save;
  editable: boolean;
  unit: "count" | "percent" | "currency";
  currency?: string;
  previous?: string;
  hint?: string;
}) {
  const value = save.value(fieldKey);
  if (!editable)
    return (
      <span className="cell-field">
        <span>{value === "" ? "—" : formatValue(Number(value), unit, currency)}</span>
        {previous !== undefined ? <span className="previous">Last: {previous}</span> : null}
      </span>
    );
  return (
    <span className="cell-field">
      <input
        id={fieldId(fieldKey)}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        aria-label={label}
        value={value}
        aria-invalid={save.errorFor(fieldKey) ? true : undefined}
        aria-describedby={describedBy(fieldKey, save, hint, true)}
        onChange={(e) => save.change(fieldKey, e.target.value)}
        onBlur={() => void save.flush()}
      />
      {unit === "percent" ? <span aria-hidden="true"> %</span> : null}
      {previous !== undefined ? <span className="previous">Last: {previous}</span> : null}
      <FieldMessage fieldKey={fieldKey} save={save} />
    </span>
  );
}

function TextField({
  fieldKey,
  label,
  save,
  editable,
  visibleLabel,
  multiline,
}: {
  fieldKey: string;
  label: string;
  save: Save;
  editable: boolean;
  visibleLabel?: boolean;
  multiline?: boolean;
}) {
  const value = save.value(fieldKey);
  const id = fieldId(fieldKey);
  const control = !editable ? (
    <p className="readonly-text">{value || "—"}</p>
  ) : multiline ? (
    <textarea
      id={id}
      rows={5}
      value={value}
      aria-label={visibleLabel ? undefined : label}
      aria-invalid={save.errorFor(fieldKey) ? true : undefined}
      aria-describedby={describedBy(fieldKey, save)}
      onChange={(e) => save.change(fieldKey, e.target.value)}
      onBlur={() => void save.flush()}
    />
  ) : (
    <input
      id={id}
      type="text"
      value={value}
      aria-label={visibleLabel ? undefined : label}
      aria-invalid={save.errorFor(fieldKey) ? true : undefined}
      aria-describedby={describedBy(fieldKey, save)}
      onChange={(e) => save.change(fieldKey, e.target.value)}
      onBlur={() => void save.flush()}
    />
  );
  if (!visibleLabel)
    return (
      <span className="cell-field">
        {control}
        <FieldMessage fieldKey={fieldKey} save={save} />
      </span>
    );
  return (
    <div className="field">
      {editable ? <label htmlFor={id}>{label}</label> : <h3 className="label">{label}</h3>}
      <FieldMessage fieldKey={fieldKey} save={save} />
      {control}
    </div>
  );
}

function ChoiceField({
  fieldKey,
  label,
  options,
  save,
  editable,
  visibleLabel,
}: {
  fieldKey: string;
  label: string;
  options: Record<string, string>;
  save: Save;
  editable: boolean;
  visibleLabel?: boolean;
}) {
  const value = save.value(fieldKey);
  const id = fieldId(fieldKey);
  if (!editable) {
    const text = options[value] ?? "—";
    return visibleLabel ? (
      <p>
        <strong>{label}:</strong> {text}
      </p>
    ) : (
      <span>{text}</span>
    );
  }
  const select = (
    <select
      id={id}
      value={value}
      aria-label={visibleLabel ? undefined : label}
      aria-invalid={save.errorFor(fieldKey) ? true : undefined}
      aria-describedby={describedBy(fieldKey, save)}
      onChange={(e) => {
        save.change(fieldKey, e.target.value);
      }}
    >
      <option value="">Choose…</option>
      {Object.entries(options).map(([key, text]) => (
        <option key={key} value={key}>
          {text}
        </option>
      ))}
    </select>
  );
  if (!visibleLabel)
    return (
      <span className="cell-field">
        {select}
        <FieldMessage fieldKey={fieldKey} save={save} />
      </span>
    );
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FieldMessage fieldKey={fieldKey} save={save} />
      {select}
    </div>
  );
}

function previousText(indicator: Indicator, breakdown: string, currency: string) {
  const value = indicator.previous?.values[breakdown];
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  return indicator.unit === "text" ? String(value) : formatValue(value, indicator.unit, currency);
}

function IndicatorBlock({
  indicator,
  currency,
  save,
  editable,
  warnings,
  comments,
}: {
  indicator: Indicator;
  currency: string;
  save: Save;
  editable: boolean;
  warnings: { key: string; message: string }[];
  comments: number;
}) {
  const hintId = useId();
  const unit = indicator.unit;
  const cell = (breakdown: string, label: string) => {
    const key = valueKey(indicator.id, breakdown);
    const fullLabel = `${indicator.code} ${label}`;
    if (unit === "text")
      return <TextField fieldKey={key} label={fullLabel} save={save} editable={editable} />;
    if (unit === "yes_no")
      return (
        <ChoiceField
          fieldKey={key}
          label={fullLabel}
          options={{ yes: "Yes", no: "No" }}
          save={save}
          editable={editable}
        />
      );
    return (
      <NumberField
        fieldKey={key}
        label={fullLabel}
        save={save}
        editable={editable}
        unit={unit}
        currency={currency}
        previous={previousText(indicator, breakdown, currency)}
        hint={hintId}
      />
    );
  };
  const target = indicator.target;
  const dims = indicator.dimensions;
  const simple = unit === "text" || unit === "yes_no";
  return (
    <article className="card report-indicator" aria-labelledby={`ind-${indicator.id}`}>
      <h3 id={`ind-${indicator.id}`}>
        <span className="code">{indicator.code}</span> {indicator.title}
      </h3>
      <p className="meta" id={hintId}>
        {UNIT_LABELS[unit]} · {DIRECTION_LABELS[indicator.direction]}
        {target
          ? ` · Target ${target.year}: ${target.value !== null ? formatValue(target.value, unit, currency) : (target.text ?? "—")}`
          : ""}
        {indicator.previous
          ? ` · “Last” is the approved value for ${periodLabel(indicator.previous.periodCode)}`
          : " · No earlier approved value"}
        {indicator.sensitive ? " · Sensitive: small numbers are hidden on public pages" : ""}
      </p>
      {simple || dims.length === 0 ? (
        <div className="field">
          <span className="label-text">Total for this period</span>
          {cell("", "total")}
        </div>
      ) : dims.length === 2 ? (
        <Grid indicator={indicator} cell={cell} />
      ) : (
        dims.map((dim) => (
          <div className="table-wrap" key={dim.key}>
            <table className="grid">
              <caption>
                {indicator.code} by {dim.name.toLowerCase()}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{dim.name}</th>
                  <th scope="col">This period</th>
                </tr>
              </thead>
              <tbody>
                {dim.categories.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">{c.label}</th>
                    <td>{cell(breakdownKey({ [dim.key]: c.key }), c.label)}</td>
                  </tr>
                ))}
                <tr className="total-row">
                  <th scope="row">Total</th>
                  <td>{cell("", "total")}</td>
                </tr>
              </tbody>
            </table>
          </div>
        ))
      )}
      {warnings.map((w) => (
        <p key={w.key + w.message} className="sum-warning" role="note">
          Check the figures: {w.message}
        </p>
      ))}
      <TextField
        fieldKey={`note:${indicator.id}`}
        label={`Note on the ${indicator.code} figures (source, method, caveats)`}
        save={save}
        editable={editable}
        visibleLabel
      />
      {comments ? (
        <p className="meta">
          <a href="#comments">
            {comments} comment{comments === 1 ? "" : "s"} on this indicator
          </a>
        </p>
      ) : null}
    </article>
  );
}

function Grid({
  indicator,
  cell,
}: {
  indicator: Indicator;
  cell: (breakdown: string, label: string) => ReactNode;
}) {
  const [rows, cols] = indicator.dimensions as [
    Indicator["dimensions"][number],
    Indicator["dimensions"][number],
  ];
  return (
    <div className="table-wrap">
      <table className="grid">
        <caption>
          {indicator.code} by {rows.name.toLowerCase()} and {cols.name.toLowerCase()}
        </caption>
        <thead>
          <tr>
            <th scope="col">{rows.name}</th>
            {cols.categories.map((c) => (
              <th scope="col" key={c.key}>
                {c.label}
              </th>
            ))}
            <th scope="col">All</th>
          </tr>
        </thead>
        <tbody>
          {rows.categories.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {cols.categories.map((c) => (
                <td key={c.key}>
                  {cell(
                    breakdownKey({ [rows.key]: r.key, [cols.key]: c.key }),
                    `${r.label}, ${c.label}`,
                  )}
                </td>
              ))}
              <td>{cell(breakdownKey({ [rows.key]: r.key }), `${r.label}, all`)}</td>
            </tr>
          ))}
          <tr className="total-row">
            <th scope="row">All</th>
            {cols.categories.map((c) => (
              <td key={c.key}>{cell(breakdownKey({ [cols.key]: c.key }), `${c.label}, all`)}</td>
            ))}
            <td>{cell("", "total")}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function ConflictNotice({
  state,
  onKeep,
  onDiscard,
}: {
  state: Extract<SaveState, { kind: "conflict" }>;
  onKeep: () => void;
  onDiscard: () => void;
}) {
  return (
    <div className="alert alert-error conflict" role="alert">
      <p>
        <strong>{state.message}</strong>
      </p>
      <ul>
        {state.conflict.changes.map((c) => (
          <li key={c.at + c.by}>
            {c.by} at{" "}
            {new Date(c.at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}:{" "}
            {c.fields.map((f) => f.label).join("; ")}
          </li>
        ))}
      </ul>
      <div className="toolbar">
        <button type="button" className="button" onClick={onKeep}>
          Keep my changes on top of theirs
        </button>
        <button type="button" className="button button-secondary" onClick={onDiscard}>
          Discard my changes and load theirs
        </button>
      </div>
    </div>
  );
}

function ReasonForm({
  title,
  action,
  busy,
  hint,
  onSubmit,
  tone,
}: {
  title: string;
  action: string;
  busy: boolean;
  hint: string;
  onSubmit: (reason: string) => Promise<boolean>;
  tone?: "secondary";
}) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (reason.trim().length < 5) {
          setError("Write a reason (at least 5 characters): the institution will read it.");
          return;
        }
        setError(null);
        if (await onSubmit(reason.trim())) setReason("");
      }}
    >
      <div className="field">
        <label htmlFor={id}>{title}</label>
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
        {error ? (
          <span className="field-error" id={`${id}-error`}>
            {error}
          </span>
        ) : null}
        <textarea
          id={id}
          rows={3}
          value={reason}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <button type="submit" className={`button${tone ? ` button-${tone}` : ""}`} disabled={busy}>
        {action}
      </button>
    </form>
  );
}

type Publication = NonNullable<ReportView["publication"]>;

const shown = (value: number | string, unit: Indicator["unit"], currency: string) => {
  if (unit === "yes_no") return value === "yes" ? "Yes" : value === "no" ? "No" : String(value);
  if (unit === "text") return String(value);
  return formatValue(Number(value), unit, currency);
};

/**
 * The reviewer's decision: the list of what approving publishes, each value beside the approved
 * one it replaces, and any plausibility warnings, each to be ticked, with a note. The server
 * recomputes the warnings and refuses an approval that does not acknowledge them all.
 */
function ReviewBox({
  busy,
  publication,
  periodLabel: period,
  currency,
  errors,
  onApprove,
  onReturn,
}: {
  busy: boolean;
  publication: Publication | null;
  periodLabel: string;
  currency: string;
  errors: Record<string, string>;
  onApprove: (note: string | undefined, acknowledged: string[]) => Promise<boolean>;
  onReturn: (reason: string) => Promise<boolean>;
}) {
  const id = useId();
  const [ticked, setTicked] = useState<string[]>([]);
  const [note, setNote] = useState("");
  const values = publication?.values ?? [];
  const warnings = publication?.warnings ?? [];
  const warningsOf = (key: string) => warnings.filter((w) => w.key === key);
  return (
    <section className="card review-box" aria-labelledby="review-title">
      <h2 id="review-title">Your decision</h2>
      <p>
        Approving locks the report and publishes the figures below on the public pages and in the
        open data. Returning sends it back to the institution with your reason.
      </p>
      <h3 id={`${id}-list`}>What approving publishes</h3>
      {values.length === 0 ? (
        <p>No indicator values: approving publishes none.</p>
      ) : (
        <div className="table-wrap">
          <table className="publish-list" aria-labelledby={`${id}-list`}>
            <caption>Values for {period}</caption>
            <thead>
              <tr>
                <th scope="col">Indicator</th>
                <th scope="col">Cell</th>
                <th scope="col">Will publish</th>
                <th scope="col">Last approved (replaced)</th>
              </tr>
            </thead>
            <tbody>
              {values.map((v, i) => (
                <tr key={v.key} className={warningsOf(v.key).length ? "row-warn" : undefined}>
                  <th scope="row">
                    <span className="code">{v.code}</span>{" "}
                    {values[i - 1]?.indicatorId !== v.indicatorId ? (
                      <span className="publish-title">{v.title}</span>
                    ) : null}
                  </th>
                  <td data-label="Cell">{v.cell}</td>
                  <td className="num" data-label="Will publish">
                    <strong>{shown(v.value, v.unit, currency)}</strong>
                    {warningsOf(v.key).length ? (
                      <span className="badge badge-warn publish-flag">Check</span>
                    ) : null}
                  </td>
                  <td className="num" data-label="Last approved">
                    {v.last ? (
                      <>
                        {shown(v.last.value, v.unit, currency)}
                        <span className="meta"> {periodLabel(v.last.periodCode)}</span>
                      </>
                    ) : (
                      <span className="meta">None yet</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          const done = await onApprove(note.trim() || undefined, ticked);
          if (done) {
            setTicked([]);
            setNote("");
          }
        }}
      >
        {warnings.length > 0 ? (
          <fieldset
            className="warnings"
            aria-describedby={errors.acknowledged ? `${id}-ack-error` : undefined}
          >
            <legend>
              {warnings.length === 1
                ? "1 warning to check before approving"
                : `${warnings.length} warnings to check before approving`}
            </legend>
            <span className="hint">
              Tick each one once you have checked the figure with the institution or its source.
            </span>
            {errors.acknowledged ? (
              <span className="field-error" id={`${id}-ack-error`}>
                {errors.acknowledged}
              </span>
            ) : null}
            {warnings.map((w) => (
              <label key={w.id} className="check">
                <input
                  type="checkbox"
                  checked={ticked.includes(w.id)}
                  onChange={(e) =>
                    setTicked((now) =>
                      e.target.checked ? [...now, w.id] : now.filter((t) => t !== w.id),
                    )
                  }
                />
                <span>
                  <strong>{w.label}:</strong> {w.message}
                </span>
              </label>
            ))}
          </fieldset>
        ) : (
          <p className="meta">No plausibility warnings for these figures.</p>
        )}
        <div className="field">
          <label htmlFor={`${id}-note`}>
            {warnings.length > 0 ? "Note on why the figures stand" : "Note (optional)"}
          </label>
          <span className="hint" id={`${id}-note-hint`}>
            {warnings.length > 0
              ? "Required with warnings, at least 5 characters. Kept in the report's history."
              : "Kept in the report's history."}
          </span>
          {errors.reason ? (
            <span className="field-error" id={`${id}-note-error`}>
              {errors.reason}
            </span>
          ) : null}
          <textarea
            id={`${id}-note`}
            rows={2}
            value={note}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={`${id}-note-hint${errors.reason ? ` ${id}-note-error` : ""}`}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          Approve and publish
        </button>
      </form>
      <ReasonForm
        title="Reason for returning"
        hint="What should the institution correct or add?"
        action="Return to the institution"
        busy={busy}
        onSubmit={onReturn}
        tone="secondary"
      />
    </section>
  );
}

function ReopenBox({
  busy,
  onReopen,
}: {
  busy: boolean;
  onReopen: (reason: string) => Promise<boolean>;
}) {
  return (
    <section className="card review-box" aria-labelledby="reopen-title">
      <h2 id="reopen-title">Reopen this approved report</h2>
      <ReasonForm
        title="Reason for reopening"
        hint="Shown to the institution. The public keeps the approved figures until a new version is approved."
        action="Reopen the report"
        busy={busy}
        onSubmit={onReopen}
        tone="secondary"
      />
    </section>
  );
}

function Comments({
  reportId,
  data,
  canComment,
  onPosted,
}: {
  reportId: number;
  data: ReportView;
  canComment: boolean;
  onPosted: () => Promise<void>;
}) {
  const id = useId();
  const [body, setBody] = useState("");
  const [item, setItem] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const items = [
    ...data.shape.indicators.map((i) => ({
      value: `indicator:${i.id}`,
      label: `Indicator ${i.code}`,
    })),
    ...data.shape.milestones.map((m) => ({
      value: `milestone:${m.id}`,
      label: `Milestone: ${m.title}`,
    })),
    ...data.shape.activities.map((a) => ({
      value: `activity:${a.id}`,
      label: `Activity: ${a.description}`,
    })),
    ...data.shape.outputs.map((o) => ({ value: `output:${o.id}`, label: `Output ${o.code}` })),
  ];
  const labelOf = (ref: string | null) =>
    ref ? (items.find((i) => i.value === ref)?.label ?? ref) : "The whole report";
  return (
    <section id="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      {data.comments.length === 0 ? <p>No comments yet.</p> : null}
      <ol className="comments">
        {data.comments.map((c) => (
          <li key={c.id} className="comment">
            <p className="meta">
              <strong>{c.author}</strong> (
              {c.authorRole === "reporter" ? "institution" : c.authorRole}) · {formatDate(c.at)} ·
              about: {labelOf(c.itemRef)}
            </p>
            <p className="comment-body">{c.body}</p>
          </li>
        ))}
      </ol>
      {canComment ? (
        <form
          className="form"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setError(null);
            try {
              await api(`/api/reports/${reportId}/comments`, {
                method: "POST",
                body: { body, itemRef: item || null },
              });
              setBody("");
              await onPosted();
            } catch (err) {
              const fieldErrors =
                err instanceof HttpError
                  ? (err.details.fieldErrors as Record<string, string> | undefined)
                  : undefined;
              setError(
                fieldErrors?.body ??
                  (err instanceof Error ? err.message : "The comment was not posted."),
              );
            } finally {
              setBusy(false);
            }
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-item`}>About</label>
            <select id={`${id}-item`} value={item} onChange={(e) => setItem(e.target.value)}>
              <option value="">The whole report</option>
              {items.map((i) => (
                <option key={i.value} value={i.value}>
                  {i.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-body`}>Your comment</label>
            {error ? (
              <span className="field-error" id={`${id}-error`}>
                {error}
              </span>
            ) : null}
            <textarea
              id={`${id}-body`}
              rows={3}
              value={body}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => setBody(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-secondary" disabled={busy}>
            Post comment
          </button>
        </form>
      ) : null}
    </section>
  );
}

type HistoryEvent = {
  id: number;
  at: string;
  by: string;
  action: string;
  reason: string | null;
  fields: { label: string; before: string; after: string }[];
  acknowledgedWarnings: { label: string; message: string }[];
};

const ACTION_LABELS: Record<string, string> = {
  "report.create": "started the report",
  "report.save": "saved changes",
  "report.submit": "submitted it for review",
  "report.approve": "approved it",
  "report.return": "returned it",
  "report.reopen": "reopened it",
  "report.comment": "commented",
};

function History({ reportId }: { reportId: number }) {
  const [open, setOpen] = useState(false);
  const query = useQuery({
    queryKey: ["report-history", reportId],
    queryFn: () => api<HistoryEvent[]>(`/api/reports/${reportId}/history`),
    enabled: open,
  });
  return (
    <section id="history" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>Every change and decision, newest first</summary>
        {query.isLoading ? <p>Loading…</p> : null}
        {query.error ? <p className="field-error">{query.error.message}</p> : null}
        {query.data ? (
          <ol className="history">
            {query.data.map((event) => (
              <li key={event.id}>
                <p>
                  <strong>{event.by}</strong> {ACTION_LABELS[event.action] ?? event.action} ·{" "}
                  <time dateTime={event.at}>
                    {new Date(event.at).toLocaleString("en-GB", {
                      dateStyle: "medium",
                      timeStyle: "short",
                      timeZone: "UTC",
                    })}{" "}
                    UTC
                  </time>
                  {event.reason
                    ? ` · ${event.action === "report.approve" ? "Note" : "Reason"}: ${event.reason}`
                    : ""}
                </p>
                {event.acknowledgedWarnings?.length ? (
                  <>
                    <p className="meta">Warnings acknowledged:</p>
                    <ul>
                      {event.acknowledgedWarnings.map((w) => (
                        <li key={`${w.label}:${w.message}`}>
                          {w.label}: {w.message}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {event.fields.length ? (
                  <ul>
                    {event.fields.map((f) => (
                      <Fragment key={f.label}>
                        <li>
                          {f.label}: “{f.before || "(empty)"}” → “{f.after || "(empty)"}”
                        </li>
                      </Fragment>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        ) : null}
      </details>
    </section>
  );
}
