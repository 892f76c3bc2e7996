/**
 * The public budget picture of a plan: per plan year, what the approved yearly action plans say
 * the plan costs, how much of it is allocated and spent, and the unfunded gap. It reads only the
 * frozen approved versions (lib/action-plans/versions.ts), the latest of each institution's
 * yearly plan: drafts, submitted and returned plans never count, and a plan reopened after its
 * approval keeps its last approved figures here until it is approved again. Only for plans the
 * public may see (active or closed). Totals are summed in SQL, in whole cents, with the same
 * rules as the workspace (lib/action-plans/totals.ts): the unfunded part is
 * max(needed − allocated, 0) per activity. Cached per plan (lib/plans/public-cache.ts; migration
 * 0009's triggers renew the token whenever a version is written, so an approval shows at once).
 */
import "server-only";
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { findVisiblePlan } from "@/lib/plans/data";
import { pillarOrder } from "@/lib/plans/order";
import { cachedRead } from "@/lib/plans/public-cache";
import { planYearLabel } from "./schemas";
import { moneyOf, type Totals } from "./totals";
import { latestVersionIds } from "./versions";

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
  const v = s.actionPlanVersions;
  const a = s.actionPlanVersionActivities;
  const sums = { ...moneyOf(a), spentReported: sql<number>`count(${a.amountSpent})` };
  const latest = inArray(v.id, latestVersionIds(db, plan.id));

  // From the latest approved versions (left join: a version without activities still counts as
  // an institution reporting, with zeros).
  const overall = db
    .select({
      year: v.year,
      institutions: sql<number>`count(distinct ${v.institutionId})`,
      ...sums,
    })
    .from(v)
    .leftJoin(a, eq(a.versionId, v.id))
    .where(latest)
    .groupBy(v.year)
    .orderBy(desc(v.year))
    .all();

  const byInstitution = db
    .select({ year: v.year, acronym: s.institutions.acronym, name: s.institutions.name, ...sums })
    .from(v)
    .innerJoin(s.institutions, eq(s.institutions.id, v.institutionId))
    .leftJoin(a, eq(a.versionId, v.id))
    .where(latest)
    .groupBy(v.year, s.institutions.id)
    .orderBy(asc(s.institutions.acronym))
    .all();

  const byPillar = db
    .select({ year: v.year, number: s.pillars.number, title: s.pillars.title, ...sums })
    .from(a)
    .innerJoin(v, eq(v.id, a.versionId))
    .innerJoin(s.pillars, eq(s.pillars.id, a.pillarId))
    .where(latest)
    .groupBy(v.year, s.pillars.id)
    .orderBy(...pillarOrder)
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
