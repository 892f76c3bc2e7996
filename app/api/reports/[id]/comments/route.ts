/** Comments on a report or one of its items; the institution answers. */

import { z } from "zod";
import { handlePrivate, privateJson, readJson } from "@/lib/api/private";
import { addComment } from "@/lib/reports/data";
import { reportIdFrom } from "@/lib/reports/route-params";

export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handlePrivate(request, async (viewer) => {
    const id = await reportIdFrom(params);
    const input = await readJson(request, z.looseObject({}));
    return privateJson(addComment(viewer, id, input), { status: 201 });
  });
}
