"use server";

import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/session";
import { failed, formArgument } from "@/lib/forms";
import { startReport } from "@/lib/reports/data";

/** Opens the institution's report for a period, creating its draft the first time. */
export async function startReportAction(formData: FormData) {
  formArgument(formData);
  let id: number;
  try {
    id = startReport(await getViewer(), formData.get("periodId"));
  } catch (error) {
    const state = failed(error, {});
    redirect(
      `/workspace?error=${encodeURIComponent(state.message ?? "The report could not be started.")}`,
    );
  }
  redirect(`/workspace/reports/${id}`);
}
