"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { OUTPUT_CODE_PATTERN } from "@/lib/framework/milestone-schema";
import {
  createMilestone,
  deleteMilestone,
  moveMilestone,
  updateMilestone,
} from "@/lib/framework/milestones";
import { directionSchema } from "@/lib/framework/structure-schema";
import { formAction, plainFormAction } from "@/lib/server/form-action";
import { planSlugSchema, recordIdSchema } from "@/lib/server/validation";
import { refreshPlan } from "../action-state";
import type { FrameworkFormState } from "../form-parts";

const newTarget = z.object({
  plan: planSlugSchema,
  output: z.string().regex(OUTPUT_CODE_PATTERN),
});
const oneTarget = z.object({ plan: planSlugSchema, id: recordIdSchema });
type One = z.infer<typeof oneTarget>;

export const createMilestoneAction = formAction<
  z.infer<typeof newTarget>,
  ReturnType<typeof createMilestone>,
  FrameworkFormState
>({
  target: newTarget,
  gone: "This output was not found.",
  run: (viewer, { plan, output }, values) => createMilestone(viewer, plan, output, values),
  done: (_result, { plan }, values) => {
    refreshPlan(plan);
    return { ok: true, message: `Milestone "${values.title?.trim()}" was added.`, values };
  },
});

export const updateMilestoneAction = formAction<
  One,
  ReturnType<typeof updateMilestone>,
  FrameworkFormState
>({
  target: oneTarget,
  gone: "This milestone was not found.",
  run: (viewer, { plan, id }, values) => updateMilestone(viewer, plan, id, values),
  done: (result, { plan }, values) => {
    refreshPlan(plan);
    return {
      ok: true,
      message:
        result.changes === 0
          ? "Nothing had changed; nothing was saved."
          : `Saved: ${result.changes} ${result.changes === 1 ? "change" : "changes"} recorded.`,
      version: result.version,
      values: { ...values, reason: "", version: result.version },
    };
  },
});

export const deleteMilestoneAction = formAction<
  One,
  ReturnType<typeof deleteMilestone>,
  FrameworkFormState
>({
  target: oneTarget,
  gone: "This milestone was not found.",
  run: (viewer, { plan, id }, values) => deleteMilestone(viewer, plan, id, values),
  done: (result, { plan }) => {
    refreshPlan(plan);
    redirect(`/admin/plans/${plan}/outputs/${result.outputCode}/milestones?deleted=1`);
  },
});

/** A plain form (the up and down buttons): works without JavaScript; the page re-renders. */
export const moveMilestoneAction = plainFormAction({
  target: oneTarget.extend({ direction: directionSchema }),
  run: (viewer, { plan, id, direction }) => moveMilestone(viewer, plan, id, direction),
  done: (_result, { plan }) => refreshPlan(plan),
});
