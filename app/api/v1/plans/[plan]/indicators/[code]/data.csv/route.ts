import { handleApi, PUBLIC_CACHE, withETag } from "@/lib/api/respond";
import { toOpenSdgCsv } from "@/lib/plans/indicator-data";
import { formerIndicatorAnswer, indicatorDataFromParams } from "@/lib/plans/indicator-data-route";
import { publicDataToken } from "@/lib/plans/public-cache";

/** GET /api/v1/plans/{plan}/indicators/{code}/data.csv: approved observations in the Open SDG layout. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ plan: string; code: string }> },
) {
  const resolved = await params;
  return handleApi(
    () =>
      formerIndicatorAnswer(resolved, "data.csv") ??
      withETag(request, "data-csv", publicDataToken(), () => {
        const data = indicatorDataFromParams(resolved);
        return new Response(toOpenSdgCsv(data), {
          headers: {
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": `attachment; filename="${data.plan}_${data.indicator.code}.csv"`,
            "Cache-Control": PUBLIC_CACHE,
            "Access-Control-Allow-Origin": "*",
          },
        });
      }),
  );
}
