/**
 * Where a report is listed: the one definition of the report lists' groups, for the review
 * queue (/review) and an institution's workspace (/workspace). Pure, so both pages and the unit
 * tests use the same rule.
 *
 * The rule (issue 12): every expected report is in exactly one bucket, and "overdue" is a fact
 * about the report, not a bucket of its own that could hold it twice.
 *
 * - Overdue: the deadline has passed and the report is neither submitted nor approved. A
 *   returned or reopened report is overdue too when its deadline has passed, as the overdue
 *   reminders (lib/notifications/reminders.ts) already count it: it has not been resubmitted.
 * - A returned or reopened report is listed under "back with the institution", overdue or not,
 *   and marked "(overdue)" there when it is. That bucket carries the reviewer's reason, which is
 *   what the institution has to act on; listing the same report again under "Overdue" (as
 *   /review did) counted it twice, and leaving the overdue mark off (as /workspace's group rule
 *   implied) hid that it is late.
 * - The "overdue" bucket holds the rest of the late ones: not started or a draft in progress,
 *   in a period still open. A closed period's unsubmitted report is "missed".
 */
import { isBackWithInstitution, type ReviewState } from "@/lib/review/states";

export type ReportState = "not_started" | ReviewState;

export type ReportBucket =
  /** Returned by a reviewer or reopened by an admin: a draft again, with a reason. */
  | "back"
  /** Not started or a draft, past the deadline, in an open period. */
  | "overdue"
  /** Not started or a draft, before the deadline, in an open period. */
  | "due"
  | "submitted"
  | "approved"
  /** Not started or a draft when its period closed. */
  | "missed";

/** Past the deadline (a `YYYY-MM-DD` date, compared with today's) and not submitted or approved. */
export function isOverdue(deadline: string, state: ReportState, today: string): boolean {
  return deadline < today && state !== "submitted" && state !== "approved";
}

/** The one bucket a report is listed in. */
export function reportBucket(row: {
  state: ReportState;
  overdue: boolean;
  periodStatus: "open" | "closed";
}): ReportBucket {
  if (isBackWithInstitution(row.state)) return "back";
  if (row.state === "submitted") return "submitted";
  if (row.state === "approved") return "approved";
  if (row.periodStatus === "closed") return "missed";
  return row.overdue ? "overdue" : "due";
}
