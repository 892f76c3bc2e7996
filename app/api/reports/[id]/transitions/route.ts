/**
 * Moves a report along its life: submit, approve (with the warnings acknowledged and a note when
 * its figures raise any), return (with reason), reopen (with reason).
 */
import { z } from "zod";
import { handlePrivate, privateJson, readJson } from "@/lib/api/private";
import { approveReport, reopenReport, returnReport, submitReport } from "@/lib/reports/data";
import { reportIdFrom } from "@/lib/reports/route-params";

const body = z.object({
  action: z.enum(["submit", "approve", "return", "reopen"], {
    error: "The action must be submit, approve, return or reopen.",
  }),
  version: z.number().int().positive(),
  reason: z.string().max(4000).optional(),
  acknowledged: z.array(z.string().max(2000)).max(1000).optional(),
});

const RUN = {
  submit: submitReport,
  approve: approveReport,
  return: returnReport,
  reopen: reopenReport,
};

export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handlePrivate(request, async (viewer) => {
    const id = await reportIdFrom(params);
    const { action, ...input } = await readJson(request, body);
    return privateJson(RUN[action](viewer, id, input));
  });
}
