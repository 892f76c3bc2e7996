/**
 * Yearly action plans: the data-access layer. One institution's plan for one plan year holds the
 * activities it commits to under the plan's outputs, with their budgets. Every function takes the
 * viewer from the session and decides, before anything else, what they may do:
 *
 * - Reporters read and write only their own institution's plans (the institution comes from the
 *   session); another institution's plan answers as if it did not exist (404, logged).
 * - Reviewers and admins read every plan, drafts included, and approve or return submitted ones;
 *   admins reopen approved ones. Civil society and the public get nothing here (approved budget
 *   figures reach the public through the public pages, not this module).
 *
 * The life is the report's (PRODUCT.md), and so is its implementation: the review cycle
 * (lib/review/cycle.ts), with `actionPlanReview` below as what is the plan's own in it. draft
 * ─submit→ submitted ─approve→ approved; submitted ─return (reason)→ draft; approved ─reopen
 * (admin, reason)→ draft. Only a draft is editable. Every write names the version it started
 * from; a stale one is refused (CONFLICT) with who changed the plan and when. Every change is one
 * IMMEDIATE transaction with its audit event.
 *
 * Totals (needed, allocated, spent, unfunded) are computed in SQL, in whole cents so that sums
 * of two-decimal amounts are exact; the unfunded part is max(needed − allocated, 0) per activity
 * (lib/action-plans/schemas.ts says why).
 */
import "server-only";
import { type AnyColumn, and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, getDb } from "@/db/client";
import * as s from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { assertAllowed, can, deny } from "@/lib/auth/policy";
import type { SignedInViewer, Viewer } from "@/lib/auth/viewer";
import { AppError, DetailedError } from "@/lib/errors";
import { moveInList } from "@/lib/framework/edit-order";
import { outputOrder, pillarOrder } from "@/lib/plans/order";
import {
  approve,
  checkVersion as checkCycleVersion,
  lockedReason,
  mayReview,
  type ReviewAdapter,
  type ReviewState,
  reopen,
  returnToInstitution,
  reviewReason,
  reviewState,
  submit,
} from "@/lib/review/cycle";
import { actorOf, immediate } from "@/lib/server/db";
import { invalidInput, parseInput } from "@/lib/server/validation";
import {
  activityInputSchema,
  activityRefSchema,
  createActionPlanSchema,
  idSchema,
  moveActivitySchema,
  planYearLabel,
  transitionSchema,
} from "./schemas";
import { moneyOf, type Totals } from "./totals";
import { freezeActionPlan, latestVersionOf } from "./versions";

export type { Totals };

const parse = parseInput;

// ─── Access ─────────────────────────────────────────────────────────────────────────────────

const approver = alias(s.users, "approver");

function loadRow(db: Db, id: number) {
  return db
    .select({
      id: s.actionPlans.id,
      planId: s.actionPlans.planId,
      institutionId: s.actionPlans.institutionId,
      year: s.actionPlans.year,
      status: s.actionPlans.status,
      version: s.actionPlans.version,
      submittedAt: s.actionPlans.submittedAt,
      approvedAt: s.actionPlans.approvedAt,
      approvedBy: approver.name,
      returnedAt: s.actionPlans.returnedAt,
      returnReason: s.actionPlans.returnReason,
      reopenedAt: s.actionPlans.reopenedAt,
      reopenReason: s.actionPlans.reopenReason,
      updatedAt: s.actionPlans.updatedAt,
      updatedBy: s.users.name,
      planSlug: s.plans.slug,
      planTitle: s.plans.title,
      planStatus: s.plans.status,
      currency: s.plans.currency,
      fiscalYearStartMonth: s.plans.fiscalYearStartMonth,
      institution: s.institutions.acronym,
      institutionName: s.institutions.name,
    })
    .from(s.actionPlans)
    .innerJoin(s.plans, eq(s.plans.id, s.actionPlans.planId))
    .innerJoin(s.institutions, eq(s.institutions.id, s.actionPlans.institutionId))
    .leftJoin(s.users, eq(s.users.id, s.actionPlans.updatedById))
    .leftJoin(approver, eq(approver.id, s.actionPlans.approvedById))
    .where(eq(s.actionPlans.id, id))
    .get();
}

