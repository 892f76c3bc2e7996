/**
 * Yearly action plans: the input rules, shared by the forms and the data-access layer, and the
 * words shown for codes. Pure: no database, safe to import from client components.
 *
 * Decisions:
 * - Money is optional (an activity may not be costed yet), never negative, at most two decimals,
 *   below a trillion. Thousands may be grouped with spaces or commas ("1 250 000", "1,250,000").
 * - The budget allocated may exceed the budget needed, and the amount spent may exceed the
 *   allocation: both happen (a donor funds more than estimated; costs overrun) and refusing them
 *   would only make the record wrong. The unfunded part is counted per activity,
 *   max(needed − allocated, 0), so one over-funded activity never hides another's gap: money
 *   earmarked for one activity does not fund another.
 */
import { z } from "zod";
import { ACTIVITY_STATUSES } from "@/lib/domain/enums";
import { parsePeriodCode, periodCode } from "@/lib/periods/codes";
import {
  CONTROL_CHARACTERS_MESSAGE,
  hasControlCharacters,
  recordIdInput,
} from "@/lib/server/validation";

export const ACTIVITY_STATUS_LABELS = {
  planned: "Planned",
  in_progress: "In progress",
  completed: "Completed",
  delayed: "Delayed",
  cancelled: "Cancelled",
} as const satisfies Record<(typeof ACTIVITY_STATUSES)[number], string>;

export const QUARTERS = [
  { bit: 1, label: "Q1" },
  { bit: 2, label: "Q2" },
  { bit: 4, label: "Q3" },
  { bit: 8, label: "Q4" },
] as const;

/** "Q1, Q3" for the bit set 5; "None" for 0. */
export function quartersLabel(quarters: number): string {
  const on = QUARTERS.filter((q) => (quarters & q.bit) !== 0).map((q) => q.label);
  return on.length ? on.join(", ") : "None";
}

/** The plan year in words: "2022" for a calendar year, "July 2022 – June 2023" for a fiscal one. */
export function planYearLabel(year: number, fiscalYearStartMonth: number): string {
  return parsePeriodCode(
    periodCode({ type: "annual", year, fiscalStartMonth: fiscalYearStartMonth }),
  ).label;
}

const MAX_MONEY = 999_999_999_999.99;

/** An optional amount: empty → null; a number or a string of digits with up to two decimals. */
function money(label: string) {
  return z
    .union([z.number(), z.string(), z.null(), z.undefined()])
    .transform((raw, ctx): number | null => {
      if (raw === null || raw === undefined) return null;
      let value: number;
      if (typeof raw === "string") {
        const text = raw.trim();
        if (text === "") return null;
        const plain = /^\d+(\.\d{1,2})?$/.test(text);
        const grouped = /^\d{1,3}([ ,]\d{3})+(\.\d{1,2})?$/.test(text);
        if (!plain && !grouped) {
          ctx.addIssue({
            code: "custom",
            message: /^-/.test(text)
              ? `${label} cannot be negative.`
              : /\.\d{3,}$/.test(text)
                ? `${label} can have at most two decimals.`
                : `${label} must be an amount in figures, e.g. 1250000 or 1 250 000.50.`,
          });
          return z.NEVER;
        }
        value = Number(text.replace(/[ ,]/g, ""));
      } else {
        value = raw;
        if (!Number.isFinite(value)) {
          ctx.addIssue({ code: "custom", message: `${label} must be a number.` });
          return z.NEVER;
        }
        if (value < 0) {
          ctx.addIssue({ code: "custom", message: `${label} cannot be negative.` });
          return z.NEVER;
        }
        if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) {
          ctx.addIssue({ code: "custom", message: `${label} can have at most two decimals.` });
          return z.NEVER;
        }
      }
      if (value > MAX_MONEY) {
        ctx.addIssue({ code: "custom", message: `${label} is too large.` });
        return z.NEVER;
      }
      return value;
    });
}

const version = z.coerce
  .number({ error: "This form is out of date; reload the page." })
  .int()
  .positive("This form is out of date; reload the page.");

/** One activity, as the add and edit forms send it (strings) or a caller passes it (numbers). */
export const activityInputSchema = z.object({
  version,
  outputId: z.coerce
    .number({ error: "Choose an output." })
    .int("Choose an output.")
    .positive("Choose an output."),
  description: z
    .string({ error: "Describe the activity." })
    .trim()
    .min(3, "Describe the activity in at least 3 characters.")
    .max(500, "Keep the description under 500 characters.")
    .refine((text) => !hasControlCharacters(text), CONTROL_CHARACTERS_MESSAGE),
  quarters: z.coerce
    .number({ error: "Choose the quarters from Q1 to Q4." })
    .int("Choose the quarters from Q1 to Q4.")
    .min(0, "Choose the quarters from Q1 to Q4.")
    .max(15, "Choose the quarters from Q1 to Q4."),
  budgetNeeded: money("Budget needed"),
  budgetAllocated: money("Budget allocated"),
  amountSpent: money("Amount spent"),
  fundingSource: z
    .string()
    .trim()
    .max(200, "Keep the funding source under 200 characters.")
    .refine((text) => !hasControlCharacters(text), CONTROL_CHARACTERS_MESSAGE)
    .nullish()
    .transform((text) => text || null),
  status: z.enum(ACTIVITY_STATUSES, { error: "Choose a status." }),
});
export type ActivityInput = z.input<typeof activityInputSchema>;
export type ActivityValues = z.output<typeof activityInputSchema>;

/** A record id: a number, or its canonical text (`12`; never `0x0c` or `012`). */
export const idSchema = recordIdInput;

export const activityRefSchema = z.object({ version, activityId: idSchema });

export const moveActivitySchema = activityRefSchema.extend({
  direction: z.enum(["up", "down"]),
});

export const createActionPlanSchema = z.object({
  planId: idSchema,
  year: z.coerce.number().int().min(1900).max(2200),
});

export const transitionSchema = z.object({
  version,
  reason: z.string().trim().max(4000, "Keep the reason under 4,000 characters.").optional(),
});
