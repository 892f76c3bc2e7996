import type { Metadata } from "next";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { reportForPage } from "@/lib/reports/page-data";
import { ReportEvidence } from "../../../workspace/reports/[id]/report-evidence";
import { ReportScreen } from "../../../workspace/reports/[id]/report-screen";

export const metadata: Metadata = { title: "Review a progress report" };

export default async function ReviewReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePage("review.view", `/review/reports/${id}`);
  const data = reportForPage(viewer, id);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/review", label: "Review" },
          { label: `${data.report.institution} ${data.report.periodLabel}` },
        ]}
      />
      <ReportScreen initial={data} userId={viewer.id} evidence={<ReportEvidence data={data} />} />
    </>
  );
}
