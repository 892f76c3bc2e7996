/**
 * Reporting-period administration: the zod schemas shared by the forms (validated in the
 * browser as the user types) and the server actions, and the pure rules both sides apply to a
 * plan (which periods a choice creates, their default deadline, whether a deadline fits).
 * Period codes, labels and dates come from ./codes.ts only.
 */
import { z } from "zod";
import { PERIOD_STATUSES, PERIOD_TYPES } from "@/lib/domain/enums";
import { formatDate } from "@/lib/format";
import { isReason, REASON_MAX, reasonMessage, recordIdField } from "@/lib/server/validation";
import { type Period, type PeriodType, periodsOfYear } from "./codes";

export const PERIOD_TYPE_LABELS: Record<PeriodType, string> = {
  annual: "Annual",
  semi_annual: "Semi-annual",
  quarterly: "Quarterly",
};

/** What one period of a type is called in the form ("Which quarter"). */
export const PERIOD_UNIT: Record<PeriodType, string> = {
  annual: "year",
  semi_annual: "half-year",
  quarterly: "quarter",
};

export const PERIODS_PER_YEAR: Record<PeriodType, number> = {
  annual: 1,
  semi_annual: 2,
  quarterly: 4,
};

/**
 * Without a deadline of its own, a period's reports are due this many days after its last day:
 * a month to collect the figures, which is what Rwanda's quarterly reporting allows.
 */
export const DEFAULT_DEADLINE_DAYS = 30;

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** True for a real calendar date written YYYY-MM-DD (2023-02-29 is not one). */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** An ISO date plus a number of days. UTC arithmetic on whole days, so no time-zone effects. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The deadline a period gets when none is given: its last day plus DEFAULT_DEADLINE_DAYS. */
export function defaultDeadline(period: Pick<Period, "end">): string {
  return addDays(period.end, DEFAULT_DEADLINE_DAYS);
}

/** "2021" for a calendar plan; "2021/22 (July 2021 – June 2022)" for a fiscal year. */
export function yearLabel(year: number, fiscalStartMonth: number): string {
  if (fiscalStartMonth === 1) return String(year);
  const [annual] = periodsOfYear({ type: "annual", year, fiscalStartMonth });
  return `${year}/${String((year + 1) % 100).padStart(2, "0")} (${annual?.label ?? year})`;
}

/** The periods one choice stands for: one period, or every period of that (fiscal) year. */
export function periodsToCreate(input: {
  type: PeriodType;
  year: number;
  index: number | "all";
  fiscalStartMonth: number;
}): Period[] {
  const all = periodsOfYear({
    type: input.type,
    year: input.year,
    fiscalStartMonth: input.fiscalStartMonth,
  });
  if (input.index === "all") return all;
  return all.filter((period) => period.index === input.index);
}

/**
 * The deadline problem of a choice, or null: a deadline may not fall before the first day of a
 * period it applies to (it may fall before the last day, for an early report).
 */
export function deadlineProblem(
  periods: Pick<Period, "code" | "start">[],
  deadline: string | undefined,
): string | null {
  if (deadline === undefined) return null;
  const late = periods.filter((period) => deadline < period.start);
  const first = late[0];
  if (!first) return null;
  const last = late[late.length - 1] ?? first;
  const codes = late.map((p) => p.code);
  return late.length === 1
    ? `The deadline ${formatDate(deadline)} is before ${first.code} starts (${formatDate(first.start)}).`
    : `The deadline ${formatDate(deadline)} is before ${codes.slice(0, -1).join(", ")} and ${last.code} start; the last starts on ${formatDate(last.start)}.`;
}

const dateMessage = "Enter a date written YYYY-MM-DD, such as 2022-07-30.";

/** A real ISO date, required. */
const isoDate = z
  .string({ error: dateMessage })
  .trim()
  .min(1, "Enter the deadline.")
  .refine((value) => value === "" || isIsoDate(value), dateMessage);

/** An ISO date, or empty for "none given". */
const optionalIsoDate = z
  .string({ error: dateMessage })
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .refine((value) => value === undefined || isIsoDate(value), dateMessage);

const periodId = recordIdField("This reporting period was not found.");

export const periodIdSchema = periodId;

/**
 * The "New reporting period" form. `index` is the half-year or quarter (1, 2 …), or "all" for
 * every period of the year; annual periods need none.
 */
export const createPeriodsSchema = z
  .object({
    planId: z.coerce
      .number({ error: "Choose a plan." })
      .int("Choose a plan.")
      .positive("Choose a plan."),
    type: z.enum(PERIOD_TYPES, { error: "Choose annual, semi-annual or quarterly." }),
    year: z.coerce
      .number({ error: "Enter a year such as 2021." })
      .int("Enter a whole year such as 2021.")
      .min(MIN_YEAR, `Enter a year from ${MIN_YEAR} to ${MAX_YEAR}.`)
      .max(MAX_YEAR, `Enter a year from ${MIN_YEAR} to ${MAX_YEAR}.`),
    index: z
      .union([z.string(), z.number()], { error: "Choose which period, or all of the year." })
      .optional(),
    deadline: optionalIsoDate,
  })
  .transform((value, ctx): CreatePeriodsInput => {
    const raw = typeof value.index === "string" ? value.index.trim() : value.index;
    const count = PERIODS_PER_YEAR[value.type];
    let index: number | "all";
    if (raw === "all") index = "all";
    else if ((raw === undefined || raw === "") && count === 1) index = 1;
    else index = Number(raw);
    if (index !== "all" && !(Number.isInteger(index) && index >= 1 && index <= count)) {
      const unit = PERIOD_UNIT[value.type];
      ctx.addIssue({
        code: "custom",
        path: ["index"],
        message:
          count === 1
            ? "An annual period has no half-year or quarter; choose the year."
            : `Choose which ${unit} (1 to ${count}), or all of them.`,
      });
      return z.NEVER;
    }
    const base = {
      planId: value.planId,
      type: value.type,
      year: value.year,
      ...(value.deadline ? { deadline: value.deadline } : {}),
    };
    return index === "all" ? { ...base, all: true } : { ...base, index };
  });

/** One period (`index`, 1 for annual) or every period of the (fiscal) year (`all: true`). */
export type CreatePeriodsInput = {
  planId: number;
  type: PeriodType;
  year: number;
  /** ISO date; when absent each period gets defaultDeadline(). */
  deadline?: string;
} & ({ index: number; all?: undefined } | { all: true; index?: undefined });

export const updateDeadlineSchema = z.object({
  periodId,
  deadline: isoDate,
});
export type UpdateDeadlineInput = z.infer<typeof updateDeadlineSchema>;

export { REASON_MAX };

export const setPeriodStatusSchema = z
  .object({
    periodId,
    status: z.enum(PERIOD_STATUSES, { error: "Choose to open or to close the period." }),
    reason: z
      .string()
      .trim()
      .max(REASON_MAX, `Use at most ${REASON_MAX} characters.`)
      .optional()
      .transform((value) => (value ? value : undefined)),
  })
  .refine((value) => value.status !== "open" || isReason(value.reason ?? ""), {
    path: ["reason"],
    message: reasonMessage("Give the reason for reopening the period; it is kept in the audit log"),
  });
export type SetPeriodStatusInput = z.infer<typeof setPeriodStatusSchema>;

/** ?plan=slug on the list page; anything malformed is ignored. */
export const periodListSearchSchema = z.object({
  plan: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional()
    .catch(undefined),
});