type ActionPlanRow = NonNullable<ReturnType<typeof loadRow>>;

function mayRead(viewer: SignedInViewer, row: Pick<ActionPlanRow, "institutionId">) {
  if (can(viewer, "actionplans.read.all")) return true;
  return (
    can(viewer, "actionplans.edit") &&
    viewer.institutionId !== null &&
    viewer.institutionId === row.institutionId
  );
}

/** The plan if the viewer may read it: the public must sign in; anyone else outside the rules gets 404 (logged). */
function readable(viewer: Viewer, id: number, db: Db = getDb()) {
  if (viewer === null) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  const row = loadRow(db, id);
  if (!row || !mayRead(viewer, row))
    deny(viewer, "actionplans.read", { entityType: "action_plan", entityId: id, hide: true });
  return { viewer, row };
}

/** Why the viewer may not change this plan's activities or submit it, or null when they may. */
function editBlocker(viewer: SignedInViewer, row: ActionPlanRow): string | null {
  if (!can(viewer, "actionplans.edit") || viewer.institutionId !== row.institutionId)
    return "Only the institution's reporters can change its action plan.";
  return lockedReason("action plan", row.status);
}

/** The plan, if the viewer is one of its institution's reporters and it is a draft. */
function editable(viewer: Viewer, id: number, db: Db = getDb()) {
  const reporter = assertAllowed(viewer, "actionplans.edit");
  const { row } = readable(reporter, id, db);
  const blocker = editBlocker(reporter, row);
  if (blocker) throw new AppError("CONFLICT", blocker);
  return { viewer: reporter, row };
}

function reviewable(
  viewer: Viewer,
  id: number,
  permission: "actionplans.review" | "actionplans.reopen",
  db: Db = getDb(),
) {
  const reviewer = assertAllowed(viewer, permission);
  const { row } = readable(reviewer, id, db);
  return { viewer: reviewer, row };
}

/** Refuses a write that started from an older version, naming who changed the plan and when. */
function checkVersion(db: Db, row: ActionPlanRow, version: number) {
  checkCycleVersion(actionPlanReview, db, row, version);
}

// ─── Totals (SQL) ───────────────────────────────────────────────────────────────────────────

/** Whole cents of an amount (for one activity's unfunded part; sums use moneyOf). */
const cents = (column: AnyColumn) => sql`round(coalesce(${column}, 0) * 100)`;
const money = moneyOf(s.activities);

function totalsByOutput(db: Db, where: SQL) {
  return db
    .select({
      outputId: s.outputs.id,
      code: sql<string>`${s.pillars.number} || '.' || ${s.outputs.number}`,
      title: s.outputs.title,
      pillarNumber: s.pillars.number,
      ...money,
    })
    .from(s.activities)
    .innerJoin(s.actionPlans, eq(s.actionPlans.id, s.activities.actionPlanId))
    .innerJoin(s.outputs, eq(s.outputs.id, s.activities.outputId))
    .innerJoin(s.pillars, eq(s.pillars.id, s.outputs.pillarId))
    .where(where)
    .groupBy(s.outputs.id)
    .orderBy(...pillarOrder, ...outputOrder)
    .all();
}

function totalsByPillar(db: Db, where: SQL) {
  return db
    .select({
      pillarId: s.pillars.id,
      number: s.pillars.number,
      title: s.pillars.title,
      ...money,
    })
    .from(s.activities)
    .innerJoin(s.actionPlans, eq(s.actionPlans.id, s.activities.actionPlanId))
    .innerJoin(s.outputs, eq(s.outputs.id, s.activities.outputId))
    .innerJoin(s.pillars, eq(s.pillars.id, s.outputs.pillarId))
    .where(where)
    .groupBy(s.pillars.id)
    .orderBy(...pillarOrder)
    .all();
}

