/** One progress report: read it (GET) or save changed fields of a draft (PATCH). */
import { handlePrivate, privateJson, readJson } from "@/lib/api/private";
import { getReport, saveReport, saveSchema } from "@/lib/reports/data";
import { reportIdFrom } from "@/lib/reports/route-params";

type Context = { params: Promise<{ id: string }> };

export function GET(request: Request, { params }: Context) {
  return handlePrivate(request, async (viewer) =>
    privateJson(getReport(viewer, await reportIdFrom(params))),
  );
}

export function PATCH(request: Request, { params }: Context) {
  return handlePrivate(request, async (viewer) => {
    const id = await reportIdFrom(params);
    const body = await readJson(request, saveSchema);
    return privateJson(saveReport(viewer, id, body));
  });
}
