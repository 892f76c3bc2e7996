import type { MilestoneStatus } from "@/db/schema";
import { MILESTONE_STATUS_LABELS, PLAN_STATUS_LABELS } from "@/lib/format";
import { type IndicatorStatus, STATUS_LABELS } from "@/lib/indicators/status";
import type { PublicIndicatorStatus } from "@/lib/plans/data";

// Each status has a word and a symbol as well as a colour: colour is never the only signal.
const INDICATOR_TONE: Record<IndicatorStatus, string> = {
  achieved: "ok",
  on_track: "info",
  at_risk: "warn",
  off_track: "bad",
  no_data: "neutral",
};

const MILESTONE_TONE: Record<MilestoneStatus, string> = {
  achieved: "ok",
  in_progress: "info",
  delayed: "warn",
  dropped: "bad",
  not_started: "neutral",
};

export function IndicatorStatusBadge({ status }: { status: PublicIndicatorStatus }) {
  // A status computed from a withheld value would hint at it, so none is shown (lib/plans/data.ts).
  if (status === "withheld")
    return (
      <span className="badge badge-neutral">
        <span className="sr-only">Status: </span>
        Not shown
      </span>
    );
  return (
    <span className={`badge badge-${INDICATOR_TONE[status]}`}>
      <span className="sr-only">Status: </span>
      {STATUS_LABELS[status]}
    </span>
  );
}

export function MilestoneStatusBadge({ status }: { status: MilestoneStatus }) {
  return (
    <span className={`badge badge-${MILESTONE_TONE[status]}`}>
      {MILESTONE_STATUS_LABELS[status]}
    </span>
  );
}

export function PlanStatusBadge({ status }: { status: keyof typeof PLAN_STATUS_LABELS }) {
  const tone = status === "active" ? "ok" : "neutral";
  return <span className={`badge badge-${tone}`}>{PLAN_STATUS_LABELS[status]}</span>;
}
