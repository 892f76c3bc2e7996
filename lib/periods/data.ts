/**
 * Reporting periods: listing them with their reporting progress, creating them (one, or every
 * period of a year), changing deadlines, closing and reopening. Only admins (the NAP
 * secretariat, permission `periods.manage`); every change is written with its audit event in
 * one transaction.
 *
 * Rules:
 * - Codes, dates and labels come from ./codes.ts with the plan's fiscal start month.
 * - A period belongs to one of the plan's years: the year in its code, the (fiscal) year it
 *   starts in, lies between the plan's start and end years. Rwanda's 2018–2022 plan, with its
 *   July fiscal year, has the years 2018/19 (2018July) to 2022/23 (2022July).
 * - Without a deadline a period's reports are due DEFAULT_DEADLINE_DAYS (30) days after its
 *   last day; a deadline before the period's first day is refused.
 * - Codes are unique per plan; creating "all of a year" creates all or nothing and names every
 *   code that already exists.
 * - A closed plan gets no new periods, and its periods cannot be reopened.
 * - Closing a period stops its drafts being edited (lib/reports/access.ts enforces that);
 *   reopening a closed period needs a written reason. Both are audited with the reason.
 */
import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { plans, progressReports, reportingPeriods } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { assertAllowed } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import type { PLAN_STATUSES, REPORT_STATUSES } from "@/lib/domain/enums";
import { AppError } from "@/lib/errors";
import { expectedInstitutionIds } from "@/lib/reports/expected";
import { actorOf } from "@/lib/server/db";
import { type PeriodType, parsePeriodCode } from "./codes";
import {
  type CreatePeriodsInput,
  deadlineProblem,
  defaultDeadline,
  PERIOD_UNIT,
  PERIODS_PER_YEAR,
  periodsToCreate,
  yearLabel,
} from "./schemas";

export type PeriodStatus = "open" | "closed";
type PlanStatus = (typeof PLAN_STATUSES)[number];
type ReportStatus = (typeof REPORT_STATUSES)[number];

export type PeriodReportCounts = Record<ReportStatus, number>;

export type PeriodListItem = {
  id: number;
  code: string;
  type: PeriodType;
  /** From codes.ts, e.g. "Q1 of the year from July 2021 (July–September 2021)". */
  label: string;
  startDate: string;
  endDate: string;
  deadline: string;
  status: PeriodStatus;
  /** Progress reports of this period by status. */
  reports: PeriodReportCounts;
};

export type PeriodPlan = {
  id: number;
  slug: string;
  title: string;
  countryName: string;
  startYear: number;
  endYear: number;
  status: PlanStatus;
  fiscalYearStartMonth: number;
};

export type PlanPeriods = {
  plan: PeriodPlan;
  /** Institutions expected to report for the plan (lib/reports/expected.ts). */
  expectedInstitutions: number;
  periods: PeriodListItem[];
};

export type PeriodDetail = PeriodListItem & { plan: PeriodPlan; expectedInstitutions: number };

const planColumns = {
  id: plans.id,
  slug: plans.slug,
  title: plans.title,
  countryName: plans.countryName,
  startYear: plans.startYear,
  endYear: plans.endYear,
  status: plans.status,
  fiscalYearStartMonth: plans.fiscalYearStartMonth,
};

const periodColumns = {
  id: reportingPeriods.id,
  planId: reportingPeriods.planId,
  code: reportingPeriods.code,
  type: reportingPeriods.type,
  startDate: reportingPeriods.startDate,
  endDate: reportingPeriods.endDate,
  deadline: reportingPeriods.deadline,
  status: reportingPeriods.status,
};

type PeriodRow = {
  id: number;
  planId: number;
  code: string;
  type: PeriodType;
  startDate: string;
  endDate: string;
  deadline: string;
  status: PeriodStatus;
};

function labelOf(code: string): string {
  try {
    return parsePeriodCode(code).label;
  } catch {
    // A code written before codes.ts existed: show it as it is rather than fail the page.
    return code;
  }
}

/** Report counts by period, in one grouped query. */
function reportCounts(db: Db, periodIds: number[]): Map<number, PeriodReportCounts> {
  const counts = new Map<number, PeriodReportCounts>();
  if (periodIds.length === 0) return counts;
  const rows = db
    .select({
      periodId: progressReports.periodId,
      status: progressReports.status,
      n: sql<number>`count(*)`,
    })
    .from(progressReports)
    .where(inArray(progressReports.periodId, periodIds))
    .groupBy(progressReports.periodId, progressReports.status)
    .all();
  for (const row of rows) {
    const entry = counts.get(row.periodId) ?? { draft: 0, submitted: 0, approved: 0 };
    entry[row.status] = row.n;
    counts.set(row.periodId, entry);
  }
  return counts;
}

