/**
 * The status a milestone shows: its recorded status, or "overdue" once its due date has passed
 * and it is neither achieved nor dropped. One rule for the public pages, the API and the
 * dashboard, so that "In progress" never stands beside a date long gone.
 *
 * Dates are compared as calendar days in UTC (due dates are plain dates, YYYY-MM-DD): a
 * milestone due on 30 June 2022 is overdue from 1 July 2022. A delayed milestone past its due
 * date is overdue too; a dropped one is not (it was abandoned, and says so).
 * Pure: no database, safe for client components.
 */

import type { MilestoneStatus } from "@/lib/domain/enums";
import { MILESTONE_STATUS_LABELS } from "@/lib/format";

export type MilestoneDisplayStatus = MilestoneStatus | "overdue";

export const MILESTONE_DISPLAY_LABELS: Record<MilestoneDisplayStatus, string> = {
  ...MILESTONE_STATUS_LABELS,
  overdue: "Overdue",
};

/** Today's calendar day in UTC, as YYYY-MM-DD. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The status to show for a milestone with this due date and recorded status, on day `now`. */
export function milestoneDisplayStatus(
  milestone: { dueDate: string; status: MilestoneStatus },
  now: Date,
): MilestoneDisplayStatus {
  if (milestone.status === "achieved" || milestone.status === "dropped") return milestone.status;
  return milestone.dueDate < utcDay(now) ? "overdue" : milestone.status;
}
