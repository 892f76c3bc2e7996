import Link from "next/link";
import type { ReactNode } from "react";
import {
  BudgetSummary,
  BudgetTable,
  moneyIn,
  UNFUNDED_NOTE,
} from "@/app/_components/budget-tables";
import { TableScroll } from "@/app/_components/table-scroll";
import { type ActionPlanView, STATE_LABELS } from "@/lib/action-plans/data";
import { ACTIVITY_STATUS_LABELS, quartersLabel } from "@/lib/action-plans/schemas";
import { formatDate } from "@/lib/format";
import { moveActivityAction, removeActivityAction } from "./actions";

const DONE: Record<string, string> = {
  added: "The activity was added.",
  updated: "The activity was saved.",
  removed: "The activity was removed.",
  moved: "The activity was moved.",
  submitted: "The action plan was submitted for review.",
  approve: "The action plan was approved.",
  return: "The action plan was returned to the institution.",
  reopen: "The action plan was reopened as a draft.",
};

/** Status, messages and the plan's state in words, at the top of both pages. */
export function PlanHeader({
  data,
  done,
  error,
}: {
  data: ActionPlanView;
  done?: string;
  error?: string | null;
}) {
  const plan = data.actionPlan;
  return (
    <>
      <h1>{`${plan.institution} action plan: ${plan.yearLabel}`}</h1>
      <p className="lead">
        {plan.institutionName}, under the {plan.planTitle}. Amounts in {plan.currency}.
      </p>
      {done && DONE[done] ? (
        <div className="alert alert-success" role="status">
          {DONE[done]}
        </div>
      ) : null}
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <strong>{STATE_LABELS[plan.state]}</strong>
            {plan.state === "approved" && plan.approvedAt
              ? ` on ${formatDate(plan.approvedAt)}${plan.approvedBy ? ` by ${plan.approvedBy}` : ""}`
              : ""}
            {plan.state === "submitted" && plan.submittedAt
              ? ` on ${formatDate(plan.submittedAt)}`
              : ""}
          </dd>
        </div>
        {plan.updatedBy ? (
          <div>
            <dt>Last changed</dt>
            <dd>
              {formatDate(plan.updatedAt)} by {plan.updatedBy}
            </dd>
          </div>
        ) : null}
      </dl>
      {plan.reason ? (
        <div className="alert alert-info" role="note">
          {plan.state === "returned"
            ? "Returned with this reason: "
            : "Reopened with this reason: "}
          {plan.reason}
        </div>
      ) : null}
      {data.publicVersion && plan.status !== "approved" ? (
        <div className="alert alert-info" role="note">
          The public budget still shows the last approved version of this plan (approved on{" "}
          {formatDate(data.publicVersion.approvedAt)}:{" "}
          {moneyIn(plan.currency)(data.publicVersion.totals.needed)} needed,{" "}
          {moneyIn(plan.currency)(data.publicVersion.totals.allocated)} allocated). The changes
          below become public when the plan is approved again.
        </div>
      ) : null}
      {data.may.editBlocker ? (
        <div className="alert alert-info" role="note">
          {data.may.editBlocker}
        </div>
      ) : null}
    </>
  );
}

/** The activities with their budgets, and (for the institution's reporters, on a draft) the controls. */
export function ActivitiesTable({ data, editable }: { data: ActionPlanView; editable: boolean }) {
  const plan = data.actionPlan;
  const money = moneyIn(plan.currency);
  const last = data.activities.length - 1;
  const hidden = (activityId: number) => (
    <>
      <input type="hidden" name="actionPlanId" value={plan.id} />
      <input type="hidden" name="version" value={plan.version} />
      <input type="hidden" name="activityId" value={activityId} />
    </>
  );
  return (
    <section aria-labelledby="activities" id="activities-section">
      <h2 id="activities">
        Activities <span className="count">({data.activities.length})</span>
      </h2>
      <BudgetSummary
        totals={data.totals.overall}
        currency={plan.currency}
        label="Totals of this action plan"
      />
      {data.activities.length === 0 ? (
        <p>No activities yet.</p>
      ) : (
        <TableScroll label="Activities">
          <table className="activities">
            <caption className="sr-only">
              Activities of {plan.institution}'s action plan for {plan.yearLabel}, with budgets in{" "}
              {plan.currency}
            </caption>
            <thead>
              <tr>
                <th scope="col">Output</th>
                <th scope="col">Activity</th>
                <th scope="col">Quarters</th>
                <th scope="col" className="num">
                  Needed
                </th>
                <th scope="col" className="num">
                  Allocated
                </th>
                <th scope="col" className="num">
                  Spent
                </th>
                <th scope="col" className="num">
                  Unfunded
                </th>
                <th scope="col">Funding source</th>
                <th scope="col">Status</th>
                {editable ? <th scope="col">Change</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.activities.map((a, index) => (
                <tr key={a.id}>
                  <td>
                    <abbr title={a.outputTitle}>{a.outputCode}</abbr>
                  </td>
                  <th scope="row">{a.description}</th>
                  <td>{quartersLabel(a.quarters)}</td>
                  <td className="num nowrap">{money(a.budgetNeeded)}</td>
                  <td className="num nowrap">{money(a.budgetAllocated)}</td>
                  <td className="num nowrap">{money(a.amountSpent)}</td>
                  <td className="num nowrap">{money(a.unfunded)}</td>
                  <td>{a.fundingSource ?? "—"}</td>
                  <td>{ACTIVITY_STATUS_LABELS[a.status]}</td>
                  {editable ? (
                    <td>
                      <div className="row-actions">
                        <Link
                          href={`/workspace/action-plans/${plan.id}?edit=${a.id}#activity-form-title`}
                        >
                          Edit<span className="sr-only"> “{a.description}”</span>
                        </Link>
                        {index > 0 ? (
                          <form action={moveActivityAction}>
                            {hidden(a.id)}
                            <input type="hidden" name="direction" value="up" />
                            <button type="submit" className="link-button">
                              Up<span className="sr-only"> (move “{a.description}” up)</span>
                            </button>
                          </form>
                        ) : null}
                        {index < last ? (
                          <form action={moveActivityAction}>
                            {hidden(a.id)}
                            <input type="hidden" name="direction" value="down" />
                            <button type="submit" className="link-button">
                              Down<span className="sr-only"> (move “{a.description}” down)</span>
                            </button>
                          </form>
                        ) : null}
                        <form action={removeActivityAction}>
                          {hidden(a.id)}
                          <button type="submit" className="link-button">
                            Remove<span className="sr-only"> “{a.description}”</span>
                          </button>
                        </form>
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p className="hint">{UNFUNDED_NOTE}</p>
    </section>
  );
}

/** Totals of this plan by output and by pillar. */
export function PlanTotals({ data }: { data: ActionPlanView }) {
  const plan = data.actionPlan;
  return (
    <section aria-labelledby="plan-totals">
      <h2 id="plan-totals">Totals by output and pillar</h2>
      <BudgetTable
        caption={`By output (${plan.currency})`}
        head="Output"
        currency={plan.currency}
        rows={data.totals.byOutput.map((o) => ({
          ...o,
          key: o.outputId,
          label: `${o.code} ${o.title}`,
        }))}
      />
      <BudgetTable
        caption={`By pillar (${plan.currency})`}
        head="Pillar"
        currency={plan.currency}
        rows={data.totals.byPillar.map((p) => ({
          ...p,
          key: p.pillarId,
          label: `${p.number}. ${p.title}`,
        }))}
      />
    </section>
  );
}

export function Panel({ children }: { children: ReactNode }) {
  return <div className="action-plan">{children}</div>;
}
