import type { Metadata } from "next";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { reportForPage } from "@/lib/reports/page-data";
import { ReportEvidence } from "./report-evidence";
import { ReportScreen } from "./report-screen";

export const metadata: Metadata = { title: "Progress report" };

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePage("workspace.view", `/workspace/reports/${id}`);
  const data = reportForPage(viewer, id);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/workspace", label: "Workspace" },
          { label: `Report ${data.report.periodLabel}` },
        ]}
      />
      <ReportScreen initial={data} userId={viewer.id} evidence={<ReportEvidence data={data} />} />
    </>
  );
}
