import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { moneyIn } from "@/app/_components/budget-tables";
import { TableScroll } from "@/app/_components/table-scroll";
import { listActionPlans, listStartableYears, STATE_LABELS } from "@/lib/action-plans/data";
import { requirePage } from "@/lib/auth/guard";
import { createActionPlanAction } from "./actions";

export const metadata: Metadata = { title: "Yearly action plans" };

export default async function ActionPlansPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[] }>;
}) {
  const viewer = await requirePage("workspace.view", "/workspace/action-plans");
  const plans = listActionPlans(viewer);
  const startable = listStartableYears(viewer);
  const { error } = await searchParams;
  const errorText = typeof error === "string" ? error.slice(0, 300) : null;
  return (
    <>
      <Breadcrumbs
        items={[{ href: "/workspace", label: "Workspace" }, { label: "Yearly action plans" }]}
      />
      <h1>Yearly action plans</h1>
      <p className="lead">
        The activities {viewer.institutionAcronym ?? "your institution"} commits to under each
        output, year by year, with their budgets. A plan is drafted here, submitted, and approved by
        the steering committee.
      </p>
      {errorText ? (
        <div className="alert alert-error" role="alert">
          {errorText}
        </div>
      ) : null}
      <section aria-labelledby="plans-title">
        <h2 id="plans-title">
          Your action plans <span className="count">({plans.length})</span>
        </h2>
        {plans.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <TableScroll label="Your action plans">
            <table>
              <caption className="sr-only">Your institution's yearly action plans</caption>
              <thead>
                <tr>
                  <th scope="col">Year</th>
                  <th scope="col">Plan</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Activities
                  </th>
                  <th scope="col" className="num">
                    Needed
                  </th>
                  <th scope="col" className="num">
                    Allocated
                  </th>
                  <th scope="col" className="num">
                    Unfunded
                  </th>
                </tr>
              </thead>
              <tbody>
                {plans.map((plan) => {
                  const money = moneyIn(plan.currency);
                  return (
                    <tr key={plan.id}>
                      <th scope="row">
                        <Link href={`/workspace/action-plans/${plan.id}`}>
                          {plan.yearLabel}
                          <span className="sr-only"> action plan</span>
                        </Link>
                      </th>
                      <td>{plan.planTitle}</td>
                      <td>
                        {STATE_LABELS[plan.state]}
                        {plan.reason ? <span className="reason">Reason: {plan.reason}</span> : null}
                      </td>
                      <td className="num">{plan.totals.activities}</td>
                      <td className="num nowrap">{money(plan.totals.needed)}</td>
                      <td className="num nowrap">{money(plan.totals.allocated)}</td>
                      <td className="num nowrap">{money(plan.totals.unfunded)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      {startable.length > 0 ? (
        <section aria-labelledby="start-title">
          <h2 id="start-title">Start an action plan</h2>
          <p className="hint">Plan years without an action plan from your institution.</p>
          <ul className="start-list">
            {startable.map((row) => (
              <li key={`${row.planId}-${row.year}`}>
                <form action={createActionPlanAction}>
                  <input type="hidden" name="planId" value={row.planId} />
                  <input type="hidden" name="year" value={row.year} />
                  <button type="submit" className="button button-small button-secondary">
                    Start the action plan for {row.yearLabel}
                    <span className="sr-only"> ({row.planTitle})</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
