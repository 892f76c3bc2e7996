"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { moveIndicator } from "@/lib/framework/edit";
import { OUTPUT_CODE_PATTERN } from "@/lib/framework/milestone-schema";
import { moveOutput, movePillar } from "@/lib/framework/structure";
import { directionSchema, planRefSchema } from "@/lib/framework/structure-schema";
import { pillarNumberSchema } from "@/lib/plans/params";
import { formAction } from "@/lib/server/form-action";
import { indicatorCodeSchema } from "@/lib/server/validation";
import { refreshPlan } from "../action-state";

/** Which record moves, and where: one of pillar, output or indicator. */
const moveTarget = planRefSchema.extend({
  direction: directionSchema,
  pillar: pillarNumberSchema.optional(),
  output: z.string().regex(OUTPUT_CODE_PATTERN).optional(),
  indicator: indicatorCodeSchema.optional(),
});

const GONE = "This record was not found: it may have been changed meanwhile. Go back to the plan.";

/**
 * A move on a published plan, confirmed with a reason (docs/architecture.md, "Stable public addresses"): the
 * data layer refuses it without one, and the admin's reason stays in the form on a refusal.
 * Done: back to the plan, at the record that moved.
 */
export const moveWithReasonAction = formAction({
  target: moveTarget,
  gone: GONE,
  run: (viewer, { plan, direction, pillar, output, indicator }, values) => {
    if (pillar !== undefined) {
      movePillar(viewer, plan, pillar, direction, values.reason);
      return `pillar-${pillar}`;
    }
    if (output !== undefined) {
      moveOutput(viewer, plan, output, direction, values.reason);
      return `output-${output}`;
    }
    if (indicator !== undefined) {
      moveIndicator(viewer, plan, indicator, direction, values.reason);
      return "";
    }
    throw new AppError("NOT_FOUND", GONE);
  },
  // The reason's own message is beside its field; the summary says what did not happen.
  failed: (state) =>
    state.fieldErrors?.reason
      ? { ...state, message: "Nothing was moved: please correct the reason below." }
      : state,
  done: (anchor, { plan }) => {
    refreshPlan(plan);
    redirect(`/admin/plans/${plan}?moved=1${anchor ? `#${anchor}` : ""}`);
  },
});
