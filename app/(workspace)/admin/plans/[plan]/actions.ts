"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import {
  createIndicator,
  deleteIndicator,
  moveIndicator,
  updateIndicator,
} from "@/lib/framework/edit";
import { directionSchema } from "@/lib/framework/structure-schema";
import { type FormState, formAction, plainFormAction } from "@/lib/server/form-action";
import { indicatorCodeSchema, planSlugSchema } from "@/lib/server/validation";
import { refreshPlan } from "./action-state";
import type { FrameworkFormState } from "./form-parts";

export type IndicatorFormState = FormState<{
  code: string;
  planSlug: string;
  version: string;
  conflict: boolean;
}>;

/** Which indicator a form edits: the plan's address and, for an edit, the code before the edit. */
const planTarget = z.object({ plan: planSlugSchema });
const indicatorTarget = planTarget.extend({ originalCode: indicatorCodeSchema });

export const createIndicatorAction = formAction<
  z.infer<typeof planTarget>,
  ReturnType<typeof createIndicator>,
  IndicatorFormState
>({
  target: planTarget,
  gone: "This plan was not found.",
  run: (viewer, { plan }, values) => createIndicator(viewer, plan, values),
  done: (result, { plan }, values) => {
    refreshPlan(plan);
    return {
      ok: true,
      message: `Indicator ${result.code} was added.`,
      code: result.code,
      planSlug: plan,
      values,
    };
  },
});

export const updateIndicatorAction = formAction<
  z.infer<typeof indicatorTarget>,
  ReturnType<typeof updateIndicator>,
  IndicatorFormState
>({
  target: indicatorTarget,
  gone: "This indicator was not found.",
  run: (viewer, { plan, originalCode }, values) =>
    updateIndicator(viewer, plan, originalCode, values),
  done: (result, { plan, originalCode }, values) => {
    refreshPlan(plan);
    // A new code is a new address: the old one would now answer 404.
    if (result.code !== originalCode)
      redirect(`/admin/plans/${plan}/indicators/${encodeURIComponent(result.code)}`);
    return {
      ok: true,
      message:
        result.changes === 0
          ? "Nothing had changed; nothing was saved."
          : `Saved: ${result.changes} ${result.changes === 1 ? "change" : "changes"} recorded.`,
      code: result.code,
      planSlug: plan,
      version: result.version,
      values: { ...values, reason: "", version: result.version ?? "" },
    };
  },
});

/** Deletes an indicator (confirmed on its page); back to the plan when done. */
export const deleteIndicatorAction = formAction<
  z.infer<typeof indicatorTarget>,
  ReturnType<typeof deleteIndicator>,
  FrameworkFormState
>({
  target: indicatorTarget,
  gone: "This indicator was not found.",
  run: (viewer, { plan, originalCode }, values) =>
    deleteIndicator(viewer, plan, originalCode, values),
  done: (_result, { plan, originalCode }) => {
    refreshPlan(plan);
    redirect(`/admin/plans/${plan}?deleted=${encodeURIComponent(originalCode)}`);
  },
});

/** A plain form (the up and down buttons): works without JavaScript; the page re-renders. */
export const moveIndicatorAction = plainFormAction({
  target: planTarget.extend({ code: indicatorCodeSchema, direction: directionSchema }),
  run: (viewer, { plan, code, direction }) => moveIndicator(viewer, plan, code, direction),
  done: (_result, { plan }) => refreshPlan(plan),
});
