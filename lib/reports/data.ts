/**
 * Progress reports: the data-access layer. Every function takes the viewer from the session and
 * checks, before anything else, that they may do this to this report (lib/reports/access.ts).
 * Every change runs in one IMMEDIATE transaction together with its audit event.
 *
 * The report's life (PRODUCT.md): draft ─submit→ submitted ─approve→ approved; submitted
 * ─return (reason)→ draft; approved ─reopen (admin, reason)→ draft. Only a draft is editable.
 * The transitions are the review cycle's (lib/review/cycle.ts), which yearly action plans share;
 * `reportReview` below is what is the report's own in it. Each save and transition names the
 * version it started from; a stale one is refused with who changed what, and when.
 */
import "server-only";
import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, getDb } from "@/db/client";
import * as s from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { assertAllowed, can, deny } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import type { Role } from "@/lib/domain/enums";
import { AppError, DetailedError } from "@/lib/errors";
import { kickMailer, notifyInstitutionReporters, notifyReviewers } from "@/lib/notifications/data";
import { parsePeriodCode } from "@/lib/periods/codes";
import {
  approve,
  mayReview,
  type ReviewAdapter,
  reopen,
  returnToInstitution,
  reviewReason,
  reviewState,
  submit,
} from "@/lib/review/cycle";
import { actorOf, immediate } from "@/lib/server/db";
import { recordIdInput } from "@/lib/server/validation";
import { editableReport, editBlocker, readableReport } from "./access";
import { isOverdue, type ReportBucket, type ReportState, reportBucket } from "./buckets";
import { expectedInstitutionIds } from "./expected";
import { checkField, fieldSpecs, missingFields, sumWarnings, valueKey } from "./fields";
import { type PlausibilityWarning, publicationPreview, unacknowledged } from "./plausibility";
import {
  type FullShape,
  freezeReport,
  insertReport,
  loadReportRow,
  loadReportShape,
  type ReportRow,
  readValues,
  writeValues,
} from "./store";

// Only the canonical form of an id (`12`, never `0x0c` or `012`): one record, one address.
const id = recordIdInput;
export const reportIdSchema = id;

// ─── Reading ────────────────────────────────────────────────────────────────────────────────

export type CommentView = {
  id: number;
  itemRef: string | null;
  parentId: number | null;
  body: string;
  at: string;
  author: string;
  authorRole: Role;
};

function loadComments(db: Db, reportId: number): CommentView[] {
  return db
    .select({
      id: s.comments.id,
      itemRef: s.comments.itemRef,
      parentId: s.comments.parentId,
      body: s.comments.body,
      at: s.comments.createdAt,
      author: s.users.name,
      authorRole: s.users.role,
    })
    .from(s.comments)
    .innerJoin(s.users, eq(s.users.id, s.comments.authorId))
    .where(eq(s.comments.reportId, reportId))
    .orderBy(asc(s.comments.createdAt), asc(s.comments.id))
    .all();
}

/** Everything the report page needs: structure, values, context, state and what the viewer may do. */
export function getReport(viewer: Viewer, reportId: number) {
  const db = getDb();
  const { viewer: reader, report } = readableReport(viewer, reportId, db);
  const shape = loadReportShape(db, report);
  const row = db
    .select({
      updatedAt: s.progressReports.updatedAt,
      updatedBy: s.users.name,
      submittedAt: s.progressReports.submittedAt,
      approvedAt: s.progressReports.approvedAt,
      returnedAt: s.progressReports.returnedAt,
      returnReason: s.progressReports.returnReason,
      reopenedAt: s.progressReports.reopenedAt,
      reopenReason: s.progressReports.reopenReason,
    })
    .from(s.progressReports)
    .leftJoin(s.users, eq(s.users.id, s.progressReports.updatedById))
    .where(eq(s.progressReports.id, reportId))
    .get();
  const period = parsePeriodCode(report.periodCode);
  const values = readValues(db, reportId, shape);
  const blocker = editBlocker(reader, report);
  const mine = reader.role === "reporter" && reader.institutionId === report.institutionId;
  const versions = db
    .select({
      versionNumber: s.reportVersions.versionNumber,
      approvedAt: s.reportVersions.approvedAt,
    })
    .from(s.reportVersions)
    .where(eq(s.reportVersions.reportId, reportId))
    .orderBy(asc(s.reportVersions.versionNumber))
    .all();
  return {
    report: {
      ...report,
      ...row,
      periodLabel: period.label,
      periodYear: period.year,
    },
    shape,
    values,
    problems: missingFields(shape, values),
    warnings: shape.indicators.flatMap((i) => sumWarnings(i, values)),
    /** What approving would publish, with the warnings to acknowledge (submitted reports). */
    publication:
      report.status === "submitted" ? previewPublication(db, report, shape, values) : null,
    comments: loadComments(db, reportId),
    versions,
    may: {
      edit: blocker === null,
      editBlocker: mine ? blocker : null,
      submit: blocker === null,
      ...mayReview(reportReview, (permission) => can(reader, permission), report),
      comment: can(reader, "reports.comment"),
    },
  };
}

