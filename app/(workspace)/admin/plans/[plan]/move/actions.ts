"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getViewer } from "@/lib/auth/session";
import { type FormState, failed, formArgument, formValues } from "@/lib/forms";
import { moveIndicator } from "@/lib/framework/edit";
import { INDICATOR_CODE_PATTERN } from "@/lib/framework/edit-schema";
import { moveOutput, movePillar } from "@/lib/framework/structure";
import { directionSchema, planRefSchema } from "@/lib/framework/structure-schema";
import { refreshPlan } from "../action-state";

/** Which record moves, and where: one of pillar, output or indicator. */
const moveSchema = planRefSchema.extend({
  direction: directionSchema,
  pillar: z
    .string()
    .regex(/^[1-9]\d{0,2}$/)
    .transform(Number)
    .optional(),
  output: z
    .string()
    .regex(/^[1-9]\d{0,2}\.[1-9]\d{0,2}$/)
    .optional(),
  indicator: z.string().regex(INDICATOR_CODE_PATTERN).optional(),
});

const GONE = "This record was not found: it may have been changed meanwhile. Go back to the plan.";

/**
 * A move on a published plan, confirmed with a reason (README, "Stable public addresses"): the
 * data layer refuses it without one, and the admin's reason stays in the form on a refusal.
 * Done: back to the plan, at the record that moved.
 */
export async function moveWithReasonAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  const ref = moveSchema.safeParse(values);
  if (!ref.success) return { ok: false, message: GONE, values };
  const { plan, direction, pillar, output, indicator } = ref.data;
  let anchor: string;
  try {
    const viewer = await getViewer();
    if (pillar !== undefined) {
      movePillar(viewer, plan, pillar, direction, values.reason);
      anchor = `pillar-${pillar}`;
    } else if (output !== undefined) {
      moveOutput(viewer, plan, output, direction, values.reason);
      anchor = `output-${output}`;
    } else if (indicator !== undefined) {
      moveIndicator(viewer, plan, indicator, direction, values.reason);
      anchor = "";
    } else return { ok: false, message: GONE, values };
  } catch (error) {
    const state = failed(error, values);
    return state.fieldErrors?.reason
      ? { ...state, message: "Nothing was moved: please correct the reason below." }
      : state;
  }
  refreshPlan(plan);
  redirect(`/admin/plans/${plan}?moved=1${anchor ? `#${anchor}` : ""}`);
}
