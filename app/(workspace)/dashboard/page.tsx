import type { Metadata } from "next";
import { TableScroll } from "@/app/_components/table-scroll";
import { requirePage } from "@/lib/auth/guard";
import { capitalise } from "@/lib/format";
import { STATUS_LABELS } from "@/lib/indicators/status";
import { getStatusOverview, STATUSES } from "@/lib/review/data";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const viewer = await requirePage("dashboard.view", "/dashboard");
  const plans = getStatusOverview(viewer);
  return (
    <>
      <h1>Steering committee dashboard</h1>
      <p className="lead">
        Computed indicator status by {plans[0]?.pillarTerm ?? "pillar"}, from approved values
        ("Stale": the latest value is too old to judge today), and milestones past their due date.
      </p>
      {plans.map((plan) => (
        <section key={plan.slug} aria-labelledby={`dash-${plan.slug}`}>
          <h2 id={`dash-${plan.slug}`}>{plan.title}</h2>
          <TableScroll label={`Indicator status for ${plan.title}`}>
            <table>
              <caption>Indicators by status</caption>
              <thead>
                <tr>
                  <th scope="col">{capitalise(plan.pillarTerm)}</th>
                  {STATUSES.map((status) => (
                    <th scope="col" className="num" key={status}>
                      {STATUS_LABELS[status]}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Indicators
                  </th>
                  <th scope="col" className="num">
                    Overdue milestones
                  </th>
                </tr>
              </thead>
              <tbody>
                {plan.pillars.map((pillar) => (
                  <tr key={pillar.number}>
                    <th scope="row">
                      {pillar.number}. {pillar.title}
                    </th>
                    {STATUSES.map((status) => (
                      <td className="num" key={status}>
                        {pillar.counts[status]}
                      </td>
                    ))}
                    <td className="num">{pillar.total}</td>
                    <td className="num">{pillar.overdueMilestones}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ))}
    </>
  );
}