/** One row per action plan (plans without activities included, with zeros). */
function totalsByActionPlan(db: Db, where: SQL | undefined) {
  return db
    .select({ actionPlanId: s.actionPlans.id, ...money })
    .from(s.actionPlans)
    .leftJoin(s.activities, eq(s.activities.actionPlanId, s.actionPlans.id))
    .where(where)
    .groupBy(s.actionPlans.id)
    .all();
}

function overall(db: Db, where: SQL): Totals {
  const row = db
    .select(money)
    .from(s.activities)
    .innerJoin(s.actionPlans, eq(s.actionPlans.id, s.activities.actionPlanId))
    .where(where)
    .get();
  return row ?? { activities: 0, needed: 0, allocated: 0, spent: 0, unfunded: 0 };
}

// ─── Reading ────────────────────────────────────────────────────────────────────────────────

type PlanState = ReviewState;

const stateOf = reviewState;

export const STATE_LABELS: Record<PlanState, string> = {
  draft: "Draft",
  returned: "Returned for changes",
  reopened: "Reopened",
  submitted: "Submitted, awaiting review",
  approved: "Approved",
};

export type ActionPlanListItem = {
  id: number;
  planSlug: string;
  planTitle: string;
  currency: string;
  year: number;
  yearLabel: string;
  institution: string;
  institutionName: string;
  status: ActionPlanRow["status"];
  state: PlanState;
  reason: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  totals: Totals;
};

/**
 * Action plans, newest year first. Reporters: their own institution's; reviewers and admins:
 * every institution's (optionally one year). Anyone else is refused.
 */
export function listActionPlans(viewer: Viewer, options: { year?: number } = {}) {
  const reader = can(viewer, "actionplans.read.all")
    ? (viewer as SignedInViewer)
    : assertAllowed(viewer, "actionplans.edit");
  const all = can(reader, "actionplans.read.all");
  if (!all && reader.institutionId === null)
    throw new AppError("FORBIDDEN", "Your account has no institution.");
  const year = options.year === undefined ? undefined : idSchema.parse(options.year);
  const where = and(
    all ? undefined : eq(s.actionPlans.institutionId, reader.institutionId ?? -1),
    year === undefined ? undefined : eq(s.actionPlans.year, year),
  );
  const db = getDb();
  const totals = new Map(totalsByActionPlan(db, where).map((t) => [t.actionPlanId, t]));
  return db
    .select({
      id: s.actionPlans.id,
      planSlug: s.plans.slug,
      planTitle: s.plans.title,
      currency: s.plans.currency,
      fiscalYearStartMonth: s.plans.fiscalYearStartMonth,
      year: s.actionPlans.year,
      institution: s.institutions.acronym,
      institutionName: s.institutions.name,
      status: s.actionPlans.status,
      returnedAt: s.actionPlans.returnedAt,
      returnReason: s.actionPlans.returnReason,
      reopenedAt: s.actionPlans.reopenedAt,
      reopenReason: s.actionPlans.reopenReason,
      submittedAt: s.actionPlans.submittedAt,
      approvedAt: s.actionPlans.approvedAt,
    })
    .from(s.actionPlans)
    .innerJoin(s.plans, eq(s.plans.id, s.actionPlans.planId))
    .innerJoin(s.institutions, eq(s.institutions.id, s.actionPlans.institutionId))
    .where(where)
    .orderBy(desc(s.actionPlans.year), asc(s.plans.title), asc(s.institutions.acronym))
    .all()
    .map((row): ActionPlanListItem => {
      const state = stateOf(row);
      const t = totals.get(row.id);
      return {
        id: row.id,
        planSlug: row.planSlug,
        planTitle: row.planTitle,
        currency: row.currency,
        year: row.year,
        yearLabel: planYearLabel(row.year, row.fiscalYearStartMonth),
        institution: row.institution,
        institutionName: row.institutionName,
        status: row.status,
        state,
        reason: reviewReason(row),
        submittedAt: row.submittedAt,
        approvedAt: row.approvedAt,
        totals: {
          activities: t?.activities ?? 0,
          needed: t?.needed ?? 0,
          allocated: t?.allocated ?? 0,
          spent: t?.spent ?? 0,
          unfunded: t?.unfunded ?? 0,
        },
      };
    });
}

