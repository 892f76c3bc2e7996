import { handleApi, jsonData } from "@/lib/api/respond";
import { indicatorDataFromParams } from "@/lib/plans/indicator-data-route";

/** GET /api/v1/plans/{plan}/indicators/{code}/data.json: the indicator's approved observations. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ plan: string; code: string }> },
) {
  const resolved = await params;
  return handleApi(() => jsonData(indicatorDataFromParams(resolved)));
}
