import type { Metadata } from "next";
import Link from "next/link";
import { IndicatorStatusBadge } from "@/app/_components/status-badge";
import { TableScroll } from "@/app/_components/table-scroll";
import { requirePage } from "@/lib/auth/guard";
import { formatDate } from "@/lib/format";
import {
  type InstitutionPeriod,
  listInstitutionReports,
  type ReportBucket,
} from "@/lib/reports/data";
import { getInstitutionResponsibilities } from "@/lib/workspace/data";
import { startReportAction } from "./actions";

export const metadata: Metadata = { title: "Workspace" };

/** The groups, in order; which report goes where is lib/reports/buckets.ts (as on /review). */
const GROUPS: {
  key: string;
  bucket: ReportBucket;
  title: string;
  hint: string;
}[] = [
  {
    key: "returned",
    title: "Returned for changes",
    bucket: "back",
    hint: "A reviewer sent these back with a reason.",
  },
  {
    key: "overdue",
    title: "Overdue",
    bucket: "overdue",
    hint: "The deadline has passed and the report has not been submitted.",
  },
  {
    key: "due",
    title: "Due",
    bucket: "due",
    hint: "Open reporting periods.",
  },
  {
    key: "submitted",
    title: "Submitted, awaiting review",
    bucket: "submitted",
    hint: "Locked while the steering committee reviews them.",
  },
  {
    key: "approved",
    title: "Approved",
    bucket: "approved",
    hint: "Locked; their figures are on the public pages.",
  },
  {
    key: "missed",
    title: "Closed without a report",
    bucket: "missed",
    hint: "Periods that closed before a report was submitted.",
  },
];

const STATE_TEXT: Record<InstitutionPeriod["state"], string> = {
  not_started: "Not started",
  draft: "Draft in progress",
  returned: "Returned",
  reopened: "Reopened",
  submitted: "Submitted",
  approved: "Approved",
};

function Action({ row }: { row: InstitutionPeriod }) {
  if (row.reportId !== null) {
    const label =
      row.state === "draft" || row.state === "returned" || row.state === "reopened"
        ? row.periodStatus === "open"
          ? "Continue the report"
          : "View the report"
        : "View the report";
    return (
      <Link href={`/workspace/reports/${row.reportId}`}>
        {label}
        <span className="sr-only"> for {row.periodLabel}</span>
      </Link>
    );
  }
  if (row.periodStatus !== "open") return <span>—</span>;
  return (
    <form action={startReportAction}>
      <input type="hidden" name="periodId" value={row.periodId} />
      <button type="submit" className="button button-small">
        Start the report<span className="sr-only"> for {row.periodLabel}</span>
      </button>
    </form>
  );
}

export default async function WorkspacePage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[] }>;
}) {
  const viewer = await requirePage("workspace.view", "/workspace");
  const { institution, plans } = getInstitutionResponsibilities(viewer);
  const reports = listInstitutionReports(viewer);
  const { error } = await searchParams;
  const errorText = typeof error === "string" ? error.slice(0, 300) : null;
  return (
    <>
      <h1>{institution.name} workspace</h1>
      <p className="lead">
        {institution.acronym}'s progress reports under the national action plan: what is due, what
        came back, and what was approved.
      </p>
      <p>
        <Link href="/workspace/action-plans">Yearly action plans</Link>: {institution.acronym}'s
        activities and budgets for each plan year.
      </p>
      {errorText ? (
        <div className="alert alert-error" role="alert">
          {errorText}
        </div>
      ) : null}
      {reports.length === 0 ? (
        <div className="alert alert-info" role="note">
          No reporting period concerns {institution.acronym} yet.
        </div>
      ) : null}
      {GROUPS.map((group) => {
        const rows = reports.filter((r) => r.bucket === group.bucket);
        if (rows.length === 0) return null;
        return (
          <section key={group.key} aria-labelledby={`group-${group.key}`}>
            <h2 id={`group-${group.key}`}>
              {group.title} <span className="count">({rows.length})</span>
            </h2>
            <p className="hint">{group.hint}</p>
            <TableScroll label={group.title}>
              <table>
                <caption className="sr-only">{group.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Period</th>
                    <th scope="col">Plan</th>
                    <th scope="col">Deadline</th>
                    <th scope="col">Status</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.periodId}>
                      <th scope="row">{row.periodLabel}</th>
                      <td>{row.planTitle}</td>
                      <td>
                        {formatDate(row.deadline)}
                        {row.overdue ? <strong className="overdue"> (overdue)</strong> : null}
                      </td>
                      <td>
                        {STATE_TEXT[row.state]}
                        {row.reason ? <span className="reason">Reason: {row.reason}</span> : null}
                        {row.state === "approved" && row.approvedAt
                          ? ` on ${formatDate(row.approvedAt)}`
                          : ""}
                        {row.state === "submitted" && row.submittedAt
                          ? ` on ${formatDate(row.submittedAt)}`
                          : ""}
                      </td>
                      <td>
                        <Action row={row} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        );
      })}
      {plans
        .filter((plan) => plan.indicators.length + plan.leads.length + plan.supports.length > 0)
        .map((plan) => (
          <section key={plan.slug} aria-labelledby={`plan-${plan.slug}`}>
            <h2 id={`plan-${plan.slug}`}>
              What {institution.acronym} answers for in the {plan.title}
            </h2>
            <div className="card">
              <h3>Indicators {institution.acronym} reports on</h3>
              {plan.indicators.length ? (
                <ul>
                  {plan.indicators.map((i) => (
                    <li key={i.code}>
                      <Link href={`/plans/${plan.slug}/indicators/${i.code}`}>
                        {i.code} {i.title}
                      </Link>{" "}
                      <IndicatorStatusBadge status={i.status} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p>None.</p>
              )}
              <h3>Outputs {institution.acronym} leads</h3>
              <OutputList slug={plan.slug} outputs={plan.leads} />
              <h3>Outputs {institution.acronym} supports</h3>
              <OutputList slug={plan.slug} outputs={plan.supports} />
            </div>
          </section>
        ))}
    </>
  );
}

function OutputList({
  slug,
  outputs,
}: {
  slug: string;
  outputs: { code: string; title: string }[];
}) {
  if (outputs.length === 0) return <p>None.</p>;
  return (
    <ul>
      {outputs.map((o) => (
        <li key={o.code}>
          <Link href={`/plans/${slug}/outputs/${o.code}`}>
            {o.code} {o.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}
