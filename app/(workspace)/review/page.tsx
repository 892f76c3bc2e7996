import type { Metadata } from "next";
import Link from "next/link";
import { TableScroll } from "@/app/_components/table-scroll";
import { requirePage } from "@/lib/auth/guard";
import { formatDate } from "@/lib/format";
import { listAllReports } from "@/lib/reports/data";

export const metadata: Metadata = { title: "Review queue" };

type Row = ReturnType<typeof listAllReports>[number];

function ReportTable({
  caption,
  rows,
  when,
}: {
  caption: string;
  rows: Row[];
  when: (row: Row) => string;
}) {
  return (
    <TableScroll label={caption}>
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Report</th>
            <th scope="col">Institution</th>
            <th scope="col">Deadline</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.institutionId}-${row.periodId}`}>
              <th scope="row">
                {row.reportId ? (
                  <Link href={`/review/reports/${row.reportId}`}>
                    {row.institution} {row.periodLabel}
                  </Link>
                ) : (
                  `${row.institution} ${row.periodLabel}`
                )}
              </th>
              <td>{row.institutionName}</td>
              <td>
                {formatDate(row.deadline)}
                {row.overdue ? <strong className="overdue"> (overdue)</strong> : null}
              </td>
              <td>
                {when(row)}
                {row.reason ? <span className="reason">Reason: {row.reason}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export default async function ReviewPage() {
  const viewer = await requirePage("review.view", "/review");
  const reports = listAllReports(viewer);
  // One bucket per report, the same rule as the workspace's (lib/reports/buckets.ts).
  const queue = reports
    .filter((r) => r.bucket === "submitted")
    .sort((a, b) => (a.submittedAt ?? "").localeCompare(b.submittedAt ?? ""));
  const returned = reports.filter((r) => r.bucket === "back");
  const overdue = reports.filter((r) => r.bucket === "overdue");
  const approved = reports
    .filter((r) => r.bucket === "approved")
    .sort((a, b) => (b.approvedAt ?? "").localeCompare(a.approvedAt ?? ""))
    .slice(0, 10);
  return (
    <>
      <h1>Review queue</h1>
      <p className="lead">
        Progress reports submitted by institutions and waiting for the steering committee, oldest
        first.
      </p>
      <p>
        <Link href="/review/action-plans">Yearly action plans</Link>: every institution's activities
        and budgets by year, with the unfunded gap.
      </p>
      <section aria-labelledby="queue-title">
        <h2 id="queue-title">
          Waiting for your decision <span className="count">({queue.length})</span>
        </h2>
        {queue.length === 0 ? (
          <p className="card">Nothing is waiting for review.</p>
        ) : (
          <ReportTable
            caption="Submitted reports, oldest first"
            rows={queue}
            when={(r) => `Submitted ${r.submittedAt ? formatDate(r.submittedAt) : ""}`}
          />
        )}
      </section>
      {returned.length ? (
        <section aria-labelledby="returned-title">
          <h2 id="returned-title">
            Back with the institution <span className="count">({returned.length})</span>
          </h2>
          <ReportTable
            caption="Returned or reopened reports"
            rows={returned}
            when={(r) => (r.state === "returned" ? "Returned" : "Reopened")}
          />
        </section>
      ) : null}
      {overdue.length ? (
        <section aria-labelledby="overdue-title">
          <h2 id="overdue-title">
            Overdue <span className="count">({overdue.length})</span>
          </h2>
          <ReportTable
            caption="Reports past their deadline and not submitted"
            rows={overdue}
            when={(r) => (r.state === "not_started" ? "Not started" : "Draft in progress")}
          />
        </section>
      ) : null}
      {approved.length ? (
        <section aria-labelledby="approved-title">
          <h2 id="approved-title">Recently approved</h2>
          <ReportTable
            caption="The ten most recently approved reports"
            rows={approved}
            when={(r) => `Approved ${r.approvedAt ? formatDate(r.approvedAt) : ""}`}
          />
        </section>
      ) : null}
    </>
  );
}
