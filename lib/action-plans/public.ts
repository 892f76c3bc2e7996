/**
 * The public budget picture of a plan: per plan year, what the approved yearly action plans say
 * the plan costs, how much of it is allocated and spent, and the unfunded gap. Only approved
 * action plans count (never drafts, submitted or returned ones), and only for plans the public
 * may see (active or closed). Totals are summed in SQL, in whole cents, with the same rules as
 * the workspace (lib/action-plans/data.ts): the unfunded part is max(needed − allocated, 0) per
 * activity. Cached per plan (lib/plans/public-cache.ts; migration 0008's triggers renew the
 * token whenever an action plan or activity changes, so an approval shows at once).
 */
import "server-only";
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { findVisiblePlan } from "@/lib/plans/data";
import { cachedRead } from "@/lib/plans/public-cache";
import { money, type Totals } from "./data";
import { planYearLabel } from "./schemas";

/** Totals, and how many activities have any spending reported (0: "not reported yet", not "nothing spent"). */
export type PublicTotals = Totals & { spentReported: number };

export type PublicBudgetYear = {
  year: number;
  yearLabel: string;
  overall: PublicTotals & { institutions: number };
  byPillar: (PublicTotals & { number: number; title: string })[];
  byInstitution: (PublicTotals & { acronym: string; name: string })[];
};

export type PublicBudget = {
  slug: string;
  title: string;
  currency: string;
  pillarTerm: string;
  pillarTermPlural: string;
  /** Plan years with at least one approved action plan, newest first. */
  years: PublicBudgetYear[];
};

/** The budget picture of a public plan, or null when the public may not see the plan. */
export function getPublicBudget(slug: string): PublicBudget | null {
  return cachedRead(`budget:public:${slug}`, () => computePublicBudget(slug));
}

function computePublicBudget(slug: string): PublicBudget | null {
  const plan = findVisiblePlan(null, slug);
  if (!plan) return null;
  const db = getDb();
  const sums = { ...money, spentReported: sql<number>`count(${s.activities.amountSpent})` };
  const approved = and(
    eq(s.actionPlans.planId, plan.id),
    eq(s.actionPlans.status, "approved"),
  ) as SQL;

  // From the approved action plans (left join: an approved plan without activities still counts
  // as an institution reporting, with zeros).
  const overall = db
    .select({
      year: s.actionPlans.year,
      institutions: sql<number>`count(distinct ${s.actionPlans.institutionId})`,
      ...sums,
    })
    .from(s.actionPlans)
    .leftJoin(s.activities, eq(s.activities.actionPlanId, s.actionPlans.id))
    .where(approved)
    .groupBy(s.actionPlans.year)
    .orderBy(desc(s.actionPlans.year))
    .all();

  const byInstitution = db
    .select({
      year: s.actionPlans.year,
      acronym: s.institutions.acronym,
      name: s.institutions.name,
      ...sums,
    })
    .from(s.actionPlans)
    .innerJoin(s.institutions, eq(s.institutions.id, s.actionPlans.institutionId))
    .leftJoin(s.activities, eq(s.activities.actionPlanId, s.actionPlans.id))
    .where(approved)
    .groupBy(s.actionPlans.year, s.institutions.id)
    .orderBy(asc(s.institutions.acronym))
    .all();

  const byPillar = db
    .select({
      year: s.actionPlans.year,
      number: s.pillars.number,
      title: s.pillars.title,
      ...sums,
    })
    .from(s.activities)
    .innerJoin(s.actionPlans, eq(s.actionPlans.id, s.activities.actionPlanId))
    .innerJoin(s.outputs, eq(s.outputs.id, s.activities.outputId))
    .innerJoin(s.pillars, eq(s.pillars.id, s.outputs.pillarId))
    .where(approved)
    .groupBy(s.actionPlans.year, s.pillars.id)
    .orderBy(asc(s.pillars.number))
    .all();

  const totals = <T extends PublicTotals>(row: T): PublicTotals => ({
    activities: row.activities,
    needed: row.needed,
    allocated: row.allocated,
    spent: row.spent,
    unfunded: row.unfunded,
    spentReported: row.spentReported,
  });

  return {
    slug: plan.slug,
    title: plan.title,
    currency: plan.currency,
    pillarTerm: plan.pillarTerm,
    pillarTermPlural: plan.pillarTermPlural,
    years: overall.map((o) => ({
      year: o.year,
      yearLabel: planYearLabel(o.year, plan.fiscalYearStartMonth),
      overall: { ...totals(o), institutions: o.institutions },
      byPillar: byPillar
        .filter((p) => p.year === o.year)
        .map((p) => ({ number: p.number, title: p.title, ...totals(p) })),
      byInstitution: byInstitution
        .filter((i) => i.year === o.year)
        .map((i) => ({ acronym: i.acronym, name: i.name, ...totals(i) })),
    })),
  };
}
