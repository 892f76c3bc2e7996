import { NextResponse } from "next/server";
import { handleApi } from "@/lib/api/respond";
import { exportPlanFile, planNotFound } from "@/lib/framework/data";
import { planSlugSchema } from "@/lib/plans/params";

/** GET /api/v1/plans/{plan}/framework.json: the whole plan as a plan file, to load elsewhere. */
export async function GET(_request: Request, { params }: { params: Promise<{ plan: string }> }) {
  const { plan: raw } = await params;
  return handleApi(() => {
    const slug = planSlugSchema.safeParse(raw);
    const file = slug.success ? exportPlanFile(null, slug.data) : null;
    if (!file) throw planNotFound(raw);
    return NextResponse.json(file, {
      headers: {
        "Cache-Control": "public, max-age=60",
        "Access-Control-Allow-Origin": "*",
        "Content-Disposition": `attachment; filename="${file.plan.slug}.plan.json"`,
      },
    });
  });
}
