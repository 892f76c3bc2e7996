"use server";

import { revalidatePath } from "next/cache";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { z } from "zod";
import { getViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { type FormState, failed, formArgument, formValues } from "@/lib/forms";
import {
  createIndicator,
  deleteIndicator,
  moveIndicator,
  updateIndicator,
} from "@/lib/framework/edit";
import { INDICATOR_CODE_PATTERN, moveIndicatorSchema } from "@/lib/framework/edit-schema";
import { planSlugSchema } from "@/lib/plans/params";
import { refused } from "./action-state";
import type { FrameworkFormState } from "./form-parts";

export type IndicatorFormState = FormState<{
  code: string;
  planSlug: string;
  version: string;
  conflict: boolean;
}>;

/** Which indicator a form edits: the plan's address and, for an edit, the code before the edit. */
const targetSchema = z.object({
  plan: planSlugSchema,
  originalCode: z.string().regex(INDICATOR_CODE_PATTERN).optional(),
});

function refresh(slug: string) {
  revalidatePath(`/admin/plans/${slug}`, "layout");
  revalidatePath(`/plans/${slug}`, "layout");
}

const NOT_SAVED = "Nothing was saved: please correct the fields marked below.";

export async function createIndicatorAction(
  _state: IndicatorFormState,
  formData: FormData,
): Promise<IndicatorFormState> {
  formArgument(formData);
  const values = formValues(formData);
  const target = targetSchema.safeParse(values);
  if (!target.success) return { ok: false, message: "This plan was not found.", values };
  try {
    const result = createIndicator(await getViewer(), target.data.plan, values);
    if (!result.ok)
      return { ok: false, message: NOT_SAVED, fieldErrors: result.fieldErrors, values };
    refresh(target.data.plan);
    return {
      ok: true,
      message: `Indicator ${result.code} was added.`,
      code: result.code,
      planSlug: target.data.plan,
      values,
    };
  } catch (error) {
    return failed(error, values);
  }
}

export async function updateIndicatorAction(
  _state: IndicatorFormState,
  formData: FormData,
): Promise<IndicatorFormState> {
  formArgument(formData);
  const values = formValues(formData);
  const target = targetSchema.safeParse(values);
  if (!target.success || !target.data.originalCode)
    return { ok: false, message: "This indicator was not found.", values };
  const { plan, originalCode } = target.data;
  let result: ReturnType<typeof updateIndicator>;
  try {
    result = updateIndicator(await getViewer(), plan, originalCode, values);
  } catch (error) {
    return refused(error, values);
  }
  if (!result.ok) return { ok: false, message: NOT_SAVED, fieldErrors: result.fieldErrors, values };
  refresh(plan);
  // A new code is a new address: the old one would now answer 404. (Outside the try: redirect
  // works by throwing.)
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
}

/** Deletes an indicator (confirmed on its page); back to the plan when done. */
export async function deleteIndicatorAction(
  _state: FrameworkFormState,
  formData: FormData,
): Promise<FrameworkFormState> {
  formArgument(formData);
  const values = formValues(formData);
  const target = targetSchema.safeParse(values);
  if (!target.success || !target.data.originalCode)
    return { ok: false, message: "This indicator was not found.", values };
  const { plan, originalCode } = target.data;
  try {
    const result = deleteIndicator(await getViewer(), plan, originalCode, values);
    if (!result.ok)
      return { ok: false, message: NOT_SAVED, fieldErrors: result.fieldErrors, values };
  } catch (error) {
    return refused(error, values);
  }
  refresh(plan);
  redirect(`/admin/plans/${plan}?deleted=${encodeURIComponent(originalCode)}`);
}

/** A plain form (the up and down buttons): works without JavaScript; the page re-renders. */
export async function moveIndicatorAction(formData: FormData): Promise<void> {
  formArgument(formData);
  const parsed = moveIndicatorSchema.safeParse(formValues(formData));
  if (!parsed.success) return;
  try {
    moveIndicator(await getViewer(), parsed.data.plan, parsed.data.code, parsed.data.direction);
    refresh(parsed.data.plan);
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") unauthorized();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    // An indicator that is gone by now: the re-rendered list shows the current order.
    if (error instanceof AppError && error.code === "NOT_FOUND") return;
    throw error;
  }
}
