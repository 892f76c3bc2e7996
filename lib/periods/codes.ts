/**
 * Reporting-period codes in the forms DHIS2 and other statistics systems use.
 *
 *   2021            calendar year 2021 (2021-01-01 – 2021-12-31)
 *   2021S1, 2021S2  calendar half-years (January–June, July–December)
 *   2021Q1..2021Q4  calendar quarters
 *   2021July        the fiscal year from 1 July 2021 to 30 June 2022; any English month name,
 *                   capitalised, names the first month (2021April, 2021October, 2021January …)
 *   2021JulyS1..S2  halves of that fiscal year (2021JulyS2 = January–June 2022)
 *   2021JulyQ1..Q4  quarters of that fiscal year (2021JulyQ3 = January–March 2022)
 *
 * The year in a code is the year in which the period (or its fiscal year) starts, 1900–2200.
 * `2021January` covers the same days as `2021` but is a code form of its own: both have
 * fiscalStartMonth 1, and `periodCode` tells them apart by the `code` a parsed period carries.
 *
 * Dates are ISO `YYYY-MM-DD` strings computed by month arithmetic alone (no Date objects, so no
 * time-zone effects); `end` is the last day of the period, inclusive.
 */
import { z } from "zod";

export type PeriodType = "annual" | "semi_annual" | "quarterly";

export type Period = {
  /** Canonical code, e.g. "2021", "2021Q3", "2021July", "2021JulyS2". */
  code: string;
  type: PeriodType;
  /** 1 for the calendar forms; 1..12 for the fiscal forms (July = 7, and January = 1). */
  fiscalStartMonth: number;
  /** The year written in the code: the year in which the (fiscal) year starts. */
  year: number;
  /** 1 for annual, 1..2 for half-years, 1..4 for quarters. */
  index: number;
  /** First day, ISO YYYY-MM-DD. */
  start: string;
  /** Last day (inclusive), ISO YYYY-MM-DD. */
  end: string;
  /** Short English label, e.g. "Q3 2021 (July–September)". */
  label: string;
};

/** Every error this module throws: a bad code, a bad date, or bad input to `periodCode`. */
export class PeriodCodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PeriodCodeError";
  }
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const MONTHS_LONG: Record<PeriodType, number> = { annual: 12, semi_annual: 6, quarterly: 3 };
const PER_YEAR: Record<PeriodType, number> = { annual: 1, semi_annual: 2, quarterly: 4 };
const ARTICLED: Record<PeriodType, string> = {
  annual: "an annual",
  semi_annual: "a semi-annual",
  quarterly: "a quarterly",
};
const PERIOD_TYPES: readonly PeriodType[] = ["annual", "semi_annual", "quarterly"];

const EXAMPLES = `"2021", "2021S1", "2021Q3", "2021July" or "2021JulyQ1"`;

