import type { MilestoneStatus } from "@/lib/domain/enums";
import { formatDate, PLAN_STATUS_LABELS } from "@/lib/format";
import {
  MILESTONE_DISPLAY_LABELS,
  type MilestoneDisplayStatus,
} from "@/lib/framework/milestone-status";
import { type IndicatorStatus, STATUS_LABELS } from "@/lib/indicators/status";
import { parsePeriodCode } from "@/lib/periods/codes";
import type { IndicatorStatusNode } from "@/lib/plans/data";

// Each status has a word and a symbol as well as a colour: colour is never the only signal.
const INDICATOR_TONE: Record<IndicatorStatus | "withheld", string> = {
  withheld: "neutral",
  achieved: "ok",
  on_track: "info",
  at_risk: "warn",
  off_track: "bad",
  stale: "stale",
  no_target: "neutral",
  no_baseline: "neutral",
  no_data: "neutral",
};

const MILESTONE_TONE: Record<MilestoneDisplayStatus, string> = {
  achieved: "ok",
  in_progress: "info",
  delayed: "warn",
  overdue: "bad",
  dropped: "bad",
  not_started: "neutral",
};

/** A period's label ("July 2021 – June 2022"), or its code when it cannot be read. */
export function periodLabel(code: string): string {
  try {
    return parsePeriodCode(code).label;
  } catch {
    return code;
  }
}

/**
 * An indicator's status with the approved value it was computed from ("as of …"); a stale
 * status says what the old value gave then. `approval` adds the value's approval date.
 */
export function IndicatorStatusBadge({
  status,
  approval = false,
}: {
  status: IndicatorStatusNode;
  approval?: boolean;
}) {
  const then =
    status.code === "stale" && status.assessment
      ? `, when it was ${STATUS_LABELS[status.assessment].toLowerCase()}`
      : "";
  return (
    <span className="status">
      <span className={`badge badge-${INDICATOR_TONE[status.code]}`}>
        <span className="sr-only">Status: </span>
        {status.label}
      </span>
      {status.asOf ? (
        <span className="as-of">
          {" "}
          as of {periodLabel(status.asOf.periodCode)}
          {approval ? ` (approved ${formatDate(status.asOf.approvedAt)})` : ""}
          {then}
        </span>
      ) : null}
    </span>
  );
}

/** A milestone's status to show (lib/framework/milestone-status.ts: overdue past its due date). */
export function MilestoneStatusBadge({
  status,
}: {
  status: MilestoneDisplayStatus | MilestoneStatus;
}) {
  return (
    <span className={`badge badge-${MILESTONE_TONE[status]}`}>
      {MILESTONE_DISPLAY_LABELS[status]}
    </span>
  );
}

export function PlanStatusBadge({ status }: { status: keyof typeof PLAN_STATUS_LABELS }) {
  const tone = status === "active" ? "ok" : "neutral";
  return <span className={`badge badge-${tone}`}>{PLAN_STATUS_LABELS[status]}</span>;
}
