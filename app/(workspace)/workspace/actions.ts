"use server";

import { redirect } from "next/navigation";
import { startReport } from "@/lib/reports/data";
import { plainFormAction } from "@/lib/server/form-action";

/** Opens the institution's report for a period, creating its draft the first time. */
export const startReportAction = plainFormAction({
  run: (viewer, _t, values) => startReport(viewer, values.periodId),
  done: (id) => redirect(`/workspace/reports/${id}`),
  failed: (state) =>
    redirect(
      `/workspace?error=${encodeURIComponent(state.message ?? "The report could not be started.")}`,
    ),
});
