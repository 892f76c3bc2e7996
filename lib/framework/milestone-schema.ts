/**
 * The milestone form's rules, shared by the browser (checked as the admin types) and the data
 * layer (lib/framework/milestones.ts, checked again inside the transaction). Like the indicator
 * form's, they depend on the plan: its years (a due date lies within the plan's years or one
 * year either side), whether it is published (moving a due date then needs a reason, shown in
 * the public change log) and the due date before the edit.
 */
import { z } from "zod";
import { MILESTONE_STATUSES } from "@/lib/domain/enums";
import {
  isReason,
  optionalText,
  parseRecordId,
  REASON_MAX,
  reasonMessage,
  requiredText,
} from "@/lib/server/validation";

export type MilestoneFormContext = {
  startYear: number;
  endYear: number;
  published: boolean;
  institutionIds: number[];
  /** The due date before this edit; null when adding a milestone. */
  currentDueDate: string | null;
};

export type MilestoneInput = {
  title: string;
  description: string | null;
  dueDate: string;
  status: (typeof MILESTONE_STATUSES)[number];
  responsibleInstitutionId: number | null;
  illustrative: boolean;
  reason: string | null;
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (not 2021-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Whether a published plan's milestone change needs a reason: its due date moves. */
export const milestoneNeedsReason = (ctx: MilestoneFormContext, dueDate: string) =>
  ctx.published && ctx.currentDueDate !== null && ctx.currentDueDate !== dueDate;

export function milestoneFormSchema(ctx: MilestoneFormContext) {
  const first = ctx.startYear - 1;
  const last = ctx.endYear + 1;
  return z
    .object({
      title: requiredText(500, "a title"),
      description: optionalText(2000),
      dueDate: z
        .string({ error: "Enter the due date." })
        .trim()
        .min(1, "Enter the due date.")
        .refine(isIsoDate, "A date like 2021-06-30.")
        .refine((v) => {
          const year = Number(v.slice(0, 4));
          return year >= first && year <= last;
        }, `A date from ${first} to ${last} (the plan's years, or one year either side).`),
      status: z.enum(MILESTONE_STATUSES, { error: "Choose a status." }),
      responsible: z
        .string()
        .optional()
        .transform((v, c) => {
          if (!v) return null;
          const id = parseRecordId(v) ?? -1;
          if (!ctx.institutionIds.includes(id)) {
            c.addIssue({ code: "custom", message: "Choose an institution from the list." });
            return z.NEVER;
          }
          return id;
        }),
      illustrative: z
        .string()
        .optional()
        .transform((v) => v === "on" || v === "true"),
      reason: optionalText(REASON_MAX),
    })
    .transform((v, c): MilestoneInput => {
      if (!isReason(v.reason ?? "") && milestoneNeedsReason(ctx, v.dueDate))
        c.addIssue({
          code: "custom",
          path: ["reason"],
          message: reasonMessage(
            "This plan is published: say why the due date changes. The public change log shows it",
          ),
        });
      return {
        title: v.title,
        description: v.description,
        dueDate: v.dueDate,
        status: v.status,
        responsibleInstitutionId: v.responsible,
        illustrative: v.illustrative,
        reason: v.reason,
      };
    });
}

/** An output's code as it appears in admin addresses and forms (`3.2`). */
export const OUTPUT_CODE_PATTERN = /^[1-9]\d{0,2}\.[1-9]\d{0,2}$/;
