import { describe, expect, it } from "vitest";
import {
  addDays,
  createPeriodsSchema,
  deadlineProblem,
  defaultDeadline,
  isIsoDate,
  periodsToCreate,
  setPeriodStatusSchema,
  updateDeadlineSchema,
  yearLabel,
} from "./schemas";

const form = (overrides: Record<string, unknown> = {}) => ({
  planId: "3",
  type: "quarterly",
  year: "2021",
  index: "2",
  deadline: "",
  ...overrides,
});

/** The messages of a failed parse, by field. */
function errorsOf(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  expect(result.success).toBe(false);
  const errors: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) errors[String(issue.path[0])] = issue.message;
  return errors;
}

describe("createPeriodsSchema", () => {
  it("reads one quarter, with or without a deadline", () => {
    expect(createPeriodsSchema.parse(form())).toEqual({
      planId: 3,
      type: "quarterly",
      year: 2021,
      index: 2,
    });
    expect(createPeriodsSchema.parse(form({ deadline: " 2021-11-15 " }))).toEqual({
      planId: 3,
      type: "quarterly",
      year: 2021,
      index: 2,
      deadline: "2021-11-15",
    });
  });

  it("reads all periods of a year, and an annual period without an index", () => {
    expect(createPeriodsSchema.parse(form({ index: "all" }))).toEqual({
      planId: 3,
      type: "quarterly",
      year: 2021,
      all: true,
    });
    expect(createPeriodsSchema.parse(form({ type: "annual", index: "" }))).toEqual({
      planId: 3,
      type: "annual",
      year: 2021,
      index: 1,
    });
    expect(createPeriodsSchema.parse(form({ type: "semi_annual", index: 2 }))).toMatchObject({
      index: 2,
    });
  });

  it("refuses a bad period type", () => {
    for (const type of ["monthly", "", "Quarterly", undefined]) {
      expect(errorsOf(createPeriodsSchema.safeParse(form({ type })))).toEqual({
        type: "Choose annual, semi-annual or quarterly.",
      });
    }
  });

  it("refuses a bad year", () => {
    expect(errorsOf(createPeriodsSchema.safeParse(form({ year: "twenty" })))).toEqual({
      year: "Enter a year such as 2021.",
    });
    expect(errorsOf(createPeriodsSchema.safeParse(form({ year: "2021.5" })))).toEqual({
      year: "Enter a whole year such as 2021.",
    });
    for (const year of ["1899", "2201", ""]) {
      expect(errorsOf(createPeriodsSchema.safeParse(form({ year })))).toEqual({
        year: "Enter a year from 1900 to 2200.",
      });
    }
  });

  it("refuses an index that the period type does not have", () => {
    expect(errorsOf(createPeriodsSchema.safeParse(form({ index: "5" })))).toEqual({
      index: "Choose which quarter (1 to 4), or all of them.",
    });
    expect(errorsOf(createPeriodsSchema.safeParse(form({ index: "0" })))).toEqual({
      index: "Choose which quarter (1 to 4), or all of them.",
    });
    expect(errorsOf(createPeriodsSchema.safeParse(form({ index: "" })))).toEqual({
      index: "Choose which quarter (1 to 4), or all of them.",
    });
    expect(
      errorsOf(createPeriodsSchema.safeParse(form({ type: "semi_annual", index: "3" }))),
    ).toEqual({ index: "Choose which half-year (1 to 2), or all of them." });
    expect(errorsOf(createPeriodsSchema.safeParse(form({ type: "annual", index: "2" })))).toEqual({
      index: "An annual period has no half-year or quarter; choose the year.",
    });
    expect(errorsOf(createPeriodsSchema.safeParse(form({ index: "Q2" })))).toEqual({
      index: "Choose which quarter (1 to 4), or all of them.",
    });
  });

  it("refuses a deadline that is not a real ISO date", () => {
    for (const deadline of ["2021/11/15", "15-11-2021", "2021-02-29", "2021-13-01", "soon"]) {
      expect(errorsOf(createPeriodsSchema.safeParse(form({ deadline })))).toEqual({
        deadline: "Enter a date written YYYY-MM-DD, such as 2022-07-30.",
      });
    }
  });

  it("names every wrong field at once", () => {
    expect(
      Object.keys(
        errorsOf(
          createPeriodsSchema.safeParse({ planId: "", type: "x", year: "y", deadline: "z" }),
        ),
      ).sort(),
    ).toEqual(["deadline", "planId", "type", "year"]);
  });
});

