"use server";

import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { type FormState, failed, formArgument, formValues, invalid } from "@/lib/forms";
import { createPeriods, setPeriodStatus, updateDeadline } from "@/lib/periods/data";
import {
  createPeriodsSchema,
  setPeriodStatusSchema,
  updateDeadlineSchema,
} from "@/lib/periods/schemas";

export type CreatePeriodsState = FormState<{ planSlug: string; created: string[] }>;

function listed(codes: string[]): string {
  if (codes.length <= 1) return codes.join("");
  return `${codes.slice(0, -1).join(", ")} and ${codes[codes.length - 1]}`;
}

export async function createPeriodsAction(
  _state: CreatePeriodsState,
  formData: FormData,
): Promise<CreatePeriodsState> {
  formArgument(formData);
  const values = formValues(formData);
  const parsed = createPeriodsSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const { planSlug, created } = createPeriods(await getViewer(), parsed.data);
    revalidatePath("/admin/periods", "layout");
    const codes = created.map((period) => period.code);
    return {
      ok: true,
      message: `Created ${created.length === 1 ? "the period" : `${created.length} periods`} ${listed(codes)}, open for reporting.`,
      planSlug,
      created: codes,
      values,
    };
  } catch (error) {
    return failed(error, values);
  }
}

export async function updateDeadlineAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  const parsed = updateDeadlineSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const { changed } = updateDeadline(
      await getViewer(),
      parsed.data.periodId,
      parsed.data.deadline,
    );
    revalidatePath("/admin/periods", "layout");
    return {
      ok: true,
      message: changed
        ? `The deadline is now ${formatDate(parsed.data.deadline)}.`
        : "The deadline was already this date; nothing changed.",
      values,
    };
  } catch (error) {
    return failed(error, values);
  }
}

export async function setPeriodStatusAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  const parsed = setPeriodStatusSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const { periodId, status, reason } = parsed.data;
    const { changed } = setPeriodStatus(await getViewer(), periodId, status, reason);
    revalidatePath("/admin/periods", "layout");
    const done =
      status === "closed"
        ? "The period is closed: its draft reports can no longer be edited."
        : "The period is open again: institutions can edit their drafts and submit.";
    return {
      ok: true,
      message: changed ? done : `The period was already ${status}; nothing changed.`,
    };
  } catch (error) {
    return failed(error, values);
  }
}
