import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { TableScroll } from "@/app/_components/table-scroll";
import { requirePage } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { formatDate, PLAN_STATUS_LABELS } from "@/lib/format";
import { listPeriods, type PeriodListItem, type PlanPeriods } from "@/lib/periods/data";
import { DEFAULT_DEADLINE_DAYS, periodListSearchSchema } from "@/lib/periods/schemas";
import { fiscalYearNote, PeriodStatusBadge, reportsSummary } from "./parts";

export const metadata: Metadata = { title: "Reporting periods" };

export default async function PeriodsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePage("periods.manage", "/admin/periods");
  const search = periodListSearchSchema.parse(await searchParams);
  let groups: PlanPeriods[];
  try {
    groups = listPeriods(viewer, search.plan);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <Breadcrumbs items={[{ href: "/admin", label: "Admin" }, { label: "Reporting periods" }]} />
      <div className="pill-heading">
        <h1>Reporting periods</h1>
        <Link
          className="button"
          href={search.plan ? `/admin/periods/new?plan=${search.plan}` : "/admin/periods/new"}
        >
          New reporting period
        </Link>
      </div>
      <p>
        Institutions report on each open period until its deadline (by default{" "}
        {DEFAULT_DEADLINE_DAYS} days after the period ends). Closing a period stops its drafts being
        edited. Open a period to change its deadline, close it or reopen it.
      </p>
      {search.plan ? (
        <p>
          <Link href="/admin/periods">Show every plan</Link>
        </p>
      ) : null}
      {groups.map((group) => (
        <PlanSection key={group.plan.id} group={group} today={today} />
      ))}
    </>
  );
}

function PlanSection({ group, today }: { group: PlanPeriods; today: string }) {
  const { plan, periods, expectedInstitutions } = group;
  const headingId = `plan-${plan.slug}`;
  return (
    <section aria-labelledby={headingId}>
      {/* Two plans may share a title (an updated copy under another address): the address tells them apart. */}
      <h2 id={headingId}>
        {plan.title} <span className="meta">({plan.slug})</span>
      </h2>
      <p className="meta">
        {plan.countryName} · {PLAN_STATUS_LABELS[plan.status]} plan · {plan.startYear}–
        {plan.endYear}, {fiscalYearNote(plan.fiscalYearStartMonth)} · {expectedInstitutions}{" "}
        {expectedInstitutions === 1 ? "institution" : "institutions"} expected to report
        {plan.status === "closed" ? "" : " · "}
        {plan.status === "closed" ? null : (
          <Link href={`/admin/periods/new?plan=${plan.slug}`}>Add periods to this plan</Link>
        )}
      </p>
      {periods.length === 0 ? (
        <p>No reporting periods yet.</p>
      ) : (
        <TableScroll label={`Reporting periods of ${plan.title} (${plan.slug})`}>
          <table>
            <caption>
              {periods.length} {periods.length === 1 ? "period" : "periods"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Dates</th>
                <th scope="col">Deadline</th>
                <th scope="col">Status</th>
                <th scope="col">Reports</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((period) => (
                <PeriodRow
                  key={period.id}
                  period={period}
                  expected={expectedInstitutions}
                  today={today}
                />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function PeriodRow({
  period,
  expected,
  today,
}: {
  period: PeriodListItem;
  expected: number;
  today: string;
}) {
  return (
    <tr>
      <th scope="row" className="period-label">
        <Link href={`/admin/periods/${period.id}`}>{period.label}</Link>
        <span className="period-code">{period.code}</span>
      </th>
      <td>
        <span className="nowrap">{formatDate(period.startDate)}</span> –{" "}
        <span className="nowrap">{formatDate(period.endDate)}</span>
      </td>
      <td className="nowrap">{formatDate(period.deadline)}</td>
      <td>
        <PeriodStatusBadge status={period.status} deadline={period.deadline} today={today} />
      </td>
      <td>{reportsSummary(period.reports, expected)}</td>
    </tr>
  );
}
