import { handleApi, jsonData, withETag } from "@/lib/api/respond";
import { formerIndicatorAnswer, indicatorDataFromParams } from "@/lib/plans/indicator-data-route";
import { publicDataToken } from "@/lib/plans/public-cache";

/** GET /api/v1/plans/{plan}/indicators/{code}/data.json: the indicator's approved observations. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ plan: string; code: string }> },
) {
  const resolved = await params;
  return handleApi(
    () =>
      formerIndicatorAnswer(resolved, "data.json") ??
      withETag(request, "data-json", publicDataToken(), () =>
        jsonData(indicatorDataFromParams(resolved)),
      ),
  );
}
