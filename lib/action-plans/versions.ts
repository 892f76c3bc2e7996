/**
 * Frozen approved versions of yearly action plans, as progress reports have (`report_versions`).
 *
 * Approving an action plan copies it and its activities (budgets, spending, status, output and
 * pillar) into `action_plan_versions` and `action_plan_version_activities`, in the approval's
 * transaction. The public budget (lib/action-plans/public.ts) reads only the latest version of
 * each action plan: reopening, editing or re-submitting the live plan changes nothing public, and
 * the next approval replaces the figures. Migration 0009 made version 1 of every plan approved
 * before versions existed.
 *
 * No authorisation here: callers are the data layer's approval (which has checked the reviewer)
 * and the demo seed. Not marked server-only for the seed's sake; it imports no session.
 */
import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { moneyOf, type Totals } from "./totals";

/** Freezes the action plan as it is now as its next approved version; returns the version number. */
export function freezeActionPlan(
  db: Db,
  actionPlanId: number,
  approval: { at: string; byId: number | null },
): number {
  const plan = db
    .select({
      planId: s.actionPlans.planId,
      institutionId: s.actionPlans.institutionId,
      year: s.actionPlans.year,
    })
    .from(s.actionPlans)
    .where(eq(s.actionPlans.id, actionPlanId))
    .get();
  if (!plan) throw new Error(`No action plan ${actionPlanId} to freeze`);
  const versionNumber =
    (db
      .select({ n: sql<number | null>`max(${s.actionPlanVersions.versionNumber})` })
      .from(s.actionPlanVersions)
      .where(eq(s.actionPlanVersions.actionPlanId, actionPlanId))
      .get()?.n ?? 0) + 1;
  const version = db
    .insert(s.actionPlanVersions)
    .values({
      actionPlanId,
      ...plan,
      versionNumber,
      approvedAt: approval.at,
      approvedById: approval.byId,
    })
    .returning({ id: s.actionPlanVersions.id })
    .get();
  const activities = db
    .select({
      activityId: s.activities.id,
      outputId: s.activities.outputId,
      pillarId: s.outputs.pillarId,
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
    .innerJoin(s.outputs, eq(s.outputs.id, s.activities.outputId))
    .where(eq(s.activities.actionPlanId, actionPlanId))
    .orderBy(asc(s.activities.position), asc(s.activities.id))
    .all();
  if (activities.length > 0)
    db.insert(s.actionPlanVersionActivities)
      .values(activities.map((a) => ({ versionId: version.id, ...a })))
      .run();
  return versionNumber;
}

/**
 * The ids of the latest approved version of each action plan of a plan: the only versions the
 * public budget reads (a subquery, for `inArray`).
 */
export function latestVersionIds(db: Db, planId: number) {
  return db
    .select({ id: sql<number>`max(${s.actionPlanVersions.id})` })
    .from(s.actionPlanVersions)
    .where(eq(s.actionPlanVersions.planId, planId))
    .groupBy(s.actionPlanVersions.actionPlanId);
}

/**
 * The latest approved version of one action plan, with its totals: what the public sees of it
 * (for the workspace and review pages), or null if it was never approved.
 */
export function latestVersionOf(
  db: Db,
  actionPlanId: number,
): { versionNumber: number; approvedAt: string; totals: Totals } | null {
  const latest = db
    .select({
      id: s.actionPlanVersions.id,
      versionNumber: s.actionPlanVersions.versionNumber,
      approvedAt: s.actionPlanVersions.approvedAt,
    })
    .from(s.actionPlanVersions)
    .where(eq(s.actionPlanVersions.actionPlanId, actionPlanId))
    .orderBy(desc(s.actionPlanVersions.versionNumber))
    .limit(1)
    .get();
  if (!latest) return null;
  const totals = db
    .select(moneyOf(s.actionPlanVersionActivities))
    .from(s.actionPlanVersionActivities)
    .where(eq(s.actionPlanVersionActivities.versionId, latest.id))
    .get();
  return {
    versionNumber: latest.versionNumber,
    approvedAt: latest.approvedAt,
    totals: totals ?? { activities: 0, needed: 0, allocated: 0, spent: 0, unfunded: 0 },
  };
}