function monthName(month: number): string {
  // month is 1..12 everywhere this is called.
  return MONTHS[month - 1] ?? String(month);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Months counted from year 0: year * 12 + (month - 1). */
type MonthNumber = number;

function toMonthNumber(year: number, month: number): MonthNumber {
  return year * 12 + (month - 1);
}

function fromMonthNumber(n: MonthNumber): { year: number; month: number } {
  return { year: Math.floor(n / 12), month: (n % 12) + 1 };
}

/** "July–September 2021", or across a new year "December 2023 – February 2024". */
function monthSpan(first: MonthNumber, last: MonthNumber): string {
  const a = fromMonthNumber(first);
  const b = fromMonthNumber(last);
  if (a.year === b.year) return `${monthName(a.month)}–${monthName(b.month)} ${a.year}`;
  return `${monthName(a.month)} ${a.year} – ${monthName(b.month)} ${b.year}`;
}

type Parts = {
  type: PeriodType;
  year: number;
  index: number;
  fiscalStartMonth: number;
  /** Only meaningful when fiscalStartMonth is 1: written "2021January…" rather than "2021…". */
  januaryForm: boolean;
};

function buildPeriod(parts: Parts): Period {
  const { type, year, index, fiscalStartMonth } = parts;
  const length = MONTHS_LONG[type];
  const first = toMonthNumber(year, fiscalStartMonth) + (index - 1) * length;
  const last = first + length - 1;
  const startMonth = fromMonthNumber(first);
  const endMonth = fromMonthNumber(last);

  const fiscal = fiscalStartMonth !== 1 || parts.januaryForm;
  const letter = type === "semi_annual" ? "S" : type === "quarterly" ? "Q" : "";
  const suffix = type === "annual" ? "" : `${letter}${index}`;
  const code = `${year}${fiscal ? monthName(fiscalStartMonth) : ""}${suffix}`;

  let label: string;
  if (!fiscal) {
    label =
      type === "annual"
        ? String(year)
        : `${suffix} ${year} (${monthName(startMonth.month)}–${monthName(endMonth.month)})`;
  } else if (type === "annual") {
    label = monthSpan(first, last);
  } else {
    label = `${suffix} of the year from ${monthName(fiscalStartMonth)} ${year} (${monthSpan(first, last)})`;
  }

  return {
    code,
    type,
    fiscalStartMonth,
    year,
    index,
    start: isoDate(startMonth.year, startMonth.month, 1),
    end: isoDate(endMonth.year, endMonth.month, daysInMonth(endMonth.year, endMonth.month)),
    label,
  };
}

/** A month written in full with any case, or abbreviated to three or more letters. */
function resolveMonth(text: string): number | null {
  if (text.length < 3) return null;
  const lower = text.toLowerCase();
  const i = MONTHS.findIndex((m) => m.toLowerCase().startsWith(lower));
  return i === -1 ? null : i + 1;
}

function fail(code: string, problem: string): never {
  throw new PeriodCodeError(`Period code "${code}" ${problem}`);
}

/**
 * Reads a period code. Throws PeriodCodeError, with a message naming the code, for anything
 * that is not exactly one of the canonical forms; where the meaning is clear but the writing is
 * not canonical (a lower-case or abbreviated month, "q3", "Q03", spaces around it) the message
 * gives the code to write instead.
 */
export function parsePeriodCode(code: string): Period {
  if (typeof code !== "string") {
    throw new PeriodCodeError(
      `A period code must be text such as ${EXAMPLES}; got ${code === null ? "null" : typeof code}.`,
    );
  }
  if (code.trim() === "") fail(code, `is empty; write a code such as ${EXAMPLES}.`);
  const trimmed = code.trim();
  if (trimmed !== code) {
    const inner = parsePeriodCode(trimmed); // throws for the trimmed code if that is wrong too
    fail(code, `has spaces around it; write "${inner.code}".`);
  }

  // Always matches: year digits, letters, digits, anything else.
  const match = /^(\d*)([A-Za-z]*)(\d*)([\s\S]*)$/.exec(code);
  const [, yearText = "", letters = "", digits = "", rest = ""] = match ?? [];

  if (yearText.length < 4) {
    fail(code, `must start with a four-digit year (${MIN_YEAR}–${MAX_YEAR}), as in ${EXAMPLES}.`);
  }
  if (yearText.length > 4) {
    fail(code, `is not a supported form; use a form such as ${EXAMPLES}.`);
  }
  const year = Number(yearText);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    fail(code, `has year ${year}, outside the supported years ${MIN_YEAR}–${MAX_YEAR}.`);
  }
  if (rest !== "") {
    fail(
      code,
      `has unexpected text "${rest}" after "${code.slice(0, code.length - rest.length)}".`,
    );
  }

  // Split the letters into a month and an S/Q marker.
  let monthText = letters;
  let marker = "";
  if (digits !== "") {
    marker = letters.slice(-1);
    if (!/^[SQsq]$/.test(marker)) {
      fail(code, `is not a supported form; use a form such as ${EXAMPLES}.`);
    }
    monthText = letters.slice(0, -1);
  } else if (/[SQsq]$/.test(letters)) {
    const before = letters.slice(0, -1);
    const beforeMonth = resolveMonth(before);
    if (before === "" || (beforeMonth !== null && resolveMonth(letters) === null)) {
      const quarter = /[Qq]$/.test(letters);
      const month = beforeMonth === null ? "" : monthName(beforeMonth);
      fail(
        code,
        quarter
          ? `is missing the quarter number; quarters are Q1 to Q4, as in "${yearText}${month}Q3".`
          : `is missing the half-year number; half-years are S1 and S2, as in "${yearText}${month}S1".`,
      );
    }
  }

  let fiscalStartMonth = 1;
  if (monthText !== "") {
    const month = resolveMonth(monthText);
    if (month === null) {
      fail(
        code,
        `has "${monthText}" where a month name (January to December) was expected, as in "${yearText}July".`,
      );
    }
    fiscalStartMonth = month;
  }

  let type: PeriodType = "annual";
  let index = 1;
  if (marker !== "") {
    const quarter = marker.toUpperCase() === "Q";
    type = quarter ? "quarterly" : "semi_annual";
    index = Number(digits);
    if (quarter && !(index >= 1 && index <= 4)) {
      fail(code, `has quarter ${digits}; quarters are Q1 to Q4.`);
    }
    if (!quarter && !(index >= 1 && index <= 2)) {
      fail(code, `has half-year ${digits}; half-years are S1 and S2.`);
    }
  }

  const period = buildPeriod({
    type,
    year,
    index,
    fiscalStartMonth,
    januaryForm: monthText !== "",
  });
  if (period.code !== code) {
    const reasons: string[] = [];
    const canonicalMonth = monthName(fiscalStartMonth);
    if (monthText !== "" && monthText !== canonicalMonth) {
      reasons.push(
        monthText.length < canonicalMonth.length
          ? `month names are written in full, as in "${canonicalMonth}"`
          : `month names are written with only the first letter capital, as in "${canonicalMonth}"`,
      );
    }
    if (marker !== "" && marker !== marker.toUpperCase()) {
      reasons.push(`"S" and "Q" are capital letters`);
    }
    if (digits !== "" && digits !== String(index)) {
      reasons.push("the number has no leading zero");
    }
    const why = reasons.length > 0 ? ` (${reasons.join("; ")})` : "";
    fail(code, `is not written in the standard form${why}; write "${period.code}".`);
  }
  return period;
}

