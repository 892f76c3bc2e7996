/** A reporter opens their institution's report for a period (created as a draft the first time). */
import { z } from "zod";
import { handlePrivate, privateJson, readJson } from "@/lib/api/private";
import { startReport } from "@/lib/reports/data";

const body = z.object({ periodId: z.number().int().positive() });

export function POST(request: Request) {
  return handlePrivate(request, async (viewer) => {
    const { periodId } = await readJson(request, body);
    return privateJson({ id: startReport(viewer, periodId) });
  });
}
