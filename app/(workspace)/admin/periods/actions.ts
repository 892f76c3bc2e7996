"use server";

import { revalidatePath } from "next/cache";
import { formatDate } from "@/lib/format";
import { createPeriods, setPeriodStatus, updateDeadline } from "@/lib/periods/data";
import {
  createPeriodsSchema,
  setPeriodStatusSchema,
  updateDeadlineSchema,
} from "@/lib/periods/schemas";
import { type FormState, formAction } from "@/lib/server/form-action";
import { parseInput } from "@/lib/server/validation";

export type CreatePeriodsState = FormState<{ planSlug: string; created: string[] }>;

function listed(codes: string[]): string {
  if (codes.length <= 1) return codes.join("");
  return `${codes.slice(0, -1).join(", ")} and ${codes[codes.length - 1]}`;
}

// The periods' data layer takes parsed input (its tests and the seed call it so): the forms'
// fields are parsed here with its schemas, as the first step of the call.

export const createPeriodsAction = formAction<
  undefined,
  ReturnType<typeof createPeriods>,
  CreatePeriodsState
>({
  run: (viewer, _t, values) => createPeriods(viewer, parseInput(createPeriodsSchema, values)),
  done: ({ planSlug, created }, _t, values) => {
    revalidatePath("/admin/periods", "layout");
    const codes = created.map((period) => period.code);
    return {
      ok: true,
      message: `Created ${created.length === 1 ? "the period" : `${created.length} periods`} ${listed(codes)}, open for reporting.`,
      planSlug,
      created: codes,
      values,
    };
  },
});

export const updateDeadlineAction = formAction({
  run: (viewer, _t, values) => {
    const { periodId, deadline } = parseInput(updateDeadlineSchema, values);
    return { deadline, ...updateDeadline(viewer, periodId, deadline) };
  },
  done: ({ changed, deadline }, _t, values) => {
    revalidatePath("/admin/periods", "layout");
    return {
      ok: true,
      message: changed
        ? `The deadline is now ${formatDate(deadline)}.`
        : "The deadline was already this date; nothing changed.",
      values,
    };
  },
});

export const setPeriodStatusAction = formAction({
  run: (viewer, _t, values) => {
    const { periodId, status, reason } = parseInput(setPeriodStatusSchema, values);
    return { status, ...setPeriodStatus(viewer, periodId, status, reason) };
  },
  done: ({ changed, status }) => {
    revalidatePath("/admin/periods", "layout");
    const done =
      status === "closed"
        ? "The period is closed: its draft reports can no longer be edited."
        : "The period is open again: institutions can edit their drafts and submit.";
    return {
      ok: true,
      message: changed ? done : `The period was already ${status}; nothing changed.`,
    };
  },
});
