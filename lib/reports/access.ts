/**
 * Who may read and change a progress report: the record-level rules beside the permission table.
 *
 * - Reviewers and admins read every report; a reporter reads only their own institution's
 *   (the institution comes from the session, never from the request). Anyone else is refused,
 *   and a reporter asking for another institution's report is told it does not exist.
 * - Only a `draft` is editable, only by its institution's reporters, and only while its
 *   reporting period is open.
 */
import "server-only";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { assertAllowed, can, deny } from "@/lib/auth/policy";
import type { SignedInViewer, Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { lockedReason } from "@/lib/review/states";
import { loadReportRow, type ReportRow } from "./store";

export type { ReportRow };

/** True when the viewer may read this report (no audit entry: for listing and links). */
export function mayReadReport(viewer: Viewer, report: Pick<ReportRow, "institutionId">): boolean {
  if (viewer === null) return false;
  if (can(viewer, "reports.read.all")) return true;
  return viewer.role === "reporter" && viewer.institutionId === report.institutionId;
}

/**
 * The report if the viewer may read it. The public gets UNAUTHENTICATED; a signed-in user
 * outside the rules gets NOT_FOUND (logged), so report numbers reveal nothing.
 */
export function readableReport(
  viewer: Viewer,
  reportId: number,
  db: Db = getDb(),
): { viewer: SignedInViewer; report: ReportRow } {
  if (viewer === null) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  const report = loadReportRow(db, reportId);
  if (!report || !mayReadReport(viewer, report)) {
    deny(viewer, "reports.read", { entityType: "progress_report", entityId: reportId, hide: true });
  }
  return { viewer, report };
}

/** Why the viewer may not edit this report, or null when they may. */
export function editBlocker(viewer: Viewer, report: ReportRow): string | null {
  if (viewer === null || !can(viewer, "reports.edit"))
    return "Only the institution's reporters can edit its report.";
  if (viewer.institutionId !== report.institutionId)
    return "Only the institution's reporters can edit its report.";
  const locked = lockedReason("report", report.status);
  if (locked) return locked;
  if (report.periodStatus === "closed")
    return "The reporting period is closed; the report can no longer be changed.";
  return null;
}

/** The report, if the viewer may edit it now; otherwise a refusal naming the reason (logged). */
export function editableReport(viewer: Viewer, reportId: number, db: Db = getDb()) {
  const reporter = assertAllowed(viewer, "reports.edit");
  const { report } = readableReport(reporter, reportId, db);
  const blocker = editBlocker(reporter, report);
  if (blocker) {
    if (reporter.institutionId !== report.institutionId) deny(reporter, "reports.edit");
    throw new AppError("CONFLICT", blocker);
  }
  return { viewer: reporter, report };
}
