/**
 * The storage of progress reports, without authorisation: reading a report's shape and values,
 * writing changed fields, and the approval that publishes values. The data-access layer
 * (lib/reports/data.ts) checks who may do what and then calls these inside its transaction;
 * the demo seed calls them too, so demo reports are made exactly like real ones.
 */
import "server-only";
import { and, asc, eq, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import type { AuditActor } from "@/lib/audit/log";
import { recordAudit } from "@/lib/audit/log";
import type {
  ACTIVITY_STATUSES,
  IndicatorDirection,
  MilestoneStatus,
  OUTPUT_RATINGS,
} from "@/lib/domain/enums";
import { parsePeriodCode } from "@/lib/periods/codes";
import { pillarOrder } from "@/lib/plans/order";
import {
  type IndicatorShape,
  indicatorCells,
  NARRATIVE_FIELDS,
  type NarrativeField,
  valueKey,
} from "./fields";

export type ReportRow = {
  id: number;
  institutionId: number;
  institution: string;
  institutionName: string;
  periodId: number;
  periodCode: string;
  periodStatus: "open" | "closed";
  deadline: string;
  planId: number;
  planSlug: string;
  planTitle: string;
  currency: string;
  status: "draft" | "submitted" | "approved";
  version: number;
};

export function loadReportRow(db: Db, reportId: number): ReportRow | undefined {
  return db
    .select({
      id: s.progressReports.id,
      institutionId: s.progressReports.institutionId,
      institution: s.institutions.acronym,
      institutionName: s.institutions.name,
      periodId: s.progressReports.periodId,
      periodCode: s.reportingPeriods.code,
      periodStatus: s.reportingPeriods.status,
      deadline: s.reportingPeriods.deadline,
      planId: s.plans.id,
      planSlug: s.plans.slug,
      planTitle: s.plans.title,
      currency: s.plans.currency,
      status: s.progressReports.status,
      version: s.progressReports.version,
    })
    .from(s.progressReports)
    .innerJoin(s.institutions, eq(s.institutions.id, s.progressReports.institutionId))
    .innerJoin(s.reportingPeriods, eq(s.reportingPeriods.id, s.progressReports.periodId))
    .innerJoin(s.plans, eq(s.plans.id, s.reportingPeriods.planId))
    .where(eq(s.progressReports.id, reportId))
    .get();
}

export type ReportIndicator = IndicatorShape & {
  direction: IndicatorDirection;
  outputCode: string | null;
  pillarNumber: number;
  sensitive: boolean;
  target: { year: number; value: number | null; text: string | null } | null;
  endTarget: number | null;
  /** The latest approved values before this period, by breakdown. */
  previous: { periodCode: string; values: Record<string, number | string> } | null;
};

export type FullShape = {
  indicators: ReportIndicator[];
  milestones: { id: number; title: string; dueDate: string; outputCode: string }[];
  activities: {
    id: number;
    description: string;
    outputCode: string;
    budgetAllocated: number | null;
    quarters: number;
  }[];
  outputs: { id: number; code: string; title: string; role: "lead" | "supporting" }[];
};

/** Everything the institution reports on in this report's plan and period. */
export function loadReportShape(db: Db, report: ReportRow): FullShape {
  const period = parsePeriodCode(report.periodCode);
  const outputRows = db
    .select({
      id: s.outputs.id,
      number: s.outputs.number,
      title: s.outputs.title,
      pillarNumber: s.pillars.number,
    })
    .from(s.outputs)
    .innerJoin(s.pillars, eq(s.pillars.id, s.outputs.pillarId))
    .where(eq(s.pillars.planId, report.planId))
    .all();
  const outputCode = new Map(outputRows.map((o) => [o.id, `${o.pillarNumber}.${o.number}`]));

  const indicatorRows = db
    .select({
      id: s.indicators.id,
      code: s.indicators.code,
      title: s.indicators.title,
      unit: s.indicators.unit,
      direction: s.indicators.direction,
      outputId: s.indicators.outputId,
      pillarNumber: s.pillars.number,
      sensitive: s.indicators.sensitive,
      endTarget: s.indicators.endTarget,
    })
    .from(s.indicators)
    .innerJoin(s.pillars, eq(s.pillars.id, s.indicators.pillarId))
    .where(
      and(
        eq(s.indicators.planId, report.planId),
        eq(s.indicators.responsibleInstitutionId, report.institutionId),
      ),
    )
    .orderBy(...pillarOrder, asc(s.indicators.position))
    .all();
  const ids = indicatorRows.map((i) => i.id);
  const dimensionLinks = ids.length
    ? db
        .select({
          indicatorId: s.indicatorDimensions.indicatorId,
          id: s.dimensions.id,
          key: s.dimensions.key,
          name: s.dimensions.name,
          position: s.dimensions.position,
        })
        .from(s.indicatorDimensions)
        .innerJoin(s.dimensions, eq(s.dimensions.id, s.indicatorDimensions.dimensionId))
        .where(inArray(s.indicatorDimensions.indicatorId, ids))
        .orderBy(asc(s.dimensions.position))
        .all()
    : [];
  const dimensionIds = [...new Set(dimensionLinks.map((d) => d.id))];
  const categories = dimensionIds.length
    ? db
        .select()
        .from(s.dimensionCategories)
        .where(inArray(s.dimensionCategories.dimensionId, dimensionIds))
        .orderBy(asc(s.dimensionCategories.position))
        .all()
    : [];
  const targets = ids.length
    ? db
        .select()
        .from(s.indicatorTargets)
        .where(
          and(
            inArray(s.indicatorTargets.indicatorId, ids),
            eq(s.indicatorTargets.year, period.year),
          ),
        )
        .all()
    : [];
  // The latest approved observations that ended before this period began.
  const previousRows = ids.length
    ? db
        .select({
          indicatorId: s.observations.indicatorId,
          periodCode: s.observations.periodCode,
          breakdown: s.observations.breakdown,
          value: s.observations.value,
          valueText: s.observations.valueText,
          year: s.observations.year,
        })
        .from(s.observations)
        .where(and(inArray(s.observations.indicatorId, ids), lt(s.observations.year, period.year)))
        .orderBy(asc(s.observations.year))
        .all()
    : [];

  const indicators: ReportIndicator[] = indicatorRows.map((row) => {
    const dims = dimensionLinks
      .filter((d) => d.indicatorId === row.id)
      .map((d) => ({
        key: d.key,
        name: d.name,
        categories: categories
          .filter((c) => c.dimensionId === d.id)
          .map((c) => ({ key: c.key, label: c.label })),
      }));
    const mine = previousRows.filter((p) => p.indicatorId === row.id);
    const latestYear = mine.at(-1)?.year;
    const latest = mine.filter((p) => p.year === latestYear);
    const latestCode = latest.at(-1)?.periodCode;
    const target = targets.find((t) => t.indicatorId === row.id);
    return {
      id: row.id,
      code: row.code,
      title: row.title,
      unit: row.unit,
      direction: row.direction,
      dimensions: dims,
      outputCode: row.outputId === null ? null : (outputCode.get(row.outputId) ?? null),
      pillarNumber: row.pillarNumber,
      sensitive: row.sensitive,
      endTarget: row.endTarget,
      target: target ? { year: target.year, value: target.value, text: target.valueText } : null,
      previous: latestCode
        ? {
            periodCode: latestCode,
            values: Object.fromEntries(
              latest
                .filter((p) => p.periodCode === latestCode)
                .map((p) => [p.breakdown, p.value ?? p.valueText ?? ""]),
            ),
          }
        : null,
    };
  });

  const milestones = db
    .select({
      id: s.milestones.id,
      title: s.milestones.title,
      dueDate: s.milestones.dueDate,
      outputId: s.milestones.outputId,
    })
    .from(s.milestones)
    .where(
      and(
        eq(s.milestones.responsibleInstitutionId, report.institutionId),
        outputRows.length
          ? inArray(
              s.milestones.outputId,
              outputRows.map((o) => o.id),
            )
          : sql`0`,
      ),
    )
    .orderBy(asc(s.milestones.dueDate), asc(s.milestones.position))
    .all()
    .map((m) => ({ ...m, outputCode: outputCode.get(m.outputId) ?? "" }));

  // Activities of the institution's action plan for the period's year: the approved plan if
  // there is one, else the one being drafted.
  const actionPlan = db
    .select({ id: s.actionPlans.id })
    .from(s.actionPlans)
    .where(
      and(
        eq(s.actionPlans.planId, report.planId),
        eq(s.actionPlans.institutionId, report.institutionId),
        eq(s.actionPlans.year, period.year),
      ),
    )
    .get();
  const activities = actionPlan
    ? db
        .select({
          id: s.activities.id,
          description: s.activities.description,
          outputId: s.activities.outputId,
          budgetAllocated: s.activities.budgetAllocated,
          quarters: s.activities.quarters,
        })
        .from(s.activities)
        .where(eq(s.activities.actionPlanId, actionPlan.id))
        .orderBy(asc(s.activities.position))
        .all()
        .map((a) => ({ ...a, outputCode: outputCode.get(a.outputId) ?? "" }))
    : [];

  const matrix = outputRows.length
    ? db
        .select()
        .from(s.outputInstitutions)
        .where(
          and(
            eq(s.outputInstitutions.institutionId, report.institutionId),
            inArray(
              s.outputInstitutions.outputId,
              outputRows.map((o) => o.id),
            ),
          ),
        )
        .all()
    : [];
  const outputs = outputRows
    .filter((o) => matrix.some((m) => m.outputId === o.id))
    .sort((a, b) => a.pillarNumber - b.pillarNumber || a.number - b.number)
    .map((o) => ({
      id: o.id,
      code: `${o.pillarNumber}.${o.number}`,
      title: o.title,
      role: matrix.find((m) => m.outputId === o.id)?.role ?? "supporting",
    }));
  return { indicators, milestones, activities, outputs };
}

/** A report's current field values, as the editor shows them (key → text). */
export function readValues(db: Db, reportId: number, shape: FullShape): Record<string, string> {
  const values: Record<string, string> = {};
  const units = new Map(shape.indicators.map((i) => [i.id, i.unit]));
  for (const row of db
    .select()
    .from(s.reportValues)
    .where(eq(s.reportValues.reportId, reportId))
    .all()) {
    const unit = units.get(row.indicatorId);
    if (!unit) continue;
    let text = "";
    if (unit === "text") text = row.valueText ?? "";
    else if (unit === "yes_no") text = row.value === null ? "" : row.value >= 1 ? "yes" : "no";
    else text = row.value === null ? "" : String(row.value);
    if (text !== "") values[valueKey(row.indicatorId, row.breakdown)] = text;
    if (row.breakdown === "" && row.note) values[`note:${row.indicatorId}`] = row.note;
  }
  const report = db
    .select({
      achievements: s.progressReports.achievements,
      challenges: s.progressReports.challenges,
      nextSteps: s.progressReports.nextSteps,
    })
    .from(s.progressReports)
    .where(eq(s.progressReports.id, reportId))
    .get();
  for (const field of NARRATIVE_FIELDS) {
    const text = report?.[field];
    if (text) values[`narrative:${field}`] = text;
  }
  for (const m of db
    .select()
    .from(s.milestoneUpdates)
    .where(eq(s.milestoneUpdates.reportId, reportId))
    .all()) {
    values[`milestone:${m.milestoneId}:status`] = m.status;
    if (m.note) values[`milestone:${m.milestoneId}:note`] = m.note;
  }
  for (const a of db
    .select()
    .from(s.activityUpdates)
    .where(eq(s.activityUpdates.reportId, reportId))
    .all()) {
    values[`activity:${a.activityId}:status`] = a.status;
    if (a.amountSpent !== null) values[`activity:${a.activityId}:spent`] = String(a.amountSpent);
    if (a.note) values[`activity:${a.activityId}:note`] = a.note;
  }
  for (const r of db
    .select()
    .from(s.outputRatings)
    .where(eq(s.outputRatings.reportId, reportId))
    .all()) {
    values[`rating:${r.outputId}:rating`] = r.rating;
    if (r.note) values[`rating:${r.outputId}:note`] = r.note;
  }
  return values;
}

const orNull = (text: string) => (text === "" ? null : text);

/**
 * Writes already-validated field values (canonical text from `checkField`). Statuses cannot be
 * emptied and a rating's note needs a rating: those are refused with a message for the field.
 */
export function writeValues(
  db: Db,
  reportId: number,
  shape: FullShape,
  changes: Record<string, string>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const units = new Map(shape.indicators.map((i) => [i.id, i.unit]));
  // What a field depends on (a note on its status or rating) may come in the same save.
  const current = { ...readValues(db, reportId, shape), ...changes };
  for (const [key, text] of Object.entries(changes)) {
    const [kind, idText, part] = key.split(":");
    const id = Number(idText);
    if (kind === "value" || kind === "note") {
      const breakdown = kind === "note" ? "" : (part ?? "");
      const unit = units.get(id);
      if (!unit) continue;
      const numeric =
        kind === "note" || unit === "text"
          ? null
          : text === ""
            ? null
            : unit === "yes_no"
              ? text === "yes"
                ? 1
                : 0
              : Number(text);
      const set =
        kind === "note"
          ? { note: orNull(text) }
          : unit === "text"
            ? { valueText: orNull(text) }
            : { value: numeric };
      db.insert(s.reportValues)
        .values({ reportId, indicatorId: id, breakdown, ...set })
        .onConflictDoUpdate({
          target: [s.reportValues.reportId, s.reportValues.indicatorId, s.reportValues.breakdown],
          set,
        })
        .run();
    } else if (kind === "narrative") {
      const column = idText as NarrativeField;
      db.update(s.progressReports)
        .set({ [column]: orNull(text) })
        .where(eq(s.progressReports.id, reportId))
        .run();
    } else if (kind === "milestone") {
      if (part === "status" && text === "") {
        errors[key] = "Choose a status.";
        continue;
      }
      const set = part === "status" ? { status: text as MilestoneStatus } : { note: orNull(text) };
      const status = (part === "status" ? text : current[`milestone:${id}:status`]) as
        | MilestoneStatus
        | undefined;
      if (!status) {
        errors[key] = "Choose the milestone's status first.";
        continue;
      }
      db.insert(s.milestoneUpdates)
        .values({ reportId, milestoneId: id, status, ...set })
        .onConflictDoUpdate({
          target: [s.milestoneUpdates.reportId, s.milestoneUpdates.milestoneId],
          set,
        })
        .run();
    } else if (kind === "activity") {
      if (part === "status" && text === "") {
        errors[key] = "Choose a status.";
        continue;
      }
      const status = (part === "status" ? text : current[`activity:${id}:status`]) as
        | (typeof ACTIVITY_STATUSES)[number]
        | undefined;
      if (!status) {
        errors[key] = "Choose the activity's status first.";
        continue;
      }
      const set =
        part === "status"
          ? { status }
          : part === "spent"
            ? { amountSpent: text === "" ? null : Number(text) }
            : { note: orNull(text) };
      db.insert(s.activityUpdates)
        .values({ reportId, activityId: id, status, ...set })
        .onConflictDoUpdate({
          target: [s.activityUpdates.reportId, s.activityUpdates.activityId],
          set,
        })
        .run();
    } else if (kind === "rating") {
      const rating = (part === "rating" ? text : current[`rating:${id}:rating`]) as
        | (typeof OUTPUT_RATINGS)[number]
        | undefined;
      if (part === "rating" && text === "") {
        db.delete(s.outputRatings)
          .where(and(eq(s.outputRatings.reportId, reportId), eq(s.outputRatings.outputId, id)))
          .run();
        continue;
      }
      if (!rating) {
        errors[key] = "Choose a rating first.";
        continue;
      }
      const set = part === "rating" ? { rating } : { note: orNull(text) };
      db.insert(s.outputRatings)
        .values({ reportId, outputId: id, rating, ...set })
        .onConflictDoUpdate({
          target: [s.outputRatings.reportId, s.outputRatings.outputId],
          set,
        })
        .run();
    }
  }
  return errors;
}

/**
 * Creates an institution's draft report for a period, carrying forward the current status of
 * its milestones and activities, so the reporter only changes what moved.
 */
export function insertReport(db: Db, institutionId: number, periodId: number, actor: AuditActor) {
  const row = db
    .insert(s.progressReports)
    .values({ institutionId, periodId, updatedById: actor.id })
    .returning({ id: s.progressReports.id })
    .get();
  const report = loadReportRow(db, row.id);
  if (!report) throw new Error("The new report could not be read back.");
  const shape = loadReportShape(db, report);
  const milestoneStatus = shape.milestones.length
    ? db
        .select({ id: s.milestones.id, status: s.milestones.status })
        .from(s.milestones)
        .where(
          inArray(
            s.milestones.id,
            shape.milestones.map((m) => m.id),
          ),
        )
        .all()
    : [];
  for (const m of milestoneStatus)
    db.insert(s.milestoneUpdates)
      .values({ reportId: row.id, milestoneId: m.id, status: m.status })
      .run();
  const activityStatus = shape.activities.length
    ? db
        .select({ id: s.activities.id, status: s.activities.status })
        .from(s.activities)
        .where(
          inArray(
            s.activities.id,
            shape.activities.map((a) => a.id),
          ),
        )
        .all()
    : [];
  for (const a of activityStatus)
    db.insert(s.activityUpdates)
      .values({ reportId: row.id, activityId: a.id, status: a.status })
      .run();
  recordAudit(db, {
    actor,
    action: "report.create",
    entityType: "progress_report",
    entityId: row.id,
    after: { institution: report.institution, period: report.periodCode, status: "draft" },
  });
  return report;
}

/**
 * Approves a submitted report: freezes this version, publishes its values as observations (the
 * only data the public reads), replacing those of the report's earlier approval, and carries
 * milestone statuses into the framework. Runs inside the caller's transaction.
 */
export function publishReport(
  db: Db,
  report: ReportRow,
  actor: AuditActor,
  options: {
    at?: string;
    illustrative?: boolean;
    /** The reviewer's note and the plausibility warnings they acknowledged, for the audit. */
    review?: {
      note?: string;
      acknowledged: { kind: string; label: string; message: string }[];
    };
  } = {},
) {
  const at = options.at ?? new Date().toISOString();
  const { versionNumber, published } = freezeReport(db, report, {
    at,
    approvedById: actor.id,
    illustrative: options.illustrative,
  });
  db.update(s.progressReports)
    .set({
      status: "approved",
      approvedAt: at,
      approvedById: actor.id,
      version: sql`${s.progressReports.version} + 1`,
      updatedAt: at,
    })
    .where(eq(s.progressReports.id, report.id))
    .run();
  recordAudit(db, {
    actor,
    action: "report.approve",
    entityType: "progress_report",
    entityId: report.id,
    // The report's version too: a stale save names the approval among the changes since.
    before: { status: "submitted", version: report.version },
    after: {
      status: "approved",
      version: report.version + 1,
      versionNumber,
      published,
      ...(options.review?.acknowledged.length
        ? { acknowledgedWarnings: options.review.acknowledged }
        : {}),
    },
    reason: options.review?.note ?? null,
  });
  return { versionNumber, published };
}

/**
 * What approving a report freezes: its values as the next version in `report_versions`, and
 * published as observations (replacing the earlier approval's, withdrawing the values it no
 * longer gives), with the milestones' statuses. The review cycle (lib/review/cycle.ts) calls it
 * when a reviewer approves; until then, the last approved values stay public, also while the
 * report is reopened. Returns the version number and how many values were published.
 */
export function freezeReport(
  db: Db,
  report: ReportRow,
  approval: { at: string; approvedById: number | null; illustrative?: boolean },
) {
  const { at } = approval;
  const shape = loadReportShape(db, report);
  const values = readValues(db, report.id, shape);
  const period = parsePeriodCode(report.periodCode);
  const versionNumber =
    (db
      .select({ n: sql<number>`max(${s.reportVersions.versionNumber})` })
      .from(s.reportVersions)
      .where(eq(s.reportVersions.reportId, report.id))
      .get()?.n ?? 0) + 1;
  db.insert(s.reportVersions)
    .values({
      reportId: report.id,
      versionNumber,
      approvedAt: at,
      approvedById: approval.approvedById,
      snapshot: { period: report.periodCode, institution: report.institution, values },
    })
    .run();

  const published: { indicatorId: number; breakdown: string }[] = [];
  const rows = db
    .select()
    .from(s.reportValues)
    .where(
      and(
        eq(s.reportValues.reportId, report.id),
        or(isNotNull(s.reportValues.value), isNotNull(s.reportValues.valueText)),
      ),
    )
    .all();
  const inShape = new Map(shape.indicators.map((i) => [i.id, i]));
  const provenance = `Reported by ${report.institutionName} (${report.institution}) for ${period.label}; approved by the steering committee on ${at.slice(0, 10)}.`;
  for (const row of rows) {
    const indicator = inShape.get(row.indicatorId);
    if (!indicator) continue;
    if (!indicatorCells(indicator).some((c) => c.breakdown === row.breakdown)) continue;
    const set = {
      year: period.year,
      value: row.value,
      valueText: row.valueText,
      reportId: report.id,
      institutionId: report.institutionId,
      provenance,
      illustrative: approval.illustrative ?? false,
      approvedAt: at,
    };
    db.insert(s.observations)
      .values({
        indicatorId: row.indicatorId,
        periodCode: report.periodCode,
        breakdown: row.breakdown,
        ...set,
      })
      .onConflictDoUpdate({
        target: [s.observations.indicatorId, s.observations.periodCode, s.observations.breakdown],
        set,
      })
      .run();
    published.push({ indicatorId: row.indicatorId, breakdown: row.breakdown });
  }
  // Values of the earlier approval that this version no longer gives are withdrawn.
  const keep = new Set(published.map((p) => `${p.indicatorId}|${p.breakdown}`));
  for (const old of db
    .select({
      id: s.observations.id,
      indicatorId: s.observations.indicatorId,
      breakdown: s.observations.breakdown,
    })
    .from(s.observations)
    .where(eq(s.observations.reportId, report.id))
    .all()) {
    if (!keep.has(`${old.indicatorId}|${old.breakdown}`))
      db.delete(s.observations).where(eq(s.observations.id, old.id)).run();
  }
  for (const m of shape.milestones) {
    const status = values[`milestone:${m.id}:status`];
    if (status)
      db.update(s.milestones)
        .set({ status: status as MilestoneStatus, updatedAt: at })
        .where(eq(s.milestones.id, m.id))
        .run();
  }
  return { versionNumber, published: published.length };
}