/**
 * The plan years of active plans for which the reporter's institution has no action plan yet,
 * so it can start one.
 */
export function listStartableYears(viewer: Viewer) {
  const reporter = assertAllowed(viewer, "actionplans.edit");
  if (reporter.institutionId === null) return [];
  const db = getDb();
  const active = db
    .select({
      id: s.plans.id,
      title: s.plans.title,
      startYear: s.plans.startYear,
      endYear: s.plans.endYear,
      fiscalYearStartMonth: s.plans.fiscalYearStartMonth,
    })
    .from(s.plans)
    .where(eq(s.plans.status, "active"))
    .orderBy(asc(s.plans.title))
    .all();
  const existing = new Set(
    db
      .select({ planId: s.actionPlans.planId, year: s.actionPlans.year })
      .from(s.actionPlans)
      .where(eq(s.actionPlans.institutionId, reporter.institutionId))
      .all()
      .map((r) => `${r.planId}|${r.year}`),
  );
  const rows: { planId: number; planTitle: string; year: number; yearLabel: string }[] = [];
  for (const plan of active)
    for (let year = plan.startYear; year <= plan.endYear; year++)
      if (!existing.has(`${plan.id}|${year}`))
        rows.push({
          planId: plan.id,
          planTitle: plan.title,
          year,
          yearLabel: planYearLabel(year, plan.fiscalYearStartMonth),
        });
  return rows;
}

/** One action plan with its activities, totals by output and pillar, and what the viewer may do. */
export function getActionPlan(viewer: Viewer, idInput: unknown) {
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new AppError("NOT_FOUND", "This action plan was not found.");
  const db = getDb();
  const { viewer: reader, row } = readable(viewer, id.data, db);
  const activities = db
    .select({
      id: s.activities.id,
      outputId: s.activities.outputId,
      outputCode: sql<string>`${s.pillars.number} || '.' || ${s.outputs.number}`,
      outputTitle: s.outputs.title,
      description: s.activities.description,
      quarters: s.activities.quarters,
      budgetNeeded: s.activities.budgetNeeded,
      budgetAllocated: s.activities.budgetAllocated,
      amountSpent: s.activities.amountSpent,
      unfunded: sql<number>`max(${cents(s.activities.budgetNeeded)} - ${cents(s.activities.budgetAllocated)}, 0) / 100.0`,
      fundingSource: s.activities.fundingSource,
      status: s.activities.status,
      position: s.activities.position,
    })
    .from(s.activities)
    .innerJoin(s.outputs, eq(s.outputs.id, s.activities.outputId))
    .innerJoin(s.pillars, eq(s.pillars.id, s.outputs.pillarId))
    .where(eq(s.activities.actionPlanId, row.id))
    .orderBy(asc(s.activities.position), asc(s.activities.id))
    .all();
  const outputs = db
    .select({
      id: s.outputs.id,
      code: sql<string>`${s.pillars.number} || '.' || ${s.outputs.number}`,
      title: s.outputs.title,
    })
    .from(s.outputs)
    .innerJoin(s.pillars, eq(s.pillars.id, s.outputs.pillarId))
    .where(eq(s.pillars.planId, row.planId))
    .orderBy(...pillarOrder, ...outputOrder)
    .all();
  const mine = eq(s.actionPlans.id, row.id);
  const blocker = editBlocker(reader, row);
  const own = reader.role === "reporter" && reader.institutionId === row.institutionId;
  const state = stateOf(row);
  return {
    /**
     * What the public budget shows of this plan: its latest approved version (null if never
     * approved). While the plan is reopened, returned or re-submitted this differs from the
     * live figures below.
     */
    publicVersion: latestVersionOf(db, row.id),
    actionPlan: {
      id: row.id,
      version: row.version,
      year: row.year,
      yearLabel: planYearLabel(row.year, row.fiscalYearStartMonth),
      status: row.status,
      state,
      planSlug: row.planSlug,
      planTitle: row.planTitle,
      currency: row.currency,
      institution: row.institution,
      institutionName: row.institutionName,
      submittedAt: row.submittedAt,
      approvedAt: row.approvedAt,
      approvedBy: row.approvedBy,
      returnReason: row.returnReason,
      reopenReason: row.reopenReason,
      reason: reviewReason(row),
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
    },
    activities,
    outputs,
    totals: {
      overall: overall(db, mine),
      byOutput: totalsByOutput(db, mine),
      byPillar: totalsByPillar(db, mine),
    },
    may: {
      edit: blocker === null,
      editBlocker: own ? blocker : null,
      ...mayReview(actionPlanReview, (permission) => can(reader, permission), row),
    },
  };
}

