import { NextResponse } from "next/server";
import { handleApi, PUBLIC_CACHE, withETag } from "@/lib/api/respond";
import { exportPlanFile, planNotFound } from "@/lib/framework/data";
import { planSlugSchema } from "@/lib/plans/params";
import { publicDataToken } from "@/lib/plans/public-cache";

/** GET /api/v1/plans/{plan}/framework.json: the whole plan as a plan file, to load elsewhere. */
export async function GET(request: Request, { params }: { params: Promise<{ plan: string }> }) {
  const { plan: raw } = await params;
  return handleApi(() =>
    withETag(request, "plan-file", publicDataToken(), () => {
      const slug = planSlugSchema.safeParse(raw);
      const file = slug.success ? exportPlanFile(null, slug.data) : null;
      if (!file) throw planNotFound(raw);
      return NextResponse.json(file, {
        headers: {
          "Cache-Control": PUBLIC_CACHE,
          "Access-Control-Allow-Origin": "*",
          "Content-Disposition": `attachment; filename="${file.plan.slug}.plan.json"`,
        },
      });
    }),
  );
}
