"use server";

import { revalidatePath } from "next/cache";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { getViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { type FormState, failed, formArgument, formValues } from "@/lib/forms";
import {
  changePlanStatus,
  createOutput,
  createPillar,
  createPlan,
  deleteOutput,
  deletePillar,
  moveOutput,
  movePillar,
  type SaveResult,
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
  planStatusSchema,
} from "@/lib/framework/structure-schema";

/**
 * The structure editor's server actions: parse which record, call the data layer (which checks
 * the admin and the fields), map the answer. Creations and deletions go to the page that now
 * holds the record; `redirect` throws, so it is called outside the try.
 */

function refresh(slug: string) {
  revalidatePath(`/admin/plans/${slug}`, "layout");
  revalidatePath(`/plans/${slug}`, "layout");
  revalidatePath("/admin");
}

const NOT_SAVED = "Nothing was saved: please correct the fields marked below.";
const GONE = "This record was not found: it may have been changed meanwhile. Reload the page.";

function answer(
  result: SaveResult<{ changes?: number }>,
  values: Record<string, string>,
): FormState {
  if (!result.ok)
    return {
      ok: false,
      message: result.message ?? NOT_SAVED,
      fieldErrors: result.fieldErrors,
      values,
    };
  const n = result.changes ?? 0;
  return {
    ok: true,
    message:
      n === 0
        ? "Nothing had changed; nothing was saved."
        : `Saved: ${n} ${n === 1 ? "change" : "changes"} recorded.`,
    values,
  };
}

export async function createPlanAction(_state: FormState, formData: FormData): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  let slug: string;
  try {
    const result = createPlan(await getViewer(), values);
    if (!result.ok) return answer(result, values);
    slug = result.slug;
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath("/admin");
  redirect(`/admin/plans/${slug}`);
}

export async function updatePlanAction(_state: FormState, formData: FormData): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  const ref = planRefSchema.safeParse(values);
  if (!ref.success) return { ok: false, message: GONE, values };
  try {
    const result = updatePlanDetails(await getViewer(), ref.data.plan, values);
    if (result.ok) refresh(ref.data.plan);
    return answer(result, values);
  } catch (error) {
    return failed(error, values);
  }
}

export async function changePlanStatusAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  const parsed = planStatusSchema.safeParse(values);
  if (!parsed.success) {
    if (!planRefSchema.safeParse(values).success) return { ok: false, message: GONE, values };
    return { ok: false, message: "Tick the box to confirm, then try again.", values };
  }
  try {
    const { status } = changePlanStatus(await getViewer(), parsed.data.plan, parsed.data.status);
    refresh(parsed.data.plan);
    return {
      ok: true,
      message:
        status === "active"
          ? "The plan is active: the public sees it, and every change from now on is in its public change log."
          : "The plan is closed.",
      values,
    };
  } catch (error) {
    return failed(error, values);
  }
}

export async function createPillarAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  const ref = planRefSchema.safeParse(values);
  if (!ref.success) return { ok: false, message: GONE, values };
  let number: number;
  try {
    const result = createPillar(await getViewer(), ref.data.plan, values);
    if (!result.ok) return answer(result, values);
    number = result.number;
  } catch (error) {
    return failed(error, values);
  }
  refresh(ref.data.plan);
  redirect(`/admin/plans/${ref.data.plan}#pillar-${number}`);
}

export async function updatePillarAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  const ref = pillarRefSchema.safeParse(values);
  if (!ref.success) return { ok: false, message: GONE, values };
  try {
    const result = updatePillar(await getViewer(), ref.data.plan, ref.data.pillar, values);
    if (result.ok) refresh(ref.data.plan);
    return answer(result, values);
  } catch (error) {
    return failed(error, values);
  }
}

export async function deletePillarAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  const ref = pillarRefSchema.safeParse(values);
  if (!ref.success) return { ok: false, message: GONE, values };
  if (values.confirm !== "on")
    return { ok: false, message: "Tick the box to confirm, then try again.", values };
  try {
    deletePillar(await getViewer(), ref.data.plan, ref.data.pillar, values.reason);
  } catch (error) {
    return failed(error, values);
  }
  refresh(ref.data.plan);
  redirect(`/admin/plans/${ref.data.plan}`);
}

export async function createOutputAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  const ref = pillarRefSchema.safeParse(values);
  if (!ref.success) return { ok: false, message: GONE, values };
  let code: string;
  try {
    const result = createOutput(await getViewer(), ref.data.plan, ref.data.pillar, values);
    if (!result.ok) return answer(result, values);
    code = result.code;
  } catch (error) {
    return failed(error, values);
  }
  refresh(ref.data.plan);
  redirect(`/admin/plans/${ref.data.plan}/outputs/${code}?added=1`);
}

export async function updateOutputAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  const ref = outputRefSchema.safeParse(values);
  if (!ref.success) return { ok: false, message: GONE, values };
  try {
    const result = updateOutput(await getViewer(), ref.data.plan, ref.data.output, values);
    if (result.ok) refresh(ref.data.plan);
    return answer(result, values);
  } catch (error) {
    return failed(error, values);
  }
}

export async function deleteOutputAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  const ref = outputRefSchema.safeParse(values);
  if (!ref.success) return { ok: false, message: GONE, values };
  if (values.confirm !== "on")
    return { ok: false, message: "Tick the box to confirm, then try again.", values };
  try {
    deleteOutput(await getViewer(), ref.data.plan, ref.data.output, values.reason);
  } catch (error) {
    return failed(error, values);
  }
  refresh(ref.data.plan);
  redirect(`/admin/plans/${ref.data.plan}`);
}

export async function setResponsibilitiesAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  const ref = outputRefSchema.safeParse(values);
  if (!ref.success) return { ok: false, message: GONE, values };
  try {
    const result = setResponsibilities(await getViewer(), ref.data.plan, ref.data.output, values);
    if (result.ok) refresh(ref.data.plan);
    return answer(result, values);
  } catch (error) {
    return failed(error, values);
  }
}

/** Plain forms (the up and down buttons): work without JavaScript; the page re-renders. */
function rethrow(error: unknown): void {
  if (error instanceof AppError && error.code === "UNAUTHENTICATED") unauthorized();
  if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
  // Gone by now: the re-rendered list shows the current order.
  if (error instanceof AppError && error.code === "NOT_FOUND") return;
  throw error;
}

export async function movePillarAction(formData: FormData): Promise<void> {
  formArgument(formData);
  const values = formValues(formData);
  const ref = pillarRefSchema.safeParse(values);
  const direction = directionSchema.safeParse(values.direction);
  if (!ref.success || !direction.success) return;
  try {
    movePillar(await getViewer(), ref.data.plan, ref.data.pillar, direction.data);
    refresh(ref.data.plan);
  } catch (error) {
    rethrow(error);
  }
}

export async function moveOutputAction(formData: FormData): Promise<void> {
  formArgument(formData);
  const values = formValues(formData);
  const ref = outputRefSchema.safeParse(values);
  const direction = directionSchema.safeParse(values.direction);
  if (!ref.success || !direction.success) return;
  try {
    moveOutput(await getViewer(), ref.data.plan, ref.data.output, direction.data);
    refresh(ref.data.plan);
  } catch (error) {
    rethrow(error);
  }
}