function toItem(row: PeriodRow, counts: Map<number, PeriodReportCounts>): PeriodListItem {
  const { planId: _planId, ...rest } = row;
  return {
    ...rest,
    label: labelOf(row.code),
    reports: counts.get(row.id) ?? { draft: 0, submitted: 0, approved: 0 },
  };
}

/**
 * Admins: every plan (or the one with `planSlug`) with its reporting periods in date order,
 * each with its report counts and the number of institutions expected to report.
 */
export function listPeriods(viewer: Viewer, planSlug?: string): PlanPeriods[] {
  assertAllowed(viewer, "periods.manage");
  const db = getDb();
  const planRows = db
    .select(planColumns)
    .from(plans)
    .where(planSlug === undefined ? undefined : eq(plans.slug, planSlug))
    .orderBy(
      sql`case ${plans.status} when 'active' then 0 when 'draft' then 1 else 2 end`,
      sql`${plans.startYear} desc`,
      asc(plans.id),
    )
    .all();
  if (planSlug !== undefined && planRows.length === 0) {
    throw new AppError("NOT_FOUND", "This plan was not found.");
  }
  const periodRows = db
    .select(periodColumns)
    .from(reportingPeriods)
    .where(
      inArray(
        reportingPeriods.planId,
        planRows.map((plan) => plan.id),
      ),
    )
    .orderBy(
      asc(reportingPeriods.startDate),
      asc(reportingPeriods.endDate),
      asc(reportingPeriods.code),
    )
    .all();
  const counts = reportCounts(
    db,
    periodRows.map((row) => row.id),
  );
  return planRows.map((plan) => ({
    plan,
    expectedInstitutions: expectedInstitutionIds(db, plan.id).length,
    periods: periodRows.filter((row) => row.planId === plan.id).map((row) => toItem(row, counts)),
  }));
}

/** Admins: one period with its plan and report counts, or NOT_FOUND. */
export function getPeriod(viewer: Viewer, periodId: number): PeriodDetail {
  assertAllowed(viewer, "periods.manage");
  const db = getDb();
  const row = db
    .select(periodColumns)
    .from(reportingPeriods)
    .where(eq(reportingPeriods.id, periodId))
    .get();
  if (!row) throw new AppError("NOT_FOUND", "This reporting period was not found.");
  const plan = db.select(planColumns).from(plans).where(eq(plans.id, row.planId)).get();
  if (!plan) throw new AppError("NOT_FOUND", "This reporting period was not found.");
  return {
    ...toItem(row, reportCounts(db, [row.id])),
    plan,
    expectedInstitutions: expectedInstitutionIds(db, plan.id).length,
  };
}

function listCodes(codes: string[]): string {
  if (codes.length <= 1) return codes.join("");
  return `${codes.slice(0, -1).join(", ")} and ${codes[codes.length - 1]}`;
}

/**
 * Admins: creates one period, or every period of a type in one (fiscal) year, with codes and
 * dates from codes.ts and the plan's fiscal start month. All or nothing: a duplicate code, a
 * year outside the plan, a deadline before a period starts or a closed plan refuses the whole
 * request with a message saying which.
 */
export function createPeriods(
  viewer: Viewer,
  input: CreatePeriodsInput,
): { planSlug: string; created: { id: number; code: string; label: string }[] } {
  const admin = assertAllowed(viewer, "periods.manage");
  const db = getDb();
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const plan = t.select(planColumns).from(plans).where(eq(plans.id, input.planId)).get();
    if (!plan) throw new AppError("NOT_FOUND", "This plan was not found.");
    if (plan.status === "closed") {
      throw new AppError(
        "CONFLICT",
        `The plan “${plan.title}” is closed; a closed plan gets no new reporting periods.`,
      );
    }
    if (!Number.isInteger(input.year) || input.year < plan.startYear || input.year > plan.endYear) {
      const first = yearLabel(plan.startYear, plan.fiscalYearStartMonth);
      const last = yearLabel(plan.endYear, plan.fiscalYearStartMonth);
      throw new AppError(
        "VALIDATION",
        `${input.year} is outside the plan's years, ${plan.startYear}–${plan.endYear}: choose a year from ${first} to ${last}.`,
      );
    }
    let periods: ReturnType<typeof periodsToCreate>;
    try {
      periods = periodsToCreate({
        type: input.type,
        year: input.year,
        index: input.all ? "all" : input.index,
        fiscalStartMonth: plan.fiscalYearStartMonth,
      });
    } catch (error) {
      throw new AppError("VALIDATION", error instanceof Error ? error.message : String(error));
    }
    if (periods.length === 0) {
      const count = PERIODS_PER_YEAR[input.type];
      throw new AppError(
        "VALIDATION",
        `Choose which ${PERIOD_UNIT[input.type]} (1 to ${count}), or all of them.`,
      );
    }
    const problem = deadlineProblem(periods, input.deadline);
    if (problem) throw new AppError("VALIDATION", problem);

    const existing = t
      .select({ code: reportingPeriods.code })
      .from(reportingPeriods)
      .where(
        and(
          eq(reportingPeriods.planId, plan.id),
          inArray(
            reportingPeriods.code,
            periods.map((period) => period.code),
          ),
        ),
      )
      .all()
      .map((row) => row.code);
    if (existing.length > 0) {
      const taken = periods.map((p) => p.code).filter((code) => existing.includes(code));
      throw new AppError(
        "CONFLICT",
        taken.length === 1
          ? `${taken[0]} already exists for this plan; nothing was created.`
          : `${listCodes(taken)} already exist for this plan; nothing was created.`,
      );
    }

    const created = periods.map((period) => {
      const values = {
        planId: plan.id,
        code: period.code,
        type: period.type,
        startDate: period.start,
        endDate: period.end,
        deadline: input.deadline ?? defaultDeadline(period),
        status: "open" as const,
      };
      const row = t
        .insert(reportingPeriods)
        .values(values)
        .returning({ id: reportingPeriods.id })
        .get();
      recordAudit(t, {
        actor: actorOf(admin),
        action: "period.create",
        entityType: "reporting_period",
        entityId: row.id,
        after: { ...values, planSlug: plan.slug },
      });
      return { id: row.id, code: period.code, label: period.label };
    });
    return { planSlug: plan.slug, created };
  });
}

