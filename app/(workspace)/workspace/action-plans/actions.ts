"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  addActivity,
  createActionPlan,
  moveActivity,
  removeActivity,
  submitActionPlan,
  updateActivity,
} from "@/lib/action-plans/data";
import { idSchema } from "@/lib/action-plans/schemas";
import { DetailedError } from "@/lib/api/private";
import { getViewer } from "@/lib/auth/session";
import { type FormState, failed, formArgument, formValues } from "@/lib/forms";

export type ActionPlanFormState = FormState;

const pagePath = (id: number | string) => `/workspace/action-plans/${id}`;

/** Field errors the data layer found (one message per field) in the form's shape. */
function fromError(error: unknown, values: Record<string, string>): ActionPlanFormState {
  if (error instanceof DetailedError && error.details.fieldErrors) {
    const fieldErrors = Object.fromEntries(
      Object.entries(error.details.fieldErrors as Record<string, string>).map(([k, v]) => [k, [v]]),
    );
    return { ok: false, message: error.message, fieldErrors, values };
  }
  return failed(error, values);
}

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
export async function createActionPlanAction(formData: FormData) {
  formArgument(formData);
  let id: number;
  try {
    id = createActionPlan(await getViewer(), {
      planId: formData.get("planId"),
      year: formData.get("year"),
    });
  } catch (error) {
    const state = failed(error, {});
    redirect(
      `/workspace/action-plans?error=${encodeURIComponent(state.message ?? "The action plan could not be started.")}`,
    );
  }
  revalidatePath("/workspace/action-plans");
  redirect(pagePath(id));
}

/** Adds an activity, or changes one when the form names it. */
export async function saveActivityAction(
  _state: ActionPlanFormState,
  formData: FormData,
): Promise<ActionPlanFormState> {
  formArgument(formData);
  const values: Record<string, string> = {
    ...formValues(formData, ["quarter"]),
    quarters: quartersOf(formData),
  };
  const planId = idSchema.safeParse(values.actionPlanId);
  if (!planId.success) return { ok: false, message: "This action plan was not found.", values };
  const editing = values.activityId ? values.activityId : null;
  try {
    const viewer = await getViewer();
    if (editing) updateActivity(viewer, planId.data, editing, values);
    else addActivity(viewer, planId.data, values);
  } catch (error) {
    // A conflict keeps this page (and the version it started from) as it is, with what the user
    // typed still in the form: saving again is refused until they reload and see the change.
    return fromError(error, values);
  }
  revalidatePath(pagePath(planId.data));
  redirect(`${pagePath(planId.data)}?done=${editing ? "updated" : "added"}#activities`);
}

/** Plain forms (remove, move): errors come back as a message at the top of the page. */
async function plainWrite(
  formData: FormData,
  run: (
    viewer: Awaited<ReturnType<typeof getViewer>>,
    id: number,
    values: Record<string, string>,
  ) => void,
  done: string,
) {
  const values = formValues(formData);
  const planId = idSchema.safeParse(values.actionPlanId);
  if (!planId.success) redirect("/workspace/action-plans");
  try {
    run(await getViewer(), planId.data, values);
  } catch (error) {
    const state = failed(error, values);
    revalidatePath(pagePath(planId.data));
    redirect(
      `${pagePath(planId.data)}?error=${encodeURIComponent(state.message ?? "Nothing was changed.")}`,
    );
  }
  revalidatePath(pagePath(planId.data));
  redirect(`${pagePath(planId.data)}?done=${done}#activities`);
}

export async function removeActivityAction(formData: FormData) {
  formArgument(formData);
  await plainWrite(formData, (viewer, id, values) => removeActivity(viewer, id, values), "removed");
}

export async function moveActivityAction(formData: FormData) {
  formArgument(formData);
  await plainWrite(formData, (viewer, id, values) => moveActivity(viewer, id, values), "moved");
}

/** Sends the plan for review. */
export async function submitActionPlanAction(
  _state: ActionPlanFormState,
  formData: FormData,
): Promise<ActionPlanFormState> {
  formArgument(formData);
  const values = formValues(formData);
  const planId = idSchema.safeParse(values.actionPlanId);
  if (!planId.success) return { ok: false, message: "This action plan was not found." };
  try {
    submitActionPlan(await getViewer(), planId.data, values);
  } catch (error) {
    return fromError(error, values);
  }
  revalidatePath(pagePath(planId.data));
  revalidatePath("/workspace/action-plans");
  redirect(`${pagePath(planId.data)}?done=submitted`);
}
