/**
 * The states of a reviewed record, the words for them, and the refusals they imply: the pure
 * part of the review cycle (lib/review/cycle.ts), safe to import from pages and from tests.
 *
 * Stored status: draft ─submit→ submitted ─approve→ approved; submitted ─return (reason)→ draft;
 * approved ─reopen (reason)→ draft. A draft that came back keeps when and why, so the shown
 * state tells a returned or reopened draft from a fresh one.
 */
import type { REPORT_STATUSES } from "@/lib/domain/enums";

export type ReviewStatus = (typeof REPORT_STATUSES)[number];

/** The stored status with where a draft came from: what lists and pages show. */
export type ReviewState = "draft" | "returned" | "reopened" | "submitted" | "approved";

export type ReviewTransition = "submit" | "approve" | "return" | "reopen";

/** Each transition: the status it starts from and the one it leads to. */
export const TRANSITIONS = {
  submit: { from: "draft", to: "submitted" },
  approve: { from: "submitted", to: "approved" },
  return: { from: "submitted", to: "draft" },
  reopen: { from: "approved", to: "draft" },
} as const satisfies Record<ReviewTransition, { from: ReviewStatus; to: ReviewStatus }>;

/** The shown state of a record: a draft with a return (reopen) on it is "returned" ("reopened"). */
export function reviewState(row: {
  status: ReviewStatus;
  returnedAt: string | null;
  reopenedAt: string | null;
}): ReviewState {
  if (row.status === "draft" && row.returnedAt) return "returned";
  if (row.status === "draft" && row.reopenedAt) return "reopened";
  return row.status;
}

/** The reason shown beside a returned or reopened record (null otherwise). */
export function reviewReason(row: {
  status: ReviewStatus;
  returnedAt: string | null;
  returnReason: string | null;
  reopenedAt: string | null;
  reopenReason: string | null;
}): string | null {
  const state = reviewState(row);
  if (state === "returned") return row.returnReason;
  if (state === "reopened") return row.reopenReason;
  return null;
}

/** True for a draft the reviewers sent back (returned) or an admin reopened. */
export const isBackWithInstitution = (state: ReviewState | "not_started") =>
  state === "returned" || state === "reopened";

/**
 * Why a record in this status cannot be changed (only a draft can), or null for a draft.
 * `noun` is the record's name in a sentence: "report", "action plan".
 */
export function lockedReason(noun: string, status: ReviewStatus): string | null {
  if (status === "submitted")
    return `This ${noun} has been submitted and is waiting for review; it cannot be changed now.`;
  if (status === "approved")
    return `This ${noun} is approved and locked. An administrator can reopen it.`;
  return null;
}
