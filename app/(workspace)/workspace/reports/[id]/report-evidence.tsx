import type { ReportView } from "@/lib/reports/data";

/** The evidence part of a report page (the upload panel is wired in when it lands). */
export function ReportEvidence({ data }: { data: ReportView }) {
  return <p>Evidence for {data.report.institution}'s report.</p>;
}