export type ReportView = ReturnType<typeof getReport>;

// ─── Saving ─────────────────────────────────────────────────────────────────────────────────

export const saveSchema = z.object({
  baseVersion: z.number().int().positive(),
  changes: z
    .record(z.string().max(200), z.string().max(20_000))
    .refine((c) => Object.keys(c).length > 0, "There is nothing to save.")
    .refine((c) => Object.keys(c).length <= 500, "Too many fields in one save."),
});

export type Conflict = {
  currentVersion: number;
  changes: { at: string; by: string; fields: { key: string; label: string }[] }[];
  theirs: Record<string, string>;
};

/** Who changed what since `baseVersion`, from the report's audit trail. */
function conflictSince(
  db: Db,
  reportId: number,
  baseVersion: number,
  currentVersion: number,
): Conflict {
  const report = loadReportRow(db, reportId);
  if (!report) throw new AppError("NOT_FOUND", "This report was not found.");
  const shape = loadReportShape(db, report);
  const specs = fieldSpecs(shape);
  const events = db
    .select({
      at: s.auditEvents.at,
      by: sql<string>`coalesce(${s.users.name}, ${s.auditEvents.actorLabel})`,
      action: s.auditEvents.action,
      after: s.auditEvents.after,
    })
    .from(s.auditEvents)
    .leftJoin(s.users, eq(s.users.id, s.auditEvents.actorId))
    .where(
      and(
        eq(s.auditEvents.entityType, "progress_report"),
        eq(s.auditEvents.entityId, String(reportId)),
        gt(sql`json_extract(${s.auditEvents.after}, '$.version')`, baseVersion),
      ),
    )
    .orderBy(asc(s.auditEvents.id))
    .all();
  const values = readValues(db, reportId, shape);
  const keys = new Set<string>();
  const changes = events.map((event) => {
    const after = (event.after ?? {}) as { fields?: Record<string, string>; status?: string };
    const fieldKeys = Object.keys(after.fields ?? {});
    for (const key of fieldKeys) keys.add(key);
    return {
      at: event.at,
      by: event.by,
      fields:
        event.action === "report.save"
          ? fieldKeys.map((key) => ({ key, label: specs.get(key)?.label ?? key }))
          : [{ key: "status", label: `Status changed to ${after.status ?? "?"}` }],
    };
  });
  return {
    currentVersion,
    changes,
    theirs: Object.fromEntries([...keys].map((key) => [key, values[key] ?? ""])),
  };
}

function conflictError(
  db: Db,
  reportId: number,
  baseVersion: number,
  currentVersion: number,
): never {
  const conflict = conflictSince(db, reportId, baseVersion, currentVersion);
  const last = conflict.changes.at(-1);
  const names = [...new Set(conflict.changes.map((c) => c.by))].join(", ");
  const fields = conflict.changes.flatMap((c) => c.fields.map((f) => f.label));
  const message = last
    ? `${names} changed this report while you were editing (${fields.slice(0, 3).join("; ")}${fields.length > 3 ? ` and ${fields.length - 3} more` : ""}) at ${last.at.slice(11, 16)} UTC. Your changes were not saved; they are still on your screen.`
    : "This report changed while you were editing. Your changes were not saved; they are still on your screen.";
  throw new DetailedError("CONFLICT", message, { conflict });
}

/**
 * Saves changed fields of a draft. Refused when the report moved on since `baseVersion`
 * (CONFLICT with who changed what), or when any value is invalid (VALIDATION with a message per
 * field; nothing is written).
 */
