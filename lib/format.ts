import type { IndicatorUnit } from "@/lib/domain/enums";

/** Formatting of values for people: one place, so pages, tables and exports agree. */

const LOCALE = "en-GB";

export function formatValue(
  value: number | null | undefined,
  unit: IndicatorUnit,
  currency = "USD",
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "percent":
      return `${new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 }).format(value)} %`;
    case "currency":
      return new Intl.NumberFormat(LOCALE, {
        style: "currency",
        currency,
        maximumFractionDigits: 0,
      }).format(value);
    case "yes_no":
      return value >= 1 ? "Yes" : "No";
    default:
      return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 }).format(value);
  }
}

export function formatDate(iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"];

/** "second national action plan" for generation 2. */
export function ordinalWord(n: number): string {
  return ORDINALS[n - 1] ?? `${n}th`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const UNIT_LABELS: Record<IndicatorUnit, string> = {
  count: "Number",
  percent: "Percentage",
  currency: "Amount of money",
  yes_no: "Yes / no",
  text: "Qualitative",
};

export const DIRECTION_LABELS = {
  increase: "Higher is better",
  decrease: "Lower is better",
  maintain: "Keep at target",
} as const;

export const FREQUENCY_LABELS = {
  annual: "Yearly",
  semi_annual: "Twice a year",
  quarterly: "Quarterly",
  monthly: "Monthly",
  once: "Once",
} as const;

export const MILESTONE_STATUS_LABELS = {
  not_started: "Not started",
  in_progress: "In progress",
  achieved: "Achieved",
  delayed: "Delayed",
  dropped: "Dropped",
} as const;

export const PLAN_STATUS_LABELS = {
  draft: "Draft",
  active: "Active",
  closed: "Closed",
} as const;
