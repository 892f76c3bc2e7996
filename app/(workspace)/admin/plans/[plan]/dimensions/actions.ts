"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { DIMENSION_KEY_PATTERN } from "@/lib/framework/dimension-schema";
import {
  createCategory,
  createDimension,
  deleteCategory,
  deleteDimension,
  moveCategory,
  moveDimension,
  renameDimension,
  updateCategory,
} from "@/lib/framework/dimensions";
import { directionSchema } from "@/lib/framework/structure-schema";
import { formAction, plainFormAction } from "@/lib/server/form-action";
import { planSlugSchema } from "@/lib/server/validation";
import { refreshPlan } from "../action-state";
import type { FrameworkFormState } from "../form-parts";

const key = z.string().regex(DIMENSION_KEY_PATTERN);
const planTarget = z.object({ plan: planSlugSchema });
const dimensionTarget = planTarget.extend({ dimension: key });
const categoryTarget = dimensionTarget.extend({ category: key });
type DimensionTarget = z.infer<typeof dimensionTarget>;
type CategoryTarget = z.infer<typeof categoryTarget>;
const GONE = "This dimension or category was not found.";

/** A save that keeps the form: its new version goes back with what the user typed. */
function saved(
  plan: string,
  answer: { version?: string },
  values: Record<string, string>,
): FrameworkFormState {
  refreshPlan(plan);
  return {
    ok: true,
    message: "Saved.",
    version: answer.version,
    values: { ...values, version: answer.version ?? "" },
  };
}

export const createDimensionAction = formAction<
  z.infer<typeof planTarget>,
  ReturnType<typeof createDimension>,
  FrameworkFormState
>({
  target: planTarget,
  gone: GONE,
  run: (viewer, { plan }, values) => createDimension(viewer, plan, values),
  done: (answer, { plan }) => {
    refreshPlan(plan);
    redirect(`/admin/plans/${plan}/dimensions/${answer.key}?created=1`);
  },
});

export const renameDimensionAction = formAction<
  DimensionTarget,
  ReturnType<typeof renameDimension>,
  FrameworkFormState
>({
  target: dimensionTarget,
  gone: GONE,
  run: (viewer, t, values) => renameDimension(viewer, t.plan, t.dimension, values),
  done: (answer, t, values) => saved(t.plan, answer, values),
});

export const deleteDimensionAction = formAction<
  DimensionTarget,
  ReturnType<typeof deleteDimension>,
  FrameworkFormState
>({
  target: dimensionTarget,
  gone: GONE,
  run: (viewer, t, values) => deleteDimension(viewer, t.plan, t.dimension, values),
  done: (_answer, t) => {
    refreshPlan(t.plan);
    redirect(`/admin/plans/${t.plan}/dimensions?deleted=${t.dimension}`);
  },
});

export const createCategoryAction = formAction<
  DimensionTarget,
  ReturnType<typeof createCategory>,
  FrameworkFormState
>({
  target: dimensionTarget,
  gone: GONE,
  run: (viewer, t, values) => createCategory(viewer, t.plan, t.dimension, values),
  done: (answer, t) => {
    refreshPlan(t.plan);
    return { ok: true, message: `Category ${answer.key} was added.`, values: {} };
  },
});

export const updateCategoryAction = formAction<
  CategoryTarget,
  ReturnType<typeof updateCategory>,
  FrameworkFormState
>({
  target: categoryTarget,
  gone: GONE,
  run: (viewer, t, values) => updateCategory(viewer, t.plan, t.dimension, t.category, values),
  done: (answer, t, values) => {
    // A new key is a new address: the old one would now answer 404.
    if (answer.key !== t.category) {
      refreshPlan(t.plan);
      redirect(`/admin/plans/${t.plan}/dimensions/${t.dimension}/categories/${answer.key}`);
    }
    return saved(t.plan, answer, values);
  },
});

export const deleteCategoryAction = formAction<
  CategoryTarget,
  ReturnType<typeof deleteCategory>,
  FrameworkFormState
>({
  target: categoryTarget,
  gone: GONE,
  run: (viewer, t, values) => deleteCategory(viewer, t.plan, t.dimension, t.category, values),
  done: (_answer, t) => {
    refreshPlan(t.plan);
    redirect(`/admin/plans/${t.plan}/dimensions/${t.dimension}?deleted=${t.category}`);
  },
});

/**
 * Plain forms (up and down buttons): work without JavaScript; the page re-renders. A move the
 * page had disabled (a district above its province) or a record gone by now: the re-rendered
 * page shows the current order.
 */
export const moveDimensionAction = plainFormAction({
  target: dimensionTarget.extend({ direction: directionSchema }),
  run: (viewer, t) => moveDimension(viewer, t.plan, t.dimension, t.direction),
  done: (_result, t) => refreshPlan(t.plan),
});

export const moveCategoryAction = plainFormAction({
  target: categoryTarget.extend({ direction: directionSchema }),
  run: (viewer, t) => moveCategory(viewer, t.plan, t.dimension, t.category, t.direction),
  done: (_result, t) => refreshPlan(t.plan),
});
