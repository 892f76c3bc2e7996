"use server";

import { forbidden, redirect, unauthorized } from "next/navigation";
import { z } from "zod";
import { getViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { formArgument, formValues } from "@/lib/forms";
import { MILESTONE_ID_PATTERN, OUTPUT_CODE_PATTERN } from "@/lib/framework/milestone-schema";
import {
  createMilestone,
  deleteMilestone,
  moveMilestone,
  updateMilestone,
} from "@/lib/framework/milestones";
import { planSlugSchema } from "@/lib/plans/params";
import { NOT_SAVED, refreshPlan, refused } from "../action-state";
import type { FrameworkFormState } from "../form-parts";

const idSchema = z.string().regex(MILESTONE_ID_PATTERN).transform(Number);
const newSchema = z.object({ plan: planSlugSchema, output: z.string().regex(OUTPUT_CODE_PATTERN) });
const oneSchema = z.object({ plan: planSlugSchema, id: idSchema });

export async function createMilestoneAction(
  _state: FrameworkFormState,
  formData: FormData,
): Promise<FrameworkFormState> {
  formArgument(formData);
  const values = formValues(formData);
  const target = newSchema.safeParse(values);
  if (!target.success) return { ok: false, message: "This output was not found.", values };
  try {
    const result = createMilestone(await getViewer(), target.data.plan, target.data.output, values);
    if (!result.ok)
      return { ok: false, message: NOT_SAVED, fieldErrors: result.fieldErrors, values };
    refreshPlan(target.data.plan);
    return { ok: true, message: `Milestone "${values.title?.trim()}" was added.`, values };
  } catch (error) {
    return refused(error, values);
  }
}

export async function updateMilestoneAction(
  _state: FrameworkFormState,
  formData: FormData,
): Promise<FrameworkFormState> {
  formArgument(formData);
  const values = formValues(formData);
  const target = oneSchema.safeParse(values);
  if (!target.success) return { ok: false, message: "This milestone was not found.", values };
  try {
    const result = updateMilestone(await getViewer(), target.data.plan, target.data.id, values);
    if (!result.ok)
      return { ok: false, message: NOT_SAVED, fieldErrors: result.fieldErrors, values };
    refreshPlan(target.data.plan);
    return {
      ok: true,
      message:
        result.changes === 0
          ? "Nothing had changed; nothing was saved."
          : `Saved: ${result.changes} ${result.changes === 1 ? "change" : "changes"} recorded.`,
      version: result.version,
      values: { ...values, reason: "", version: result.version },
    };
  } catch (error) {
    return refused(error, values);
  }
}

export async function deleteMilestoneAction(
  _state: FrameworkFormState,
  formData: FormData,
): Promise<FrameworkFormState> {
  formArgument(formData);
  const values = formValues(formData);
  const target = oneSchema.safeParse(values);
  if (!target.success) return { ok: false, message: "This milestone was not found.", values };
  let outputCode: string;
  try {
    const result = deleteMilestone(await getViewer(), target.data.plan, target.data.id, values);
    if (!result.ok)
      return { ok: false, message: NOT_SAVED, fieldErrors: result.fieldErrors, values };
    outputCode = result.outputCode;
  } catch (error) {
    return refused(error, values);
  }
  refreshPlan(target.data.plan);
  redirect(`/admin/plans/${target.data.plan}/outputs/${outputCode}/milestones?deleted=1`);
}

const moveSchema = oneSchema.extend({ direction: z.enum(["up", "down"]) });

/** A plain form (the up and down buttons): works without JavaScript; the page re-renders. */
export async function moveMilestoneAction(formData: FormData): Promise<void> {
  formArgument(formData);
  const parsed = moveSchema.safeParse(formValues(formData));
  if (!parsed.success) return;
  try {
    moveMilestone(await getViewer(), parsed.data.plan, parsed.data.id, parsed.data.direction);
    refreshPlan(parsed.data.plan);
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") unauthorized();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    if (error instanceof AppError && error.code === "NOT_FOUND") return;
    throw error;
  }
}
