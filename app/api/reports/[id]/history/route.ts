/** A report's history: every save and transition with before and after values. */
import { handlePrivate, privateJson } from "@/lib/api/private";
import { reportHistory } from "@/lib/reports/data";
import { reportIdFrom } from "@/lib/reports/route-params";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handlePrivate(request, async (viewer) =>
    privateJson(reportHistory(viewer, await reportIdFrom(params))),
  );
}
