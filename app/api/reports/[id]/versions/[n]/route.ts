/** One approved version of a report, exactly as it was approved (JSON). */
import { z } from "zod";
import { handlePrivate, privateJson } from "@/lib/api/private";
import { AppError } from "@/lib/errors";
import { getReportVersion } from "@/lib/reports/data";
import { reportIdFrom } from "@/lib/reports/route-params";

export function GET(request: Request, { params }: { params: Promise<{ id: string; n: string }> }) {
  return handlePrivate(request, async (viewer) => {
    const id = await reportIdFrom(params);
    const n = z.coerce
      .number()
      .int()
      .positive()
      .safeParse((await params).n);
    if (!n.success) throw new AppError("NOT_FOUND", "This version was not found.");
    return privateJson(getReportVersion(viewer, id, n.data));
  });
}