export function saveReport(viewer: Viewer, reportId: number, input: unknown) {
  const parsed = saveSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", parsed.error.issues.map((i) => i.message).join(" "));
  const { baseVersion, changes } = parsed.data;
  editableReport(viewer, reportId);
  const result = immediate((db) => {
    const { viewer: reporter, report } = editableReport(viewer, reportId, db);
    if (report.version !== baseVersion) conflictError(db, reportId, baseVersion, report.version);
    const shape = loadReportShape(db, report);
    const specs = fieldSpecs(shape);
    const fieldErrors: Record<string, string> = {};
    const clean: Record<string, string> = {};
    for (const [key, raw] of Object.entries(changes)) {
      const spec = specs.get(key);
      if (!spec) {
        fieldErrors[key] = "This field is not part of this report.";
        continue;
      }
      const checked = checkField(spec, raw);
      if (checked.ok) clean[key] = checked.value;
      else fieldErrors[key] = checked.message;
    }
    const before = readValues(db, reportId, shape);
    if (Object.keys(fieldErrors).length === 0)
      Object.assign(fieldErrors, writeValues(db, reportId, shape, clean));
    if (Object.keys(fieldErrors).length > 0) {
      throw new DetailedError("VALIDATION", "Some values were not saved: please correct them.", {
        fieldErrors,
      });
    }
    const at = new Date().toISOString();
    const version = report.version + 1;
    db.update(s.progressReports)
      .set({ version, updatedById: reporter.id, updatedAt: at })
      .where(eq(s.progressReports.id, reportId))
      .run();
    recordAudit(db, {
      actor: actorOf(reporter),
      action: "report.save",
      entityType: "progress_report",
      entityId: reportId,
      before: { version: report.version, fields: pick(before, Object.keys(clean)) },
      after: { version, fields: clean },
    });
    return { version, savedAt: at, values: clean };
  });
  return result;
}

const pick = (values: Record<string, string>, keys: string[]) =>
  Object.fromEntries(keys.map((key) => [key, values[key] ?? ""]));

// ─── Starting a report ──────────────────────────────────────────────────────────────────────

/** A reporter opens their institution's report for a period, creating the draft the first time. */
export function startReport(viewer: Viewer, periodIdInput: unknown): number {
  const reporter = assertAllowed(viewer, "reports.edit");
  const periodId = id.parse(periodIdInput);
  const institutionId = reporter.institutionId;
  if (institutionId === null) throw new AppError("FORBIDDEN", "Your account has no institution.");
  const planOf = getDb()
    .select({ planId: s.reportingPeriods.planId })
    .from(s.reportingPeriods)
    .where(eq(s.reportingPeriods.id, periodId))
    .get();
  if (planOf && !expectedInstitutionIds(getDb(), planOf.planId).includes(institutionId))
    deny(reporter, "reports.start", { entityType: "reporting_period", entityId: periodId });
  return immediate((db) => {
    const period = db
      .select({
        id: s.reportingPeriods.id,
        planId: s.reportingPeriods.planId,
        status: s.reportingPeriods.status,
        planStatus: s.plans.status,
      })
      .from(s.reportingPeriods)
      .innerJoin(s.plans, eq(s.plans.id, s.reportingPeriods.planId))
      .where(eq(s.reportingPeriods.id, periodId))
      .get();
    if (!period || period.planStatus === "draft")
      throw new AppError("NOT_FOUND", "This reporting period was not found.");
    const existing = db
      .select({ id: s.progressReports.id })
      .from(s.progressReports)
      .where(
        and(
          eq(s.progressReports.institutionId, institutionId),
          eq(s.progressReports.periodId, periodId),
        ),
      )
      .get();
    if (existing) return existing.id;
    if (!expectedInstitutionIds(db, period.planId).includes(institutionId))
      deny(reporter, "reports.start", { entityType: "reporting_period", entityId: periodId });
    if (period.status !== "open")
      throw new AppError(
        "CONFLICT",
        "This reporting period is closed; no new report can be started.",
      );
    return insertReport(db, institutionId, periodId, actorOf(reporter)).id;
  });
}

// ─── Transitions ────────────────────────────────────────────────────────────────────────────

export const transitionSchema = z.object({
  version: z.number().int().positive(),
  reason: z.string().trim().max(4000, "Keep the reason under 4,000 characters.").optional(),
});

