import { handleApi } from "@/lib/api/respond";
import { toOpenSdgCsv } from "@/lib/plans/indicator-data";
import { indicatorDataFromParams } from "@/lib/plans/indicator-data-route";

/** GET /api/v1/plans/{plan}/indicators/{code}/data.csv: approved observations in the Open SDG layout. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ plan: string; code: string }> },
) {
  const resolved = await params;
  return handleApi(() => {
    const data = indicatorDataFromParams(resolved);
    return new Response(toOpenSdgCsv(data), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${data.plan}_${data.indicator.code}.csv"`,
        "Cache-Control": "public, max-age=60, stale-while-revalidate=300",
        "Access-Control-Allow-Origin": "*",
      },
    });
  });
}
