"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { approveActionPlan, reopenActionPlan, returnActionPlan } from "@/lib/action-plans/data";
import { idSchema } from "@/lib/action-plans/schemas";
import { DetailedError } from "@/lib/api/private";
import { getViewer } from "@/lib/auth/session";
import { type FormState, failed, formArgument, formValues } from "@/lib/forms";

export type DecisionFormState = FormState;

const DECISIONS = {
  approve: approveActionPlan,
  return: returnActionPlan,
  reopen: reopenActionPlan,
} as const;

/** Approve or return a submitted plan (reviewers, admins), or reopen an approved one (admins). */
export async function decideActionPlanAction(
  _state: DecisionFormState,
  formData: FormData,
): Promise<DecisionFormState> {
  formArgument(formData);
  const values = formValues(formData);
  const planId = idSchema.safeParse(values.actionPlanId);
  const decision = z.enum(["approve", "return", "reopen"]).safeParse(values.decision);
  if (!planId.success || !decision.success)
    return { ok: false, message: "This request is not valid.", values };
  try {
    DECISIONS[decision.data](await getViewer(), planId.data, values);
  } catch (error) {
    if (error instanceof DetailedError && error.details.fieldErrors)
      return {
        ok: false,
        message: error.message,
        fieldErrors: Object.fromEntries(
          Object.entries(error.details.fieldErrors as Record<string, string>).map(([k, v]) => [
            k,
            [v],
          ]),
        ),
        values,
      };
    return failed(error, values);
  }
  revalidatePath(`/review/action-plans/${planId.data}`);
  revalidatePath("/review/action-plans");
  redirect(`/review/action-plans/${planId.data}?done=${decision.data}`);
}