function loadForChange(t: Db, periodId: number) {
  const row = t
    .select({ ...periodColumns, planStatus: plans.status, planSlug: plans.slug })
    .from(reportingPeriods)
    .innerJoin(plans, eq(plans.id, reportingPeriods.planId))
    .where(eq(reportingPeriods.id, periodId))
    .get();
  if (!row) throw new AppError("NOT_FOUND", "This reporting period was not found.");
  return row;
}

/** Admins: moves a period's submission deadline; a deadline before the period starts is refused. */
export function updateDeadline(
  viewer: Viewer,
  periodId: number,
  deadline: string,
): { changed: boolean } {
  const admin = assertAllowed(viewer, "periods.manage");
  const db = getDb();
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const before = loadForChange(t, periodId);
    const problem = deadlineProblem([{ code: before.code, start: before.startDate }], deadline);
    if (problem) throw new AppError("VALIDATION", problem);
    if (before.deadline === deadline) return { changed: false };
    t.update(reportingPeriods)
      .set({ deadline, updatedAt: new Date().toISOString() })
      .where(eq(reportingPeriods.id, periodId))
      .run();
    recordAudit(t, {
      actor: actorOf(admin),
      action: "period.update_deadline",
      entityType: "reporting_period",
      entityId: periodId,
      before: { code: before.code, deadline: before.deadline },
      after: { code: before.code, deadline },
    });
    return { changed: true };
  });
}

/**
 * Admins: closes or reopens a period. Closing stops its drafts being edited (enforced where
 * reports are edited); the audit event records how many drafts that locked. Reopening needs a
 * reason and is refused in a closed plan. Setting the status a period already has changes
 * nothing.
 */
export function setPeriodStatus(
  viewer: Viewer,
  periodId: number,
  status: PeriodStatus,
  reason?: string,
): { changed: boolean } {
  const admin = assertAllowed(viewer, "periods.manage");
  const why = reason?.trim() ? reason.trim() : null;
  const db = getDb();
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const before = loadForChange(t, periodId);
    if (before.status === status) return { changed: false };
    if (status === "open") {
      if (!why) {
        throw new AppError(
          "VALIDATION",
          "Give the reason for reopening the period; it is kept in the audit log.",
        );
      }
      if (before.planStatus === "closed") {
        throw new AppError(
          "CONFLICT",
          "The plan is closed; its reporting periods cannot be reopened.",
        );
      }
    }
    const drafts =
      t
        .select({ n: sql<number>`count(*)` })
        .from(progressReports)
        .where(and(eq(progressReports.periodId, periodId), eq(progressReports.status, "draft")))
        .get()?.n ?? 0;
    t.update(reportingPeriods)
      .set({ status, updatedAt: new Date().toISOString() })
      .where(eq(reportingPeriods.id, periodId))
      .run();
    recordAudit(t, {
      actor: actorOf(admin),
      action: status === "closed" ? "period.close" : "period.reopen",
      entityType: "reporting_period",
      entityId: periodId,
      before: { code: before.code, status: before.status },
      after: {
        code: before.code,
        status,
        ...(status === "closed" ? { draftsLocked: drafts } : { draftsEditable: drafts }),
      },
      reason: why,
    });
    return { changed: true };
  });
}