function checkYear(year: unknown, what: string): number {
  if (typeof year !== "number" || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new PeriodCodeError(
      `${what}: the year must be a whole number from ${MIN_YEAR} to ${MAX_YEAR}; got ${String(year)}.`,
    );
  }
  return year;
}

function checkType(type: unknown, what: string): PeriodType {
  if (!PERIOD_TYPES.includes(type as PeriodType)) {
    throw new PeriodCodeError(
      `${what}: the period type must be "annual", "semi_annual" or "quarterly"; got ${JSON.stringify(type)}.`,
    );
  }
  return type as PeriodType;
}

function checkStartMonth(month: unknown, what: string): number {
  const value = month ?? 1;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 12) {
    throw new PeriodCodeError(
      `${what}: the fiscal start month must be a whole number from 1 (January) to 12 (December); got ${String(month)}.`,
    );
  }
  return value;
}

/**
 * Writes the code for a period: the inverse of `parsePeriodCode`. fiscalStartMonth 1 (the
 * default) gives the calendar forms (2021, 2021S1, 2021Q3); 2..12 give 2021July, 2021JulyS1,
 * 2021JulyQ3. The January fiscal forms (2021January, 2021JanuaryQ1) are written when the input
 * carries a `code` in that form, which a Period from `parsePeriodCode` does, so that
 * `periodCode(parsePeriodCode(code)) === code` for every valid code.
 * Index defaults to 1 for annual and is required for half-years and quarters.
 */
