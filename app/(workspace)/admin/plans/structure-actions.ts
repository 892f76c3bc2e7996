"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import {
  changePlanStatus,
  createOutput,
  createPillar,
  createPlan,
  deleteOutput,
  deletePillar,
  moveOutput,
  movePillar,
  setResponsibilities,
  updateOutput,
  updatePillar,
  updatePlanDetails,
} from "@/lib/framework/structure";
import {
  directionSchema,
  outputRefSchema,
  pillarRefSchema,
  planRefSchema,
} from "@/lib/framework/structure-schema";
import { type FormState, formAction, plainFormAction } from "@/lib/server/form-action";

/**
 * The structure editor's server actions: which record (lib/server/form-action.ts), the data
 * layer (which checks the admin and the fields), the answer. Creations and deletions go to the
 * page that now holds the record.
 */

function refresh(slug: string) {
  revalidatePath(`/admin/plans/${slug}`, "layout");
  revalidatePath(`/plans/${slug}`, "layout");
  revalidatePath("/admin");
}

const GONE = "This record was not found: it may have been changed meanwhile. Reload the page.";

/** A confirmation checkbox the data layer's step needs ticked. */
function confirmed(values: Record<string, string>) {
  if (values.confirm !== "on")
    throw new AppError("VALIDATION", "Tick the box to confirm, then try again.");
}

function saved(n: number, values: Record<string, string>): FormState {
  return {
    ok: true,
    message:
      n === 0
        ? "Nothing had changed; nothing was saved."
        : `Saved: ${n} ${n === 1 ? "change" : "changes"} recorded.`,
    values,
  };
}

export const createPlanAction = formAction({
  run: (viewer, _t, values) => createPlan(viewer, values),
  done: (result) => {
    revalidatePath("/admin");
    redirect(`/admin/plans/${result.slug}`);
  },
});

export const updatePlanAction = formAction({
  target: planRefSchema,
  gone: GONE,
  run: (viewer, { plan }, values) => updatePlanDetails(viewer, plan, values),
  done: (result, { plan }, values) => {
    refresh(plan);
    return saved(result.changes, values);
  },
});

export const changePlanStatusAction = formAction({
  target: planRefSchema.extend({ status: z.enum(["active", "closed"]) }),
  gone: GONE,
  run: (viewer, { plan, status }, values) => {
    confirmed(values);
    return changePlanStatus(viewer, plan, status);
  },
  done: ({ status }, { plan }, values) => {
    refresh(plan);
    return {
      ok: true,
      message:
        status === "active"
          ? "The plan is active: the public sees it, and every change from now on is in its public change log."
          : "The plan is closed.",
      values,
    };
  },
});

export const createPillarAction = formAction({
  target: planRefSchema,
  gone: GONE,
  run: (viewer, { plan }, values) => createPillar(viewer, plan, values),
  done: (result, { plan }) => {
    refresh(plan);
    redirect(`/admin/plans/${plan}#pillar-${result.number}`);
  },
});

export const updatePillarAction = formAction({
  target: pillarRefSchema,
  gone: GONE,
  run: (viewer, { plan, pillar }, values) => updatePillar(viewer, plan, pillar, values),
  done: (result, { plan }, values) => {
    refresh(plan);
    return saved(result.changes, values);
  },
});

export const deletePillarAction = formAction({
  target: pillarRefSchema,
  gone: GONE,
  run: (viewer, { plan, pillar }, values) => {
    confirmed(values);
    return deletePillar(viewer, plan, pillar, values.reason);
  },
  done: (_result, { plan }) => {
    refresh(plan);
    redirect(`/admin/plans/${plan}`);
  },
});

export const createOutputAction = formAction({
  target: pillarRefSchema,
  gone: GONE,
  run: (viewer, { plan, pillar }, values) => createOutput(viewer, plan, pillar, values),
  done: (result, { plan }) => {
    refresh(plan);
    redirect(`/admin/plans/${plan}/outputs/${result.code}?added=1`);
  },
});

export const updateOutputAction = formAction({
  target: outputRefSchema,
  gone: GONE,
  run: (viewer, { plan, output }, values) => updateOutput(viewer, plan, output, values),
  done: (result, { plan }, values) => {
    refresh(plan);
    return saved(result.changes, values);
  },
});

export const deleteOutputAction = formAction({
  target: outputRefSchema,
  gone: GONE,
  run: (viewer, { plan, output }, values) => {
    confirmed(values);
    return deleteOutput(viewer, plan, output, values.reason);
  },
  done: (_result, { plan }) => {
    refresh(plan);
    redirect(`/admin/plans/${plan}`);
  },
});

export const setResponsibilitiesAction = formAction({
  target: outputRefSchema,
  gone: GONE,
  run: (viewer, { plan, output }, values) => setResponsibilities(viewer, plan, output, values),
  done: (result, { plan }, values) => {
    refresh(plan);
    return saved(result.changes, values);
  },
});

/** Plain forms (the up and down buttons): work without JavaScript; the page re-renders. */
export const movePillarAction = plainFormAction({
  target: pillarRefSchema.extend({ direction: directionSchema }),
  run: (viewer, { plan, pillar, direction }) => movePillar(viewer, plan, pillar, direction),
  done: (_result, { plan }) => refresh(plan),
});

export const moveOutputAction = plainFormAction({
  target: outputRefSchema.extend({ direction: directionSchema }),
  run: (viewer, { plan, output, direction }) => moveOutput(viewer, plan, output, direction),
  done: (_result, { plan }) => refresh(plan),
});