const reportLink = (reportId: number) => `/workspace/reports/${reportId}`;
const reviewLink = (reportId: number) => `/review/reports/${reportId}`;

/**
 * What approving this report would publish, each value with the approved one it replaces, and
 * the plausibility warnings (lib/reports/plausibility.ts). Values already public for the same
 * period (a reopened report's last approval) are the ones replaced.
 */
function previewPublication(
  db: Db,
  report: ReportRow,
  shape: FullShape,
  values: Record<string, string>,
) {
  const ids = shape.indicators.map((i) => i.id);
  const current = ids.length
    ? db
        .select({
          indicatorId: s.observations.indicatorId,
          breakdown: s.observations.breakdown,
          value: s.observations.value,
          valueText: s.observations.valueText,
        })
        .from(s.observations)
        .where(
          and(
            inArray(s.observations.indicatorId, ids),
            eq(s.observations.periodCode, report.periodCode),
          ),
        )
        .all()
    : [];
  return publicationPreview(
    shape.indicators,
    values,
    report.periodCode,
    Object.fromEntries(
      current.map((o) => [valueKey(o.indicatorId, o.breakdown), o.value ?? o.valueText ?? ""]),
    ),
  );
}

export const approveSchema = transitionSchema.extend({
  /** The ids of the warnings the reviewer ticked (PlausibilityWarning.id). */
  acknowledged: z.array(z.string().max(2000)).max(1000).optional(),
});

const countOf = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const acknowledgedOf = (w: PlausibilityWarning) => ({
  kind: w.kind,
  label: w.label,
  message: w.message,
});

/**
 * Progress reports in the review cycle (lib/review/cycle.ts). What is theirs: a submission lists
 * every missing or invalid field; an approval whose figures raise plausibility warnings must
 * name each of them as acknowledged and carry a note (recomputed here from the stored values:
 * what the client listed is not trusted); approving freezes the values into `report_versions`
 * and publishes them as observations; a reopened report keeps its last approved values public
 * until the next approval; a return or reopen is kept as a comment too; a report of a closed
 * period cannot be reopened.
 */
const reportReview: ReviewAdapter<ReportRow> = {
  entityType: "progress_report",
  actionPrefix: "report",
  labels: {
    noun: "report",
    fullNoun: "progress report",
    planPreposition: "on",
    approvedNote: "Its figures are now public.",
  },
  permissions: { edit: "reports.edit", review: "reports.review", reopen: "reports.reopen" },
  links: { workspace: reportLink, review: reviewLink },
  readable: (viewer, reportId, db) => readableReport(viewer, reportId, db).report,
  editable: (viewer, reportId, db) => {
    const { viewer: reporter, report } = editableReport(viewer, reportId, db);
    return { viewer: reporter, row: report };
  },
  subject: (report) => ({
    institution: report.institution,
    institutionName: report.institutionName,
    planTitle: report.planTitle,
    when: parsePeriodCode(report.periodCode).label,
  }),
  update: (db, reportId, set) => {
    db.update(s.progressReports).set(set).where(eq(s.progressReports.id, reportId)).run();
  },
  conflict: (db, report, version) => conflictError(db, report.id, version, report.version),
  checkSubmittable: (db, report) => {
    const shape = loadReportShape(db, report);
    const problems = missingFields(shape, readValues(db, report.id, shape));
    if (problems.length > 0)
      throw new DetailedError(
        "VALIDATION",
        `The report is not complete: ${problems.length} ${problems.length === 1 ? "item needs" : "items need"} your attention.`,
        { problems },
      );
  },
  checkApprovable: (db, report, { note, acknowledged = [] }) => {
    const shape = loadReportShape(db, report);
    const { warnings } = previewPublication(db, report, shape, readValues(db, report.id, shape));
    if (warnings.length > 0) {
      const missing = unacknowledged(warnings, [...acknowledged]);
      const noteMissing = !note || note.length < 5;
      if (missing.length > 0 || noteMissing)
        throw new DetailedError(
          "VALIDATION",
          `Not approved: the figures raise ${countOf(warnings.length, "warning", "warnings")}. Tick each warning to confirm you checked it${noteMissing ? ", and write a note (at least 5 characters) on why the figures stand" : ""}, then approve again.`,
          {
            warnings,
            unacknowledged: missing.map((w) => w.id),
            fieldErrors: {
              ...(missing.length > 0
                ? {
                    acknowledged: `Confirm ${countOf(missing.length, "more warning", "more warnings")} before approving.`,
                  }
                : {}),
              ...(noteMissing
                ? { reason: "Write a note (at least 5 characters) on why the figures stand." }
                : {}),
            },
          },
        );
    }
    return {
      note,
      audit: warnings.length > 0 ? { acknowledgedWarnings: warnings.map(acknowledgedOf) } : {},
    };
  },
  reopenBlocker: (report) =>
    // A reopened report must be editable, and only reports of open periods are.
    report.periodStatus === "closed"
      ? `The reporting period ${parsePeriodCode(report.periodCode).label} is closed. Reopen the period first (Admin, Reporting periods), then the report.`
      : null,
  freeze: (db, report, { at, actor }) => {
    const { versionNumber, published } = freezeReport(db, report, { at, approvedById: actor.id });
    return { versionNumber, details: { published } };
  },
  afterBackToDraft: (db, report, { actor, transition, why }) => {
    db.insert(s.comments)
      .values({
        reportId: report.id,
        authorId: actor.id,
        body: `${transition === "return" ? "Returned" : "Reopened"}: ${why}`,
      })
      .run();
  },
};

