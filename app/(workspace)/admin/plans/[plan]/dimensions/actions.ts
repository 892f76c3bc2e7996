"use server";

import { forbidden, redirect, unauthorized } from "next/navigation";
import { z } from "zod";
import { getViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { formArgument, formValues } from "@/lib/forms";
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
import { planSlugSchema } from "@/lib/plans/params";
import { NOT_SAVED, refreshPlan, refused } from "../action-state";
import type { FrameworkFormState } from "../form-parts";

const key = z.string().regex(DIMENSION_KEY_PATTERN);
const planSchema = z.object({ plan: planSlugSchema });
const dimensionSchema = planSchema.extend({ dimension: key });
const categorySchema = dimensionSchema.extend({ category: key });
const direction = z.enum(["up", "down"]);
const NOT_FOUND = "This dimension or category was not found.";

type Answer =
  | { ok: true; key: string; version?: string }
  | { ok: false; fieldErrors: Record<string, string[]> };

/** The common shape of these actions: parse the target, call the data layer, answer the form. */
async function run<T>(
  formData: FormData,
  schema: z.ZodType<T>,
  write: (
    viewer: Awaited<ReturnType<typeof getViewer>>,
    target: T,
    values: Record<string, string>,
  ) => Answer,
  done: (
    target: T,
    answer: Extract<Answer, { ok: true }>,
    values: Record<string, string>,
  ) => FrameworkFormState,
): Promise<FrameworkFormState> {
  const values = formValues(formData);
  const target = schema.safeParse(values);
  if (!target.success) return { ok: false, message: NOT_FOUND, values };
  let answer: Answer;
  try {
    answer = write(await getViewer(), target.data, values);
  } catch (error) {
    return refused(error, values);
  }
  if (!answer.ok) return { ok: false, message: NOT_SAVED, fieldErrors: answer.fieldErrors, values };
  refreshPlan((target.data as { plan: string }).plan);
  return done(target.data, answer, values);
}

export async function createDimensionAction(
  _state: FrameworkFormState,
  formData: FormData,
): Promise<FrameworkFormState> {
  formArgument(formData);
  const state = await run(
    formData,
    planSchema,
    (viewer, t, values) => createDimension(viewer, t.plan, values),
    (t, answer) => redirect(`/admin/plans/${t.plan}/dimensions/${answer.key}?created=1`),
  );
  return state;
}

export async function renameDimensionAction(
  _state: FrameworkFormState,
  formData: FormData,
): Promise<FrameworkFormState> {
  formArgument(formData);
  return run(
    formData,
    dimensionSchema,
    (viewer, t, values) => renameDimension(viewer, t.plan, t.dimension, values),
    (_t, answer, values) => ({
      ok: true,
      message: "Saved.",
      version: answer.version,
      values: { ...values, version: answer.version ?? "" },
    }),
  );
}

export async function deleteDimensionAction(
  _state: FrameworkFormState,
  formData: FormData,
): Promise<FrameworkFormState> {
  formArgument(formData);
  return run(
    formData,
    dimensionSchema,
    (viewer, t, values) => ({
      ...deleteDimension(viewer, t.plan, t.dimension, values),
      key: t.dimension,
    }),
    (t) => redirect(`/admin/plans/${t.plan}/dimensions?deleted=${t.dimension}`),
  );
}

export async function createCategoryAction(
  _state: FrameworkFormState,
  formData: FormData,
): Promise<FrameworkFormState> {
  formArgument(formData);
  return run(
    formData,
    dimensionSchema,
    (viewer, t, values) => createCategory(viewer, t.plan, t.dimension, values),
    (_t, answer) => ({ ok: true, message: `Category ${answer.key} was added.`, values: {} }),
  );
}

export async function updateCategoryAction(
  _state: FrameworkFormState,
  formData: FormData,
): Promise<FrameworkFormState> {
  formArgument(formData);
  return run(
    formData,
    categorySchema,
    (viewer, t, values) => updateCategory(viewer, t.plan, t.dimension, t.category, values),
    (t, answer, values) => {
      // A new key is a new address: the old one would now answer 404.
      if (answer.key !== t.category)
        redirect(`/admin/plans/${t.plan}/dimensions/${t.dimension}/categories/${answer.key}`);
      return {
        ok: true,
        message: "Saved.",
        version: answer.version,
        values: { ...values, version: answer.version ?? "" },
      };
    },
  );
}

export async function deleteCategoryAction(
  _state: FrameworkFormState,
  formData: FormData,
): Promise<FrameworkFormState> {
  formArgument(formData);
  return run(
    formData,
    categorySchema,
    (viewer, t, values) => ({
      ...deleteCategory(viewer, t.plan, t.dimension, t.category, values),
      key: t.category,
    }),
    (t) => redirect(`/admin/plans/${t.plan}/dimensions/${t.dimension}?deleted=${t.category}`),
  );
}

/** Plain forms (up and down buttons): work without JavaScript; the page re-renders. */
async function move(run: (viewer: Awaited<ReturnType<typeof getViewer>>) => unknown, plan: string) {
  try {
    run(await getViewer());
    refreshPlan(plan);
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") unauthorized();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    // Gone by now, or a move the page had disabled (a district above its province): the
    // re-rendered page shows the current order.
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "VALIDATION"))
      return;
    throw error;
  }
}

export async function moveDimensionAction(formData: FormData): Promise<void> {
  formArgument(formData);
  const parsed = dimensionSchema.extend({ direction }).safeParse(formValues(formData));
  if (!parsed.success) return;
  const { plan, dimension, direction: to } = parsed.data;
  await move((viewer) => moveDimension(viewer, plan, dimension, to), plan);
}

export async function moveCategoryAction(formData: FormData): Promise<void> {
  formArgument(formData);
  const parsed = categorySchema.extend({ direction }).safeParse(formValues(formData));
  if (!parsed.success) return;
  const { plan, dimension, category, direction: to } = parsed.data;
  await move((viewer) => moveCategory(viewer, plan, dimension, category, to), plan);
}
