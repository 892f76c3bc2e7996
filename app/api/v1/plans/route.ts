import { handleApi, jsonData, withETag } from "@/lib/api/respond";
import { listPlans } from "@/lib/plans/data";
import { publicDataToken } from "@/lib/plans/public-cache";

/** GET /api/v1/plans: the published plans. */
export function GET(request: Request) {
  return handleApi(() =>
    withETag(request, "plans", publicDataToken(), () =>
      jsonData(listPlans(null).map((plan) => ({ ...plan, url: `/api/v1/plans/${plan.slug}` }))),
    ),
  );
}
