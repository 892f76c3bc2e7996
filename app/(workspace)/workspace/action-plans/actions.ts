"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import {
  addActivity,
  createActionPlan,
  moveActivity,
  removeActivity,
  submitActionPlan,
  updateActivity,
} from "@/lib/action-plans/data";
import { type FormState, formAction, plainFormAction } from "@/lib/server/form-action";
import { recordIdSchema } from "@/lib/server/validation";

export type ActionPlanFormState = FormState;

const pagePath = (id: number | string) => `/workspace/action-plans/${id}`;
const planTarget = z.object({ actionPlanId: recordIdSchema });
const GONE = "This action plan was not found.";

/**
 * The quarters are checkboxes (Q1 = 1 … Q4 = 8); their sum is the bit set the data layer checks.
 * An unknown value makes the sum invalid, so it is refused there, not silently dropped.
 */
function quartersOf(formData: FormData): string {
  let bits = 0;
  for (const value of formData.getAll("quarter")) {
    const bit = Number(value);
    bits += [1, 2, 4, 8].includes(bit) && (bits & bit) === 0 ? bit : 16;
  }
  return String(bits);
}

/** Opens the institution's action plan for a plan year, creating its draft the first time. */
export const createActionPlanAction = plainFormAction({
  run: (viewer, _t, values) =>
    createActionPlan(viewer, { planId: values.planId, year: values.year }),
  done: (id) => {
    revalidatePath("/workspace/action-plans");
    redirect(pagePath(id));
  },
  failed: (state) =>
    redirect(
      `/workspace/action-plans?error=${encodeURIComponent(state.message ?? "The action plan could not be started.")}`,
    ),
});

/**
 * Adds an activity, or changes one when the form names it. A conflict keeps this page (and the
 * version it started from) as it is, with what the user typed still in the form: saving again
 * is refused until they reload and see the change.
 */
export const saveActivityAction = formAction<
  z.infer<typeof planTarget>,
  "updated" | "added",
  ActionPlanFormState
>({
  target: planTarget,
  gone: GONE,
  omit: ["quarter"],
  derived: (formData) => ({ quarters: quartersOf(formData) }),
  run: (viewer, { actionPlanId }, values) => {
    if (values.activityId) {
      updateActivity(viewer, actionPlanId, values.activityId, values);
      return "updated";
    }
    addActivity(viewer, actionPlanId, values);
    return "added";
  },
  done: (done, { actionPlanId }) => {
    revalidatePath(pagePath(actionPlanId));
    redirect(`${pagePath(actionPlanId)}?done=${done}#activities`);
  },
});

/** Plain forms (remove, move): errors come back as a message at the top of the page. */
function plainWrite(write: typeof removeActivity | typeof moveActivity, done: "removed" | "moved") {
  return plainFormAction({
    target: planTarget,
    run: (viewer, { actionPlanId }, values) => write(viewer, actionPlanId, values),
    done: (_result, { actionPlanId }) => {
      revalidatePath(pagePath(actionPlanId));
      redirect(`${pagePath(actionPlanId)}?done=${done}#activities`);
    },
    failed: (state, { actionPlanId }) => {
      revalidatePath(pagePath(actionPlanId));
      redirect(
        `${pagePath(actionPlanId)}?error=${encodeURIComponent(state.message ?? "Nothing was changed.")}`,
      );
    },
  });
}

export const removeActivityAction = plainWrite(removeActivity, "removed");
export const moveActivityAction = plainWrite(moveActivity, "moved");

/** Sends the plan for review. */
export const submitActionPlanAction = formAction<
  z.infer<typeof planTarget>,
  unknown,
  ActionPlanFormState
>({
  target: planTarget,
  gone: GONE,
  run: (viewer, { actionPlanId }, values) => submitActionPlan(viewer, actionPlanId, values),
  done: (_result, { actionPlanId }) => {
    revalidatePath(pagePath(actionPlanId));
    revalidatePath("/workspace/action-plans");
    redirect(`${pagePath(actionPlanId)}?done=submitted`);
  },
});
