/** The steering committee's review queue and dashboard figures. Reviewers and admins only. */
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { institutions, plans, progressReports, reportingPeriods } from "@/db/schema";
import { assertAllowed } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import type { IndicatorStatus } from "@/lib/indicators/status";
import { getPlanTree, listPlans } from "@/lib/plans/data";

/** Reports submitted and waiting for a decision, oldest first. */
export function listReviewQueue(viewer: Viewer) {
  assertAllowed(viewer, "review.view");
  return getDb()
    .select({
      id: progressReports.id,
      institution: institutions.acronym,
      institutionName: institutions.name,
      period: reportingPeriods.code,
      plan: plans.slug,
      submittedAt: progressReports.submittedAt,
    })
    .from(progressReports)
    .innerJoin(institutions, eq(institutions.id, progressReports.institutionId))
    .innerJoin(reportingPeriods, eq(reportingPeriods.id, progressReports.periodId))
    .innerJoin(plans, eq(plans.id, reportingPeriods.planId))
    .where(and(eq(progressReports.status, "submitted")))
    .orderBy(asc(progressReports.submittedAt))
    .all();
}

const STATUSES: IndicatorStatus[] = ["achieved", "on_track", "at_risk", "off_track", "no_data"];

/** Indicator status counts by pillar for each plan that is not closed. */
export function getStatusOverview(viewer: Viewer) {
  const reviewer = assertAllowed(viewer, "dashboard.view");
  return listPlans(reviewer)
    .filter((plan) => plan.status !== "closed")
    .map((summary) => getPlanTree(reviewer, summary.slug))
    .filter((plan) => plan !== null)
    .map((plan) => ({
      slug: plan.slug,
      title: plan.title,
      pillarTerm: plan.pillarTerm,
      pillars: plan.pillars.map((pillar) => {
        const indicators = [
          ...pillar.outcomeIndicators,
          ...pillar.outputs.flatMap((o) => o.indicators),
        ];
        const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<
          IndicatorStatus,
          number
        >;
        for (const indicator of indicators) counts[indicator.status] += 1;
        return { number: pillar.number, title: pillar.title, total: indicators.length, counts };
      }),
    }));
}

export { STATUSES };
