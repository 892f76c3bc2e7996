import { handlePrivate, privateJson } from "@/lib/api/private";
import { AppError } from "@/lib/errors";
import { getReportVersion } from "@/lib/reports/data";
import { reportIdFrom } from "@/lib/reports/route-params";
import { recordIdSchema } from "@/lib/server/validation";

export function GET(request: Request, { params }: { params: Promise<{ id: string; n: string }> }) {
  return handlePrivate(request, async (viewer) => {
    const id = await reportIdFrom(params);
    const n = recordIdSchema.safeParse((await params).n);
    if (!n.success) throw new AppError("NOT_FOUND", "This version was not found.");
    return privateJson(getReportVersion(viewer, id, n.data));
  });
}