describe("updateDeadlineSchema and setPeriodStatusSchema", () => {
  it("needs a period and a real deadline", () => {
    expect(updateDeadlineSchema.parse({ periodId: "12", deadline: "2022-01-31" })).toEqual({
      periodId: 12,
      deadline: "2022-01-31",
    });
    expect(errorsOf(updateDeadlineSchema.safeParse({ periodId: "x", deadline: "" }))).toEqual({
      periodId: "This reporting period was not found.",
      deadline: "Enter the deadline.",
    });
    expect(
      errorsOf(updateDeadlineSchema.safeParse({ periodId: "1", deadline: "2022-04-31" })),
    ).toEqual({ deadline: "Enter a date written YYYY-MM-DD, such as 2022-07-30." });
  });

  it("needs a reason to reopen, not to close", () => {
    expect(setPeriodStatusSchema.parse({ periodId: "4", status: "closed", reason: "" })).toEqual({
      periodId: 4,
      status: "closed",
    });
    expect(
      errorsOf(setPeriodStatusSchema.safeParse({ periodId: "4", status: "open", reason: "  " })),
    ).toEqual({
      reason:
        "Give the reason for reopening the period; it is kept in the audit log (at least 5 characters).",
    });
    expect(
      setPeriodStatusSchema.parse({ periodId: "4", status: "open", reason: " Late data " }),
    ).toEqual({ periodId: 4, status: "open", reason: "Late data" });
    expect(
      errorsOf(setPeriodStatusSchema.safeParse({ periodId: "4", status: "archived" })),
    ).toEqual({ status: "Choose to open or to close the period." });
    expect(
      errorsOf(
        setPeriodStatusSchema.safeParse({
          periodId: "4",
          status: "closed",
          reason: "x".repeat(1001),
        }),
      ),
    ).toEqual({ reason: "Use at most 1000 characters." });
  });
});

describe("period rules shared by the form and the server", () => {
  it("checks dates exactly", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2023-2-28")).toBe(false);
    expect(addDays("2021-12-31", 30)).toBe("2022-01-30");
    expect(addDays("2024-01-31", 30)).toBe("2024-03-01");
  });

  it("gives a default deadline 30 days after the period's last day", () => {
    const [q4] = periodsToCreate({ type: "quarterly", year: 2021, index: 4, fiscalStartMonth: 7 });
    expect(q4?.code).toBe("2021JulyQ4");
    expect(q4?.end).toBe("2022-06-30");
    expect(defaultDeadline(q4 ?? { end: "" })).toBe("2022-07-30");
  });

  it("lists one period or all of a fiscal year", () => {
    expect(
      periodsToCreate({ type: "quarterly", year: 2021, index: "all", fiscalStartMonth: 7 }).map(
        (p) => [p.code, p.start, p.end],
      ),
    ).toEqual([
      ["2021JulyQ1", "2021-07-01", "2021-09-30"],
      ["2021JulyQ2", "2021-10-01", "2021-12-31"],
      ["2021JulyQ3", "2022-01-01", "2022-03-31"],
      ["2021JulyQ4", "2022-04-01", "2022-06-30"],
    ]);
    expect(
      periodsToCreate({ type: "semi_annual", year: 2025, index: 2, fiscalStartMonth: 1 }).map(
        (p) => p.code,
      ),
    ).toEqual(["2025S2"]);
  });

  it("refuses a deadline before a period starts, naming the periods", () => {
    const quarters = periodsToCreate({
      type: "quarterly",
      year: 2021,
      index: "all",
      fiscalStartMonth: 7,
    });
    expect(deadlineProblem(quarters, undefined)).toBeNull();
    expect(deadlineProblem(quarters, "2022-04-01")).toBeNull();
    expect(deadlineProblem(quarters, "2022-03-31")).toBe(
      "The deadline 31 March 2022 is before 2021JulyQ4 starts (1 April 2022).",
    );
    expect(deadlineProblem(quarters, "2021-09-01")).toBe(
      "The deadline 1 September 2021 is before 2021JulyQ2, 2021JulyQ3 and 2021JulyQ4 start; the last starts on 1 April 2022.",
    );
  });

  it("names fiscal years by both calendar years", () => {
    expect(yearLabel(2021, 1)).toBe("2021");
    expect(yearLabel(2021, 7)).toBe("2021/22 (July 2021 – June 2022)");
    expect(yearLabel(2099, 4)).toBe("2099/00 (April 2099 – March 2100)");
  });
});
