import { getPublicBudget } from "@/lib/action-plans/public";
import { handleApi, jsonData, withETag } from "@/lib/api/respond";
import { notFound } from "@/lib/errors";
import { planSlugSchema } from "@/lib/plans/params";
import { publicDataToken } from "@/lib/plans/public-cache";

/**
 * GET /api/v1/plans/{plan}/budget.json: the plan's budget picture, per plan year, from approved
 * yearly action plans only (the same figures as /plans/{plan}/budget).
 */
export async function GET(request: Request, { params }: { params: Promise<{ plan: string }> }) {
  const { plan: raw } = await params;
  return handleApi(() =>
    withETag(request, "budget", publicDataToken(), () => {
      const slug = planSlugSchema.safeParse(raw);
      const budget = slug.success ? getPublicBudget(slug.data) : null;
      if (!budget) throw notFound(`The plan "${raw.slice(0, 100)}"`);
      return jsonData(budget);
    }),
  );
}