/** Sends the draft for review. Refused with every missing or invalid field listed. */
export function submitReport(viewer: Viewer, reportId: number, input: unknown) {
  const { version } = transitionSchema.parse(input);
  return submit(reportReview, viewer, reportId, { version });
}

/**
 * A reviewer approves a submitted report: it is locked and its values are published. When the
 * values raise plausibility warnings, the approval must name each of them as acknowledged and
 * carry a note (at least 5 characters); the note and the acknowledged warnings go into the
 * approval's audit event.
 */
export function approveReport(viewer: Viewer, reportId: number, input: unknown) {
  const { version, reason, acknowledged = [] } = approveSchema.parse(input);
  const note = reason && reason.length > 0 ? reason : undefined;
  // The answer as before: the approved version's number and how many values went public.
  const { version: _, ...answer } = approve(reportReview, viewer, reportId, {
    version,
    note,
    acknowledged,
  });
  return answer;
}

/** A reviewer returns a submitted report to its institution, with a reason they will read. */
export function returnReport(viewer: Viewer, reportId: number, input: unknown) {
  const { version, reason } = transitionSchema.parse(input);
  return returnToInstitution(reportReview, viewer, reportId, { version, reason });
}

/**
 * An admin reopens an approved report, with a reason. The public keeps seeing the approved
 * values (observations are untouched) until a new version is approved.
 */
export function reopenReport(viewer: Viewer, reportId: number, input: unknown) {
  const { version, reason } = transitionSchema.parse(input);
  return reopen(reportReview, viewer, reportId, { version, reason });
}

// ─── Comments ───────────────────────────────────────────────────────────────────────────────

export const commentSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, "Write a comment.")
    .max(4000, "Keep a comment under 4,000 characters."),
  itemRef: z
    .string()
    .regex(/^(indicator|milestone|activity|output):\d+$/, "This item is not part of the report.")
    .nullish(),
  parentId: z.number().int().positive().nullish(),
});