export type ActionPlanView = ReturnType<typeof getActionPlan>;

/**
 * Reviewers and admins: the budget of every institution's action plans for one plan and year,
 * by institution, by pillar and by output, with the unfunded part.
 */
export function getActionPlanTotals(viewer: Viewer, input: { planId: unknown; year: unknown }) {
  assertAllowed(viewer, "actionplans.read.all");
  const planId = idSchema.safeParse(input.planId);
  const year = idSchema.safeParse(input.year);
  if (!planId.success || !year.success) throw new AppError("NOT_FOUND", "This plan was not found.");
  const db = getDb();
  const where = and(
    eq(s.actionPlans.planId, planId.data),
    eq(s.actionPlans.year, year.data),
  ) as SQL;
  const byInstitution = db
    .select({
      institutionId: s.institutions.id,
      acronym: s.institutions.acronym,
      name: s.institutions.name,
      ...money,
    })
    .from(s.activities)
    .innerJoin(s.actionPlans, eq(s.actionPlans.id, s.activities.actionPlanId))
    .innerJoin(s.institutions, eq(s.institutions.id, s.actionPlans.institutionId))
    .where(where)
    .groupBy(s.institutions.id)
    .orderBy(asc(s.institutions.acronym))
    .all();
  return {
    overall: overall(db, where),
    byInstitution,
    byPillar: totalsByPillar(db, where),
    byOutput: totalsByOutput(db, where),
  };
}

// ─── Starting a plan ────────────────────────────────────────────────────────────────────────

/**
 * A reporter opens their institution's action plan for a year of an active plan, creating the
 * draft the first time (an existing plan is simply opened). Returns its id.
 */
export function createActionPlan(viewer: Viewer, input: unknown): number {
  const reporter = assertAllowed(viewer, "actionplans.edit");
  const institutionId = reporter.institutionId;
  if (institutionId === null) throw new AppError("FORBIDDEN", "Your account has no institution.");
  const { planId, year } = parse(createActionPlanSchema, input);
  return immediate((db) => {
    const plan = db
      .select({
        id: s.plans.id,
        status: s.plans.status,
        startYear: s.plans.startYear,
        endYear: s.plans.endYear,
      })
      .from(s.plans)
      .where(eq(s.plans.id, planId))
      .get();
    if (!plan || plan.status === "draft")
      throw new AppError("NOT_FOUND", "This plan was not found.");
    if (plan.status !== "active")
      throw new AppError("CONFLICT", "This plan is closed; no new action plan can be started.");
    if (year < plan.startYear || year > plan.endYear)
      throw new DetailedError(
        "VALIDATION",
        `The plan runs from ${plan.startYear} to ${plan.endYear}; choose a year inside it.`,
        { fieldErrors: { year: [`Choose a year from ${plan.startYear} to ${plan.endYear}.`] } },
      );
    const existing = db
      .select({ id: s.actionPlans.id })
      .from(s.actionPlans)
      .where(
        and(
          eq(s.actionPlans.planId, planId),
          eq(s.actionPlans.institutionId, institutionId),
          eq(s.actionPlans.year, year),
        ),
      )
      .get();
    if (existing) return existing.id;
    const row = db
      .insert(s.actionPlans)
      .values({ planId, institutionId, year, status: "draft", updatedById: reporter.id })
      .returning({ id: s.actionPlans.id })
      .get();
    recordAudit(db, {
      actor: actorOf(reporter),
      action: "actionplan.create",
      entityType: "action_plan",
      entityId: row.id,
      after: { planId, institutionId, year, status: "draft", version: 1 },
    });
    return row.id;
  });
}

