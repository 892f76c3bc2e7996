import { handleApi } from "@/lib/api/respond";
import { getViewer } from "@/lib/auth/session";
import { exportPlanFile, planNotFound } from "@/lib/framework/data";
import { writePlanXlsx, XLSX_CONTENT_TYPE } from "@/lib/framework/plan-xlsx";
import { planSlugSchema } from "@/lib/plans/params";

/**
 * GET /api/v1/plans/{plan}/plan.xlsx: the whole plan as an Excel workbook, to edit and import.
 * Read as the signed-in viewer (exportPlanFile decides): everyone gets a published plan; a draft
 * only reviewers and admins, and it is 404 for everyone else, as on every other plan route.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ plan: string }> }) {
  const { plan: raw } = await params;
  return handleApi(async () => {
    const slug = planSlugSchema.safeParse(raw);
    const file = slug.success ? exportPlanFile(await getViewer(), slug.data) : null;
    if (!file) throw planNotFound(raw);
    const published = file.plan.status !== "draft";
    return new Response(new Uint8Array(await writePlanXlsx(file)), {
      headers: {
        "Content-Type": XLSX_CONTENT_TYPE,
        "Content-Disposition": `attachment; filename="${file.plan.slug}.xlsx"`,
        "Cache-Control": published ? "public, max-age=60" : "private, no-store",
        ...(published ? { "Access-Control-Allow-Origin": "*" } : {}),
      },
    });
  });
}