/** Reviewers comment on a report or an item of it; the institution's reporters answer. */
export function addComment(viewer: Viewer, reportId: number, input: unknown) {
  const commenter = assertAllowed(viewer, "reports.comment");
  const parsed = commentSchema.safeParse(input);
  if (!parsed.success)
    throw new DetailedError("VALIDATION", "The comment was not posted.", {
      fieldErrors: Object.fromEntries(
        parsed.error.issues.map((i) => [String(i.path[0] ?? "body"), i.message]),
      ),
    });
  readableReport(commenter, reportId);
  const done = immediate((db) => {
    const { report } = readableReport(commenter, reportId, db);
    const { body, itemRef, parentId } = parsed.data;
    if (itemRef) {
      const [kind, raw] = itemRef.split(":");
      const shape = loadReportShape(db, report);
      const ref = Number(raw);
      const known =
        (kind === "indicator" && shape.indicators.some((i) => i.id === ref)) ||
        (kind === "milestone" && shape.milestones.some((m) => m.id === ref)) ||
        (kind === "activity" && shape.activities.some((a) => a.id === ref)) ||
        (kind === "output" && shape.outputs.some((o) => o.id === ref));
      if (!known)
        throw new DetailedError("VALIDATION", "The comment was not posted.", {
          fieldErrors: { itemRef: "This item is not part of the report." },
        });
    }
    if (parentId) {
      const parent = db
        .select({ reportId: s.comments.reportId })
        .from(s.comments)
        .where(eq(s.comments.id, parentId))
        .get();
      if (parent?.reportId !== reportId)
        throw new AppError("VALIDATION", "The comment you answer is not on this report.");
    }
    const row = db
      .insert(s.comments)
      .values({
        reportId,
        itemRef: itemRef ?? null,
        parentId: parentId ?? null,
        authorId: commenter.id,
        body,
      })
      .returning({ id: s.comments.id })
      .get();
    recordAudit(db, {
      actor: actorOf(commenter),
      action: "report.comment",
      entityType: "progress_report",
      entityId: reportId,
      after: { commentId: row.id, itemRef: itemRef ?? null, body },
    });
    const period = parsePeriodCode(report.periodCode);
    if (commenter.role === "reporter") {
      notifyReviewers(db, {
        kind: "report.comment",
        title: `${report.institution} answered on its report for ${period.label}`,
        body,
        link: reviewLink(reportId),
      });
    } else {
      notifyInstitutionReporters(db, report.institutionId, {
        kind: "report.comment",
        title: `New comment on your report for ${period.label}`,
        body,
        link: reportLink(reportId),
      });
    }
    return { id: row.id };
  });
  kickMailer();
  return done;
}

// ─── History and versions ───────────────────────────────────────────────────────────────────

/** The report's history (every save and transition, with before and after), newest first. */
export function reportHistory(viewer: Viewer, reportId: number) {
  const db = getDb();
  const { report } = readableReport(viewer, reportId, db);
  const specs = fieldSpecs(loadReportShape(db, report));
  return db
    .select({
      id: s.auditEvents.id,
      at: s.auditEvents.at,
      by: sql<string>`coalesce(${s.users.name}, ${s.auditEvents.actorLabel})`,
      action: s.auditEvents.action,
      before: s.auditEvents.before,
      after: s.auditEvents.after,
      reason: s.auditEvents.reason,
    })
    .from(s.auditEvents)
    .leftJoin(s.users, eq(s.users.id, s.auditEvents.actorId))
    .where(
      and(
        eq(s.auditEvents.entityType, "progress_report"),
        eq(s.auditEvents.entityId, String(reportId)),
        inArray(s.auditEvents.action, [
          "report.create",
          "report.save",
          "report.submit",
          "report.approve",
          "report.return",
          "report.reopen",
          "report.comment",
        ]),
      ),
    )
    .orderBy(desc(s.auditEvents.id))
    .limit(500)
    .all()
    .map((event) => {
      const before = (event.before ?? {}) as { fields?: Record<string, string> };
      const after = (event.after ?? {}) as {
        fields?: Record<string, string>;
        acknowledgedWarnings?: { label: string; message: string }[];
      };
      return {
        ...event,
        acknowledgedWarnings: (after.acknowledgedWarnings ?? []).map((w) => ({
          label: w.label,
          message: w.message,
        })),
        fields: Object.keys(after.fields ?? {}).map((key) => ({
          label: specs.get(key)?.label ?? key,
          before: before.fields?.[key] ?? "",
          after: after.fields?.[key] ?? "",
        })),
      };
    });
}

/** One approved version, frozen as it was approved. */
export function getReportVersion(viewer: Viewer, reportId: number, versionNumber: number) {
  const db = getDb();
  readableReport(viewer, reportId, db);
  const row = db
    .select()
    .from(s.reportVersions)
    .where(
      and(
        eq(s.reportVersions.reportId, reportId),
        eq(s.reportVersions.versionNumber, versionNumber),
      ),
    )
    .get();
  if (!row) throw new AppError("NOT_FOUND", "This version was not found.");
  return row;
}

// ─── Lists ──────────────────────────────────────────────────────────────────────────────────

export type { ReportBucket, ReportState };