export function periodCode(input: {
  type: PeriodType;
  year: number;
  index?: number;
  fiscalStartMonth?: number;
  /** Only read to keep the January fiscal form (e.g. "2021JanuaryQ1") of a parsed Period. */
  code?: string;
}): string {
  const what = "Cannot write a period code";
  const type = checkType(input.type, what);
  const year = checkYear(input.year, what);
  const fiscalStartMonth = checkStartMonth(input.fiscalStartMonth, what);
  const count = PER_YEAR[type];
  const index = input.index ?? (type === "annual" ? 1 : undefined);
  if (typeof index !== "number" || !Number.isInteger(index) || index < 1 || index > count) {
    const range = count === 1 ? "1" : `1 to ${count}`;
    throw new PeriodCodeError(
      `${what}: the index of ${ARTICLED[type]} period must be ${range}; got ${String(index)}.`,
    );
  }
  const januaryForm =
    fiscalStartMonth === 1 &&
    typeof input.code === "string" &&
    input.code.startsWith(`${year}January`);
  return buildPeriod({ type, year, index, fiscalStartMonth, januaryForm }).code;
}

/** Every period of one type in the (fiscal) year starting in `year`, in order. */
export function periodsOfYear(input: {
  type: PeriodType;
  year: number;
  fiscalStartMonth?: number;
}): Period[] {
  const what = "Cannot list the periods of a year";
  const type = checkType(input.type, what);
  const year = checkYear(input.year, what);
  const fiscalStartMonth = checkStartMonth(input.fiscalStartMonth, what);
  return Array.from({ length: PER_YEAR[type] }, (_, i) =>
    buildPeriod({ type, year, index: i + 1, fiscalStartMonth, januaryForm: false }),
  );
}

/**
 * The period of the given type (and fiscal start month, default 1 = calendar forms) that
 * contains an ISO date `YYYY-MM-DD`. Throws PeriodCodeError for a malformed or impossible date
 * (e.g. 2023-02-29) and for a date whose (fiscal) year starts outside 1900–2200.
 */
export function periodContaining(
  date: string,
  input: { type: PeriodType; fiscalStartMonth?: number },
): Period {
  const what = `Cannot find the period containing "${String(date)}"`;
  const type = checkType(input.type, what);
  const fiscalStartMonth = checkStartMonth(input.fiscalStartMonth, what);
  const match = typeof date === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  const y = Number(match?.[1]);
  const m = Number(match?.[2]);
  const d = Number(match?.[3]);
  if (!match || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new PeriodCodeError(`${what}: it is not a real date written YYYY-MM-DD.`);
  }
  const months = toMonthNumber(y, m) - toMonthNumber(0, fiscalStartMonth);
  const year = Math.floor(months / 12);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new PeriodCodeError(
      `${what}: its year starts in ${year}, outside the supported years ${MIN_YEAR}–${MAX_YEAR}.`,
    );
  }
  const index = Math.floor((months - year * 12) / MONTHS_LONG[type]) + 1;
  return buildPeriod({ type, year, index, fiscalStartMonth, januaryForm: false });
}

/** Orders periods by start date, then end date (so a year sorts after its first quarter). */
export function comparePeriods(a: Period, b: Period): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  if (a.end !== b.end) return a.end < b.end ? -1 : 1;
  return 0;
}

/** Parses a period code into a Period; an invalid code gives one issue with the message above. */
export const periodCodeSchema: z.ZodType<Period> = z
  .string({ error: `A period code must be text such as ${EXAMPLES}.` })
  .transform((code, ctx) => {
    try {
      return parsePeriodCode(code);
    } catch (error) {
      if (!(error instanceof PeriodCodeError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
  });
