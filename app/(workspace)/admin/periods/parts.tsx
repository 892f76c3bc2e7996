/** Small pieces shared by the reporting-period pages. */
import type { PeriodReportCounts, PeriodStatus } from "@/lib/periods/data";

export function fiscalYearNote(fiscalYearStartMonth: number): string {
  return fiscalYearStartMonth === 1
    ? "calendar years"
    : `years start in ${new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(Date.UTC(2000, fiscalYearStartMonth - 1, 1))}`;
}

/** The status in words (the colour only repeats it), with a passed deadline called out. */
export function PeriodStatusBadge({
  status,
  deadline,
  today,
}: {
  status: PeriodStatus;
  deadline: string;
  today: string;
}) {
  if (status === "closed") return <span className="badge badge-neutral">Closed</span>;
  if (deadline < today) return <span className="badge badge-warn">Open, deadline passed</span>;
  return <span className="badge badge-ok">Open</span>;
}

/** "3 of 12 submitted, 1 approved · 2 drafts"; submitted counts approved reports too. */
export function reportsSummary(reports: PeriodReportCounts, expected: number): string {
  const submitted = reports.submitted + reports.approved;
  const drafts =
    reports.draft > 0 ? ` · ${reports.draft} ${reports.draft === 1 ? "draft" : "drafts"}` : "";
  return `${submitted} of ${expected} submitted, ${reports.approved} approved${drafts}`;
}