export type InstitutionPeriod = {
  periodId: number;
  periodCode: string;
  periodLabel: string;
  periodStatus: "open" | "closed";
  deadline: string;
  plan: string;
  planTitle: string;
  reportId: number | null;
  state: ReportState;
  /** Past the deadline and not submitted or approved (lib/reports/buckets.ts). */
  overdue: boolean;
  /** The one list group it belongs in, the same on /review and /workspace. */
  bucket: ReportBucket;
  updatedAt: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  reason: string | null;
};

/**
 * Reports of the given institutions (or all), one row per (institution, period) that is expected,
 * for active and closed plans, each with its state, whether it is overdue and its list bucket
 * (lib/reports/buckets.ts).
 */
function periodRows(db: Db, institutionIds: number[] | null, today: string) {
  const periods = db
    .select({
      id: s.reportingPeriods.id,
      code: s.reportingPeriods.code,
      status: s.reportingPeriods.status,
      deadline: s.reportingPeriods.deadline,
      planId: s.plans.id,
      plan: s.plans.slug,
      planTitle: s.plans.title,
    })
    .from(s.reportingPeriods)
    .innerJoin(s.plans, eq(s.plans.id, s.reportingPeriods.planId))
    .where(inArray(s.plans.status, ["active", "closed"]))
    .orderBy(desc(s.reportingPeriods.startDate))
    .all();
  const expected = new Map<number, number[]>();
  for (const planId of new Set(periods.map((p) => p.planId)))
    expected.set(planId, expectedInstitutionIds(db, planId));
  const reports = db
    .select({
      id: s.progressReports.id,
      institutionId: s.progressReports.institutionId,
      periodId: s.progressReports.periodId,
      status: s.progressReports.status,
      returnedAt: s.progressReports.returnedAt,
      returnReason: s.progressReports.returnReason,
      reopenedAt: s.progressReports.reopenedAt,
      reopenReason: s.progressReports.reopenReason,
      updatedAt: s.progressReports.updatedAt,
      submittedAt: s.progressReports.submittedAt,
      approvedAt: s.progressReports.approvedAt,
    })
    .from(s.progressReports)
    .where(institutionIds ? inArray(s.progressReports.institutionId, institutionIds) : undefined)
    .all();
  const byKey = new Map(reports.map((r) => [`${r.institutionId}|${r.periodId}`, r]));
  const rows: (InstitutionPeriod & { institutionId: number })[] = [];
  for (const period of periods) {
    const label = parsePeriodCode(period.code).label;
    for (const institutionId of expected.get(period.planId) ?? []) {
      if (institutionIds && !institutionIds.includes(institutionId)) continue;
      const report = byKey.get(`${institutionId}|${period.id}`);
      const state: ReportState = report ? reviewState(report) : "not_started";
      const overdue = isOverdue(period.deadline, state, today);
      rows.push({
        institutionId,
        periodId: period.id,
        periodCode: period.code,
        periodLabel: label,
        periodStatus: period.status,
        deadline: period.deadline,
        plan: period.plan,
        planTitle: period.planTitle,
        reportId: report?.id ?? null,
        state,
        overdue,
        bucket: reportBucket({ state, overdue, periodStatus: period.status }),
        updatedAt: report?.updatedAt ?? null,
        submittedAt: report?.submittedAt ?? null,
        approvedAt: report?.approvedAt ?? null,
        reason: report ? reviewReason(report) : null,
      });
    }
  }
  return rows;
}

/** A reporter's own institution's reports: what is due, overdue, returned, in progress, done. */
export function listInstitutionReports(
  viewer: Viewer,
  today = new Date().toISOString().slice(0, 10),
) {
  const reporter = assertAllowed(viewer, "reports.edit");
  if (reporter.institutionId === null)
    throw new AppError("FORBIDDEN", "Your account has no institution.");
  return periodRows(getDb(), [reporter.institutionId], today);
}

/** Reviewers and admins: every expected report of every period, with its institution. */
export function listAllReports(viewer: Viewer, today = new Date().toISOString().slice(0, 10)) {
  assertAllowed(viewer, "reports.read.all");
  const db = getDb();
  const names = new Map(
    db
      .select({ id: s.institutions.id, acronym: s.institutions.acronym, name: s.institutions.name })
      .from(s.institutions)
      .all()
      .map((i) => [i.id, i]),
  );
  return periodRows(db, null, today).map((row) => ({
    ...row,
    institution: names.get(row.institutionId)?.acronym ?? "?",
    institutionName: names.get(row.institutionId)?.name ?? "?",
  }));
}