// ─── Activities ─────────────────────────────────────────────────────────────────────────────

function activityFields(db: Db, activityId: number) {
  return db
    .select({
      actionPlanId: s.activities.actionPlanId,
      outputId: s.activities.outputId,
      description: s.activities.description,
      quarters: s.activities.quarters,
      budgetNeeded: s.activities.budgetNeeded,
      budgetAllocated: s.activities.budgetAllocated,
      amountSpent: s.activities.amountSpent,
      fundingSource: s.activities.fundingSource,
      status: s.activities.status,
      position: s.activities.position,
    })
    .from(s.activities)
    .where(eq(s.activities.id, activityId))
    .get();
}

/** The activity, if it belongs to this action plan (otherwise it does not exist here). */
function activityOf(db: Db, row: ActionPlanRow, activityId: number) {
  const activity = activityFields(db, activityId);
  if (!activity || activity.actionPlanId !== row.id)
    throw new AppError("NOT_FOUND", "This activity is not part of the action plan.");
  const { actionPlanId: _, ...fields } = activity;
  return fields;
}

function checkOutput(db: Db, row: ActionPlanRow, outputId: number) {
  const output = db
    .select({ planId: s.pillars.planId })
    .from(s.outputs)
    .innerJoin(s.pillars, eq(s.pillars.id, s.outputs.pillarId))
    .where(eq(s.outputs.id, outputId))
    .get();
  if (output?.planId !== row.planId)
    throw invalidInput({ outputId: ["Choose an output of this plan."] });
}

/** Bumps the plan's version and records who changed it; returns the new version. */
function touch(db: Db, reporter: SignedInViewer, row: ActionPlanRow) {
  const next = row.version + 1;
  db.update(s.actionPlans)
    .set({ version: next, updatedById: reporter.id, updatedAt: new Date().toISOString() })
    .where(eq(s.actionPlans.id, row.id))
    .run();
  return next;
}

/** Adds an activity at the end of a draft plan (its institution's reporters only). */
export function addActivity(viewer: Viewer, actionPlanId: number, input: unknown) {
  editable(viewer, actionPlanId);
  const { version, ...values } = parse(activityInputSchema, input);
  return immediate((db) => {
    const { viewer: reporter, row } = editable(viewer, actionPlanId, db);
    checkVersion(db, row, version);
    checkOutput(db, row, values.outputId);
    const last = db
      .select({ position: sql<number>`coalesce(max(${s.activities.position}), -1)` })
      .from(s.activities)
      .where(eq(s.activities.actionPlanId, row.id))
      .get();
    const created = db
      .insert(s.activities)
      .values({ actionPlanId: row.id, ...values, position: (last?.position ?? -1) + 1 })
      .returning({ id: s.activities.id })
      .get();
    const next = touch(db, reporter, row);
    recordAudit(db, {
      actor: actorOf(reporter),
      action: "actionplan.activity.add",
      entityType: "action_plan",
      entityId: row.id,
      before: { version },
      after: { version: next, activityId: created.id, activity: values },
    });
    return { id: created.id, version: next };
  });
}

