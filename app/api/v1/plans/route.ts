import { handleApi, jsonData } from "@/lib/api/respond";
import { listPlans } from "@/lib/plans/data";

/** GET /api/v1/plans: the published plans. */
export function GET() {
  return handleApi(() =>
    jsonData(listPlans(null).map((plan) => ({ ...plan, url: `/api/v1/plans/${plan.slug}` }))),
  );
}
