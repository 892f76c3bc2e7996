/** The steering committee's dashboard figures. Reviewers and admins only. */
import "server-only";
import { assertAllowed } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import { milestoneDisplayStatus } from "@/lib/framework/milestone-status";
import { INDICATOR_STATUSES, type IndicatorStatus } from "@/lib/indicators/status";
import { getPlanTree, listPlans } from "@/lib/plans/data";

const STATUSES: readonly IndicatorStatus[] = INDICATOR_STATUSES;

/** Indicator status counts by pillar for each plan that is not closed. */
export function getStatusOverview(viewer: Viewer, now = new Date()) {
  const reviewer = assertAllowed(viewer, "dashboard.view");
  return listPlans(reviewer)
    .filter((plan) => plan.status !== "closed")
    .map((summary) => getPlanTree(reviewer, summary.slug, now))
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
        // Reviewers see every value, so no status of theirs is "withheld".
        for (const indicator of indicators)
          if (indicator.status.code !== "withheld") counts[indicator.status.code] += 1;
        const overdueMilestones = pillar.outputs
          .flatMap((o) => o.milestones)
          .filter(
            (m) =>
              milestoneDisplayStatus({ dueDate: m.dueDate, status: m.recordedStatus }, now) ===
              "overdue",
          ).length;
        return {
          number: pillar.number,
          title: pillar.title,
          total: indicators.length,
          counts,
          overdueMilestones,
        };
      }),
    }));
}

export { STATUSES };
