import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import {
  BudgetSummary,
  BudgetTable,
  moneyIn,
  UNFUNDED_NOTE,
} from "@/app/_components/budget-tables";
import { TableScroll } from "@/app/_components/table-scroll";
import {
  getActionPlanTotals,
  listActionPlans,
  listActionPlanYears,
  STATE_LABELS,
} from "@/lib/action-plans/data";
import { requirePage } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Yearly action plans" };

const yearSchema = z.coerce.number().int().min(1900).max(2200);

export default async function ReviewActionPlansPage({
  searchParams,
}: {
  searchParams: Promise<{ year?: string | string[] }>;
}) {
  const viewer = await requirePage("review.view", "/review/action-plans");
  const years = listActionPlanYears(viewer);
  const distinctYears = [...new Set(years.map((y) => y.year))];
  const asked = yearSchema.safeParse((await searchParams).year);
  const year = asked.success && distinctYears.includes(asked.data) ? asked.data : distinctYears[0];
  const plans = year === undefined ? [] : listActionPlans(viewer, { year });
  const napPlans = years.filter((y) => y.year === year);
  return (
    <>
      <Breadcrumbs items={[{ href: "/review", label: "Review" }, { label: "Action plans" }]} />
      <h1>Yearly action plans</h1>
      <p className="lead">
        Every institution's action plan for a plan year, with its status and budget: what is needed,
        allocated, spent, and the unfunded gap.
      </p>
      {distinctYears.length > 0 ? (
        <nav aria-label="Plan years" className="year-nav">
          <ul>
            {distinctYears.map((y) => (
              <li key={y}>
                <Link
                  href={`/review/action-plans?year=${y}`}
                  aria-current={y === year ? "page" : undefined}
                >
                  {y}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        <p>No action plans yet.</p>
      )}
      {napPlans.map((nap) => {
        const rows = plans.filter((p) => p.planSlug === nap.planSlug);
        const totals = getActionPlanTotals(viewer, { planId: nap.planId, year: nap.year });
        const money = moneyIn(nap.currency);
        const c = nap.currency;
        return (
          <section key={nap.planSlug} aria-labelledby={`nap-${nap.planSlug}`}>
            <h2 id={`nap-${nap.planSlug}`}>
              {nap.planTitle}: {nap.yearLabel}
            </h2>
            <BudgetSummary
              totals={totals.overall}
              currency={c}
              label={`Totals for ${nap.yearLabel}`}
            />
            <TableScroll label={`Action plans for ${nap.yearLabel}`}>
              <table>
                <caption>
                  Action plans for {nap.yearLabel}, by institution ({c})
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Institution</th>
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
                      Spent
                    </th>
                    <th scope="col" className="num">
                      Unfunded
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.id}>
                      <th scope="row">
                        <Link href={`/review/action-plans/${row.id}`}>
                          {row.institution}
                          <span className="sr-only"> action plan for {row.yearLabel}</span>
                        </Link>
                      </th>
                      <td>
                        {STATE_LABELS[row.state]}
                        {row.reason ? <span className="reason">Reason: {row.reason}</span> : null}
                      </td>
                      <td className="num">{row.totals.activities}</td>
                      <td className="num nowrap">{money(row.totals.needed)}</td>
                      <td className="num nowrap">{money(row.totals.allocated)}</td>
                      <td className="num nowrap">{money(row.totals.spent)}</td>
                      <td className="num nowrap">{money(row.totals.unfunded)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <BudgetTable
              caption={`By pillar, ${nap.yearLabel} (${c})`}
              head="Pillar"
              currency={c}
              rows={totals.byPillar.map((p) => ({
                ...p,
                key: p.pillarId,
                label: `${p.number}. ${p.title}`,
              }))}
            />
            <BudgetTable
              caption={`By output, ${nap.yearLabel} (${c})`}
              head="Output"
              currency={c}
              rows={totals.byOutput.map((o) => ({
                ...o,
                key: o.outputId,
                label: `${o.code} ${o.title}`,
              }))}
            />
            <p className="hint">{UNFUNDED_NOTE}</p>
          </section>
        );
      })}
    </>
  );
}