/** Changes an activity of a draft plan (its institution's reporters only). */
export function updateActivity(
  viewer: Viewer,
  actionPlanId: number,
  activityIdInput: unknown,
  input: unknown,
) {
  editable(viewer, actionPlanId);
  const activityId = idSchema.safeParse(activityIdInput);
  if (!activityId.success) throw new AppError("NOT_FOUND", "This activity was not found.");
  const { version, ...values } = parse(activityInputSchema, input);
  return immediate((db) => {
    const { viewer: reporter, row } = editable(viewer, actionPlanId, db);
    checkVersion(db, row, version);
    const { position: _, ...before } = activityOf(db, row, activityId.data);
    checkOutput(db, row, values.outputId);
    db.update(s.activities)
      .set({ ...values, updatedAt: new Date().toISOString() })
      .where(eq(s.activities.id, activityId.data))
      .run();
    const next = touch(db, reporter, row);
    recordAudit(db, {
      actor: actorOf(reporter),
      action: "actionplan.activity.update",
      entityType: "action_plan",
      entityId: row.id,
      before: { version, activityId: activityId.data, activity: before },
      after: { version: next, activityId: activityId.data, activity: values },
    });
    return { version: next };
  });
}

/**
 * Removes an activity from a draft plan. An activity that progress has been reported against
 * stays (the report refers to it): mark it cancelled instead.
 */
export function removeActivity(viewer: Viewer, actionPlanId: number, input: unknown) {
  editable(viewer, actionPlanId);
  const { version, activityId } = parse(activityRefSchema, input);
  return immediate((db) => {
    const { viewer: reporter, row } = editable(viewer, actionPlanId, db);
    checkVersion(db, row, version);
    const before = activityOf(db, row, activityId);
    const reported = db
      .select({ n: sql<number>`count(*)` })
      .from(s.activityUpdates)
      .where(eq(s.activityUpdates.activityId, activityId))
      .get();
    if ((reported?.n ?? 0) > 0)
      throw new AppError(
        "CONFLICT",
        "Progress has been reported on this activity, so it cannot be removed. Set its status to Cancelled instead.",
      );
    db.delete(s.activities).where(eq(s.activities.id, activityId)).run();
    const next = touch(db, reporter, row);
    recordAudit(db, {
      actor: actorOf(reporter),
      action: "actionplan.activity.remove",
      entityType: "action_plan",
      entityId: row.id,
      before: { version, activityId, activity: before },
      after: { version: next },
    });
    return { version: next };
  });
}

/** Moves an activity one place up or down in a draft plan; positions are rewritten 0…n−1. */
export function moveActivity(viewer: Viewer, actionPlanId: number, input: unknown) {
  editable(viewer, actionPlanId);
  const { version, activityId, direction } = parse(moveActivitySchema, input);
  return immediate((db) => {
    const { viewer: reporter, row } = editable(viewer, actionPlanId, db);
    checkVersion(db, row, version);
    activityOf(db, row, activityId);
    const rows = db
      .select({ id: s.activities.id })
      .from(s.activities)
      .where(eq(s.activities.actionPlanId, row.id))
      .orderBy(asc(s.activities.position), asc(s.activities.id))
      .all();
    const move = moveInList(rows, activityId, direction);
    if (!move)
      throw new AppError(
        "CONFLICT",
        `This activity is already ${direction === "up" ? "first" : "last"}.`,
      );
    const { from, to } = move;
    move.order.forEach(({ id }, position) => {
      db.update(s.activities).set({ position }).where(eq(s.activities.id, id)).run();
    });
    const next = touch(db, reporter, row);
    recordAudit(db, {
      actor: actorOf(reporter),
      action: "actionplan.activity.move",
      entityType: "action_plan",
      entityId: row.id,
      before: { version, activityId, position: from },
      after: { version: next, activityId, position: to },
    });
    return { version: next };
  });
}

// ─── The plan's life ────────────────────────────────────────────────────────────────────────

const workspaceLink = (id: number) => `/workspace/action-plans/${id}`;
const reviewLink = (id: number) => `/review/action-plans/${id}`;

/**
 * Yearly action plans in the review cycle (lib/review/cycle.ts). What is theirs: a plan needs at
 * least one activity to be submitted; approving freezes it and its activities as the next
 * approved version (lib/action-plans/versions.ts), the only figures the public budget reads,
 * kept while the live plan is reopened, edited or re-submitted.
 */
