import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { getPeriod } from "@/lib/periods/data";
import { PERIOD_TYPE_LABELS, periodIdSchema } from "@/lib/periods/schemas";
import { PeriodStatusBadge, reportsSummary } from "../parts";
import { DeadlineForm, StatusForm } from "./period-forms";

export const metadata: Metadata = { title: "Reporting period" };

export default async function PeriodPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const viewer = await requirePage("periods.manage", `/admin/periods/${raw}`);
  const id = periodIdSchema.safeParse(raw);
  if (!id.success) notFound();
  let period: ReturnType<typeof getPeriod>;
  try {
    period = getPeriod(viewer, id.data);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: `/admin/periods?plan=${period.plan.slug}`, label: "Reporting periods" },
          { label: period.code },
        ]}
      />
      <h1>{period.label}</h1>
      <dl className="facts card">
        <dt>Plan</dt>
        <dd>{period.plan.title}</dd>
        <dt>Code</dt>
        <dd>{period.code}</dd>
        <dt>Kind</dt>
        <dd>{PERIOD_TYPE_LABELS[period.type]}</dd>
        <dt>Dates</dt>
        <dd>
          {formatDate(period.startDate)} – {formatDate(period.endDate)}
        </dd>
        <dt>Deadline</dt>
        <dd>{formatDate(period.deadline)}</dd>
        <dt>Status</dt>
        <dd>
          <PeriodStatusBadge status={period.status} deadline={period.deadline} today={today} />
        </dd>
        <dt>Reports</dt>
        <dd>{reportsSummary(period.reports, period.expectedInstitutions)}</dd>
      </dl>
      <h2>Deadline</h2>
      <DeadlineForm
        periodId={period.id}
        code={period.code}
        startDate={period.startDate}
        deadline={period.deadline}
      />
      <h2>{period.status === "open" ? "Close the period" : "Reopen the period"}</h2>
      <StatusForm
        periodId={period.id}
        status={period.status}
        planClosed={period.plan.status === "closed"}
        drafts={period.reports.draft}
      />
    </div>
  );
}
