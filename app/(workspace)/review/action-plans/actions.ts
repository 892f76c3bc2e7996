"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { approveActionPlan, reopenActionPlan, returnActionPlan } from "@/lib/action-plans/data";
import { type FormState, formAction } from "@/lib/server/form-action";
import { recordIdSchema } from "@/lib/server/validation";

export type DecisionFormState = FormState;

const DECISIONS = {
  approve: approveActionPlan,
  return: returnActionPlan,
  reopen: reopenActionPlan,
} as const;

/** Which plan, and which decision (the form's button). */
const decisionTarget = z.object({
  actionPlanId: recordIdSchema,
  decision: z.enum(["approve", "return", "reopen"]),
});

/** Approve or return a submitted plan (reviewers, admins), or reopen an approved one (admins). */
export const decideActionPlanAction = formAction<
  z.infer<typeof decisionTarget>,
  unknown,
  DecisionFormState
>({
  target: decisionTarget,
  gone: "This request is not valid.",
  run: (viewer, { actionPlanId, decision }, values) =>
    DECISIONS[decision](viewer, actionPlanId, values),
  done: (_result, { actionPlanId, decision }) => {
    revalidatePath(`/review/action-plans/${actionPlanId}`);
    revalidatePath("/review/action-plans");
    redirect(`/review/action-plans/${actionPlanId}?done=${decision}`);
  },
});
