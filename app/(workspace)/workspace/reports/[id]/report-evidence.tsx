import type { ReportView } from "@/lib/reports/data";
import { EvidencePanel } from "./evidence-panel";

/** The report's evidence: files and links, each attached to the report or to one of its items. */
export function ReportEvidence({ data }: { data: ReportView }) {
  const items = [
    ...data.shape.indicators.map((i) => ({
      value: `indicator:${i.id}`,
      label: `Indicator ${i.code} ${i.title}`,
    })),
    ...data.shape.milestones.map((m) => ({
      value: `milestone:${m.id}`,
      label: `Milestone: ${m.title}`,
    })),
    ...data.shape.outputs.map((o) => ({ value: `output:${o.id}`, label: `Output ${o.code}` })),
  ];
  return <EvidencePanel reportId={data.report.id} editable={data.may.edit} items={items} />;
}