const actionPlanReview: ReviewAdapter<ActionPlanRow> = {
  entityType: "action_plan",
  actionPrefix: "actionplan",
  labels: { noun: "action plan", fullNoun: "yearly action plan", planPreposition: "under" },
  permissions: {
    edit: "actionplans.edit",
    review: "actionplans.review",
    reopen: "actionplans.reopen",
  },
  links: { workspace: workspaceLink, review: reviewLink },
  readable: (viewer, id, db) => readable(viewer, id, db).row,
  editable: (viewer, id, db) => editable(viewer, id, db),
  subject: (row) => ({
    institution: row.institution,
    institutionName: row.institutionName,
    planTitle: row.planTitle,
    when: planYearLabel(row.year, row.fiscalYearStartMonth),
  }),
  update: (db, id, set) => {
    db.update(s.actionPlans).set(set).where(eq(s.actionPlans.id, id)).run();
  },
  checkSubmittable: (db, row) => {
    const count = db
      .select({ n: sql<number>`count(*)` })
      .from(s.activities)
      .where(eq(s.activities.actionPlanId, row.id))
      .get();
    if ((count?.n ?? 0) === 0)
      throw new AppError(
        "VALIDATION",
        "Add at least one activity before you submit the action plan.",
      );
  },
  // The frozen copy the public budget reads, replacing the previous approved version there.
  freeze: (db, row, { at, actor }) => ({
    versionNumber: freezeActionPlan(db, row.id, { at, byId: actor.id }),
  }),
};

/** Sends a draft for review; it needs at least one activity. */
export function submitActionPlan(viewer: Viewer, actionPlanId: number, input: unknown) {
  editable(viewer, actionPlanId);
  const { version } = parse(transitionSchema, input);
  return submit(actionPlanReview, viewer, actionPlanId, { version });
}

/** A reviewer or admin approves a submitted plan; it is locked and frozen for the public. */
export function approveActionPlan(viewer: Viewer, actionPlanId: number, input: unknown) {
  reviewable(viewer, actionPlanId, "actionplans.review");
  const { version } = parse(transitionSchema, input);
  return approve(actionPlanReview, viewer, actionPlanId, { version });
}

/** A reviewer or admin returns a submitted plan to its institution with a reason. */
export function returnActionPlan(viewer: Viewer, actionPlanId: number, input: unknown) {
  reviewable(viewer, actionPlanId, "actionplans.review");
  const { version, reason } = parse(transitionSchema, input);
  return returnToInstitution(actionPlanReview, viewer, actionPlanId, { version, reason });
}

/** An admin reopens an approved plan with a reason; it becomes a draft again. */
export function reopenActionPlan(viewer: Viewer, actionPlanId: number, input: unknown) {
  reviewable(viewer, actionPlanId, "actionplans.reopen");
  const { version, reason } = parse(transitionSchema, input);
  return reopen(actionPlanReview, viewer, actionPlanId, { version, reason });
}

/** The plans and years that have action plans, for the review page's choice of year. */
export function listActionPlanYears(viewer: Viewer) {
  assertAllowed(viewer, "actionplans.read.all");
  return getDb()
    .selectDistinct({
      planId: s.actionPlans.planId,
      planSlug: s.plans.slug,
      planTitle: s.plans.title,
      currency: s.plans.currency,
      year: s.actionPlans.year,
      fiscalYearStartMonth: s.plans.fiscalYearStartMonth,
    })
    .from(s.actionPlans)
    .innerJoin(s.plans, eq(s.plans.id, s.actionPlans.planId))
    .where(inArray(s.plans.status, ["active", "closed"]))
    .orderBy(desc(s.actionPlans.year), asc(s.plans.title))
    .all()
    .map((r) => ({ ...r, yearLabel: planYearLabel(r.year, r.fiscalYearStartMonth) }));
}
