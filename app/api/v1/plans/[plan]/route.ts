import { handleApi, jsonData, withETag } from "@/lib/api/respond";
import { notFound } from "@/lib/errors";
import { utcDay } from "@/lib/framework/milestone-status";
import { getPlanTree } from "@/lib/plans/data";
import { planSlugSchema } from "@/lib/plans/params";
import { publicDataToken } from "@/lib/plans/public-cache";

/** GET /api/v1/plans/{plan}: one plan as a tree of pillars → outputs → indicators. */
export async function GET(request: Request, { params }: { params: Promise<{ plan: string }> }) {
  const { plan: raw } = await params;
  return handleApi(() =>
    // Statuses change with the day (stale values, overdue milestones): so does the ETag.
    withETag(request, `plan-${utcDay(new Date())}`, publicDataToken(), () => {
      const slug = planSlugSchema.safeParse(raw);
      const plan = slug.success ? getPlanTree(null, slug.data) : null;
      if (!plan) throw notFound(`The plan "${raw.slice(0, 100)}"`);
      return jsonData(plan);
    }),
  );
}
