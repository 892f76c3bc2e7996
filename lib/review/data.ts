/** The steering committee's dashboard figures. Reviewers and admins only. */
import "server-only";
import { assertAllowed } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import type { IndicatorStatus } from "@/lib/indicators/status";
import { getPlanTree, listPlans } from "@/lib/plans/data";

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
        // Reviewers see every value, so no status of theirs is "withheld".
        for (const indicator of indicators)
          if (indicator.status !== "withheld") counts[indicator.status] += 1;
        return { number: pillar.number, title: pillar.title, total: indicators.length, counts };
      }),
    }));
}

export { STATUSES };
