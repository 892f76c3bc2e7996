import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  comparePeriods,
  type Period,
  PeriodCodeError,
  type PeriodType,
  parsePeriodCode,
  periodCode,
  periodCodeSchema,
  periodContaining,
  periodsOfYear,
} from "./codes";

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
];
const TYPES: PeriodType[] = ["annual", "semi_annual", "quarterly"];
const COUNT: Record<PeriodType, number> = { annual: 1, semi_annual: 2, quarterly: 4 };
const YEARS = [1900, 1999, 2000, 2021, 2023, 2024, 2100, 2199, 2200];

/** Independent date oracle: shift an ISO date by whole days with Date.UTC. */
function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Every canonical code: calendar forms and fiscal forms for all twelve start months. */
function allCodes(years: number[]): string[] {
  const codes: string[] = [];
  for (const year of years) {
    for (const prefix of ["", ...MONTHS]) {
      codes.push(`${year}${prefix}`);
      for (const i of [1, 2]) codes.push(`${year}${prefix}S${i}`);
      for (const i of [1, 2, 3, 4]) codes.push(`${year}${prefix}Q${i}`);
    }
  }
  return codes;
}

function expectError(code: string, message: string) {
  expect(() => parsePeriodCode(code)).toThrow(PeriodCodeError);
  expect(() => parsePeriodCode(code)).toThrow(message);
}

describe("parsePeriodCode: worked examples", () => {
  it("reads a calendar year", () => {
    expect(parsePeriodCode("2021")).toEqual({
      code: "2021",
      type: "annual",
      fiscalStartMonth: 1,
      year: 2021,
      index: 1,
      start: "2021-01-01",
      end: "2021-12-31",
      label: "2021",
    });
  });

  it("reads calendar half-years", () => {
    expect(parsePeriodCode("2021S1")).toEqual({
      code: "2021S1",
      type: "semi_annual",
      fiscalStartMonth: 1,
      year: 2021,
      index: 1,
      start: "2021-01-01",
      end: "2021-06-30",
      label: "S1 2021 (January–June)",
    });
    expect(parsePeriodCode("2021S2")).toMatchObject({
      index: 2,
      start: "2021-07-01",
      end: "2021-12-31",
      label: "S2 2021 (July–December)",
    });
  });

  it("reads calendar quarters", () => {
    expect(parsePeriodCode("2021Q3")).toEqual({
      code: "2021Q3",
      type: "quarterly",
      fiscalStartMonth: 1,
      year: 2021,
      index: 3,
      start: "2021-07-01",
      end: "2021-09-30",
      label: "Q3 2021 (July–September)",
    });
    expect(
      ["2021Q1", "2021Q2", "2021Q4"].map((c) => {
        const p = parsePeriodCode(c);
        return [p.start, p.end, p.label];
      }),
    ).toEqual([
      ["2021-01-01", "2021-03-31", "Q1 2021 (January–March)"],
      ["2021-04-01", "2021-06-30", "Q2 2021 (April–June)"],
      ["2021-10-01", "2021-12-31", "Q4 2021 (October–December)"],
    ]);
  });

  it("reads a fiscal year starting in July (Rwanda's)", () => {
    expect(parsePeriodCode("2021July")).toEqual({
      code: "2021July",
      type: "annual",
      fiscalStartMonth: 7,
      year: 2021,
      index: 1,
      start: "2021-07-01",
      end: "2022-06-30",
      label: "July 2021 – June 2022",
    });
  });

  it("reads the other DHIS2 financial years", () => {
    expect(parsePeriodCode("2021April")).toMatchObject({
      fiscalStartMonth: 4,
      start: "2021-04-01",
      end: "2022-03-31",
    });
    expect(parsePeriodCode("2021October")).toMatchObject({
      fiscalStartMonth: 10,
      start: "2021-10-01",
      end: "2022-09-30",
    });
    expect(parsePeriodCode("2021November")).toMatchObject({
      fiscalStartMonth: 11,
      start: "2021-11-01",
      end: "2022-10-31",
      label: "November 2021 – October 2022",
    });
  });

  it("keeps 2021January as its own code with the same days as 2021", () => {
    const january = parsePeriodCode("2021January");
    const calendar = parsePeriodCode("2021");
    expect(january).toEqual({
      code: "2021January",
      type: "annual",
      fiscalStartMonth: 1,
      year: 2021,
      index: 1,
      start: "2021-01-01",
      end: "2021-12-31",
      label: "January–December 2021",
    });
    expect([january.start, january.end]).toEqual([calendar.start, calendar.end]);
    expect(comparePeriods(january, calendar)).toBe(0);
    expect(parsePeriodCode("2021JanuaryQ2")).toMatchObject({
      code: "2021JanuaryQ2",
      start: "2021-04-01",
      end: "2021-06-30",
      label: "Q2 of the year from January 2021 (April–June 2021)",
    });
  });

  it("reads quarters of a fiscal year", () => {
    expect(parsePeriodCode("2021JulyQ1")).toEqual({
      code: "2021JulyQ1",
      type: "quarterly",
      fiscalStartMonth: 7,
      year: 2021,
      index: 1,
      start: "2021-07-01",
      end: "2021-09-30",
      label: "Q1 of the year from July 2021 (July–September 2021)",
    });
    expect(parsePeriodCode("2021JulyQ3")).toMatchObject({
      start: "2022-01-01",
      end: "2022-03-31",
      label: "Q3 of the year from July 2021 (January–March 2022)",
    });
    expect(parsePeriodCode("2021JulyQ4")).toMatchObject({ start: "2022-04-01", end: "2022-06-30" });
  });

  it("reads halves of a fiscal year", () => {
    expect(parsePeriodCode("2021JulyS2")).toEqual({
      code: "2021JulyS2",
      type: "semi_annual",
      fiscalStartMonth: 7,
      year: 2021,
      index: 2,
      start: "2022-01-01",
      end: "2022-06-30",
      label: "S2 of the year from July 2021 (January–June 2022)",
    });
    expect(parsePeriodCode("2021AprilS1")).toMatchObject({
      start: "2021-04-01",
      end: "2021-09-30",
      label: "S1 of the year from April 2021 (April–September 2021)",
    });
  });

  it("labels a quarter that spans a new year with both years", () => {
    expect(parsePeriodCode("2023DecemberQ1").label).toBe(
      "Q1 of the year from December 2023 (December 2023 – February 2024)",
    );
  });

  it("accepts the first and last supported years", () => {
    expect(parsePeriodCode("1900").start).toBe("1900-01-01");
    expect(parsePeriodCode("2200Q4").end).toBe("2200-12-31");
    expect(parsePeriodCode("2200July").end).toBe("2201-06-30");
  });
});

describe("leap years", () => {
  it("ends a fiscal year from July 2023 on 30 June 2024", () => {
    expect(parsePeriodCode("2023July")).toMatchObject({ start: "2023-07-01", end: "2024-06-30" });
  });

  it("ends the first quarter of 2024 on 31 March", () => {
    expect(parsePeriodCode("2024Q1")).toMatchObject({ start: "2024-01-01", end: "2024-03-31" });
  });

  it("ends the first half of the year from February 2023 on 31 July 2023", () => {
    expect(parsePeriodCode("2023FebruaryS1")).toMatchObject({
      start: "2023-02-01",
      end: "2023-07-31",
    });
  });

  it("ends a quarter on 29 February in a leap year and 28 February otherwise", () => {
    expect(parsePeriodCode("2023DecemberQ1")).toMatchObject({
      start: "2023-12-01",
      end: "2024-02-29",
    });
    expect(parsePeriodCode("2022DecemberQ1").end).toBe("2023-02-28");
    expect(parsePeriodCode("2024March").end).toBe("2025-02-28");
    expect(parsePeriodCode("2023March").end).toBe("2024-02-29");
    expect(parsePeriodCode("2023SeptemberS1").end).toBe("2024-02-29");
  });

  it("follows the century rule: 1900 and 2100 are not leap years, 2000 is", () => {
    expect(parsePeriodCode("1900DecemberQ1").end).toBe("1901-02-28");
    expect(parsePeriodCode("1999DecemberQ1").end).toBe("2000-02-29");
    expect(parsePeriodCode("2099DecemberQ1").end).toBe("2100-02-28");
    expect(parsePeriodCode("2100March").end).toBe("2101-02-28");
  });
});

describe("parsePeriodCode: errors", () => {
  it.each([
    ["", 'Period code "" is empty; write a code such as "2021", "2021S1"'],
    ["   ", 'Period code "   " is empty'],
    ["2021july", 'Period code "2021july" is not written in the standard form'],
    ["2021july", 'write "2021July"'],
    ["2021JULY", 'only the first letter capital, as in "July"); write "2021July".'],
    ["2021julyq1", 'write "2021JulyQ1"'],
    ["2021Jul", 'month names are written in full, as in "July"); write "2021July".'],
    ["2021SeptQ2", 'write "2021SeptemberQ2"'],
    ["2021q3", '"S" and "Q" are capital letters); write "2021Q3".'],
    ["2021Q03", 'the number has no leading zero); write "2021Q3".'],
    [" 2021Q3", 'Period code " 2021Q3" has spaces around it; write "2021Q3".'],
    ["2021Q5", 'Period code "2021Q5" has quarter 5; quarters are Q1 to Q4.'],
    ["2021Q0", 'Period code "2021Q0" has quarter 0; quarters are Q1 to Q4.'],
    ["2021JulyQ5", 'Period code "2021JulyQ5" has quarter 5; quarters are Q1 to Q4.'],
    ["2021S3", 'Period code "2021S3" has half-year 3; half-years are S1 and S2.'],
    ["2021AprilS0", 'Period code "2021AprilS0" has half-year 0; half-years are S1 and S2.'],
    [
      "2021Q",
      'Period code "2021Q" is missing the quarter number; quarters are Q1 to Q4, as in "2021Q3".',
    ],
    ["2021julyS", 'is missing the half-year number; half-years are S1 and S2, as in "2021JulyS1".'],
    ["1899", 'Period code "1899" has year 1899, outside the supported years 1900–2200.'],
    ["2201Q1", 'Period code "2201Q1" has year 2201, outside the supported years 1900–2200.'],
    ["0000", 'Period code "0000" has year 0, outside the supported years 1900–2200.'],
    ["21Q3", 'Period code "21Q3" must start with a four-digit year (1900–2200)'],
    ["Q3 2021", 'Period code "Q3 2021" must start with a four-digit year'],
    ["202107", 'Period code "202107" is not a supported form'],
    ["2021W3", 'Period code "2021W3" is not a supported form'],
    ["2021Q3x", 'Period code "2021Q3x" has unexpected text "x" after "2021Q3".'],
    ["2021-Q3", 'Period code "2021-Q3" has unexpected text "-Q3" after "2021".'],
    ["2021JulyQ1S2", 'has unexpected text "S2" after "2021JulyQ1".'],
    ["2021Q3 extra", 'has unexpected text " extra" after "2021Q3".'],
    ["2021-07-01", 'has unexpected text "-07-01" after "2021".'],
    [
      "2021Foo",
      'Period code "2021Foo" has "Foo" where a month name (January to December) was expected',
    ],
    ["2021Ju", 'has "Ju" where a month name'],
  ])("rejects %j", (code, message) => {
    expectError(code, message);
  });

  it("suggests only codes that are themselves valid", () => {
    for (const bad of [
      "2021july",
      "2021JULY",
      "2021Jul",
      "2021julyq1",
      "2021q3",
      "2021Q03",
      " 2021 ",
    ]) {
      let message = "";
      try {
        parsePeriodCode(bad);
      } catch (error) {
        message = (error as Error).message;
      }
      const suggestion = /write "([^"]+)"\.$/.exec(message)?.[1];
      expect(suggestion, message).toBeDefined();
      expect(parsePeriodCode(suggestion ?? "").code).toBe(suggestion);
    }
  });

  it("rejects a value that is not text", () => {
    expect(() => parsePeriodCode(2021 as unknown as string)).toThrow(
      /A period code must be text .*; got number\./,
    );
  });

  it("throws a PeriodCodeError, which is an Error with its own name", () => {
    try {
      parsePeriodCode("2021Q5");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PeriodCodeError);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe("PeriodCodeError");
    }
  });
});

describe("periodCode", () => {
  it("writes calendar forms for fiscal start month 1 (the default)", () => {
    expect(periodCode({ type: "annual", year: 2021 })).toBe("2021");
    expect(periodCode({ type: "semi_annual", year: 2021, index: 1 })).toBe("2021S1");
    expect(periodCode({ type: "quarterly", year: 2021, index: 3, fiscalStartMonth: 1 })).toBe(
      "2021Q3",
    );
  });

  it("writes fiscal forms for other start months", () => {
    expect(periodCode({ type: "annual", year: 2021, fiscalStartMonth: 7 })).toBe("2021July");
    expect(periodCode({ type: "semi_annual", year: 2021, index: 1, fiscalStartMonth: 7 })).toBe(
      "2021JulyS1",
    );
    expect(periodCode({ type: "quarterly", year: 2021, index: 3, fiscalStartMonth: 7 })).toBe(
      "2021JulyQ3",
    );
    expect(periodCode({ type: "quarterly", year: 2023, index: 1, fiscalStartMonth: 12 })).toBe(
      "2023DecemberQ1",
    );
  });

  it("keeps the January fiscal form of a parsed period", () => {
    expect(periodCode(parsePeriodCode("2021January"))).toBe("2021January");
    expect(periodCode(parsePeriodCode("2021JanuaryS2"))).toBe("2021JanuaryS2");
    expect(periodCode({ ...parsePeriodCode("2021JanuaryQ1"), index: 4 })).toBe("2021JanuaryQ4");
    expect(periodCode(parsePeriodCode("2021Q1"))).toBe("2021Q1");
  });

  it.each([
    [
      { type: "quarterly" as const, year: 2021, index: 5 },
      "the index of a quarterly period must be 1 to 4; got 5",
    ],
    [
      { type: "quarterly" as const, year: 2021 },
      "the index of a quarterly period must be 1 to 4; got undefined",
    ],
    [
      { type: "semi_annual" as const, year: 2021, index: 3 },
      "the index of a semi-annual period must be 1 to 2; got 3",
    ],
    [
      { type: "annual" as const, year: 2021, index: 2 },
      "the index of an annual period must be 1; got 2",
    ],
    [
      { type: "annual" as const, year: 1899 },
      "the year must be a whole number from 1900 to 2200; got 1899",
    ],
    [
      { type: "annual" as const, year: 2021.5 },
      "the year must be a whole number from 1900 to 2200; got 2021.5",
    ],
    [
      { type: "annual" as const, year: 2021, fiscalStartMonth: 13 },
      "the fiscal start month must be a whole number from 1 (January) to 12 (December); got 13",
    ],
    [
      { type: "monthly" as unknown as PeriodType, year: 2021 },
      'the period type must be "annual", "semi_annual" or "quarterly"; got "monthly"',
    ],
  ])("rejects %j", (input, message) => {
    expect(() => periodCode(input)).toThrow(PeriodCodeError);
    expect(() => periodCode(input)).toThrow(`Cannot write a period code: ${message}`);
  });
});

describe("round trips over generated codes", () => {
  const codes = allCodes(YEARS);

  it("covers every type, start month and index in several years", () => {
    // (1 calendar + 12 fiscal prefixes) × (1 + 2 + 4 periods) × years
    expect(codes).toHaveLength(13 * 7 * YEARS.length);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("parses every code back to the same code", () => {
    for (const code of codes) {
      const period = parsePeriodCode(code);
      expect(period.code).toBe(code);
      expect(periodCode(period)).toBe(code);
    }
  });

  it("formats and reparses every (type, year, index, start month)", () => {
    for (const year of YEARS) {
      for (const type of TYPES) {
        for (let fiscalStartMonth = 1; fiscalStartMonth <= 12; fiscalStartMonth++) {
          for (let index = 1; index <= COUNT[type]; index++) {
            const code = periodCode({ type, year, index, fiscalStartMonth });
            expect(parsePeriodCode(code)).toMatchObject({ type, year, index, fiscalStartMonth });
          }
        }
      }
    }
  });

  it("gives every period whole months: starts on the 1st, ends the day before a 1st", () => {
    const lengths: Record<PeriodType, number> = { annual: 12, semi_annual: 6, quarterly: 3 };
    for (const code of codes) {
      const p = parsePeriodCode(code);
      expect(p.start.endsWith("-01"), code).toBe(true);
      const after = addDays(p.end, 1);
      expect(after.endsWith("-01"), code).toBe(true);
      const [sy, sm] = p.start.split("-").map(Number) as [number, number];
      const [ay, am] = after.split("-").map(Number) as [number, number];
      expect(ay * 12 + am - (sy * 12 + sm), code).toBe(lengths[p.type]);
      const expectedFirstMonth = p.fiscalStartMonth + (p.index - 1) * lengths[p.type];
      expect(sy * 12 + sm, code).toBe(p.year * 12 + expectedFirstMonth);
    }
  });
});

describe("periodsOfYear", () => {
  it("lists the calendar quarters of 2024", () => {
    expect(
      periodsOfYear({ type: "quarterly", year: 2024 }).map((p) => [p.code, p.start, p.end]),
    ).toEqual([
      ["2024Q1", "2024-01-01", "2024-03-31"],
      ["2024Q2", "2024-04-01", "2024-06-30"],
      ["2024Q3", "2024-07-01", "2024-09-30"],
      ["2024Q4", "2024-10-01", "2024-12-31"],
    ]);
  });

  it("lists the halves and quarters of the fiscal year from July 2021", () => {
    expect(
      periodsOfYear({ type: "semi_annual", year: 2021, fiscalStartMonth: 7 }).map((p) => p.code),
    ).toEqual(["2021JulyS1", "2021JulyS2"]);
    expect(
      periodsOfYear({ type: "quarterly", year: 2021, fiscalStartMonth: 7 }).map((p) => p.code),
    ).toEqual(["2021JulyQ1", "2021JulyQ2", "2021JulyQ3", "2021JulyQ4"]);
    expect(periodsOfYear({ type: "annual", year: 2021, fiscalStartMonth: 7 })).toEqual([
      parsePeriodCode("2021July"),
    ]);
  });

  it("covers each year exactly, with no gaps or overlaps, up to the next year's start", () => {
    for (const year of YEARS.filter((y) => y < 2200)) {
      for (const type of TYPES) {
        for (let fiscalStartMonth = 1; fiscalStartMonth <= 12; fiscalStartMonth++) {
          const periods = periodsOfYear({ type, year, fiscalStartMonth });
          const whole = periodsOfYear({ type: "annual", year, fiscalStartMonth })[0];
          const next = periodsOfYear({ type, year: year + 1, fiscalStartMonth })[0];
          const where = `${type} ${year} from month ${fiscalStartMonth}`;
          expect(periods, where).toHaveLength(COUNT[type]);
          expect(
            periods.map((p) => p.index),
            where,
          ).toEqual(Array.from({ length: COUNT[type] }, (_, i) => i + 1));
          expect(periods[0]?.start, where).toBe(whole?.start);
          expect(periods.at(-1)?.end, where).toBe(whole?.end);
          for (let i = 1; i < periods.length; i++) {
            expect(periods[i]?.start, where).toBe(addDays(periods[i - 1]?.end ?? "", 1));
          }
          expect(periods.at(-1)?.end, where).toBe(addDays(next?.start ?? "", -1));
          expect([...periods].sort(comparePeriods), where).toEqual(periods);
        }
      }
    }
  });

  it("rejects bad input", () => {
    expect(() => periodsOfYear({ type: "quarterly", year: 2201 })).toThrow(
      "Cannot list the periods of a year: the year must be a whole number from 1900 to 2200; got 2201.",
    );
    expect(() => periodsOfYear({ type: "quarterly", year: 2021, fiscalStartMonth: 0 })).toThrow(
      PeriodCodeError,
    );
  });
});

describe("periodContaining", () => {
  it("finds worked examples", () => {
    expect(periodContaining("2021-08-15", { type: "quarterly" }).code).toBe("2021Q3");
    expect(periodContaining("2021-08-15", { type: "semi_annual" }).code).toBe("2021S2");
    expect(periodContaining("2021-08-15", { type: "annual" }).code).toBe("2021");
    expect(periodContaining("2022-03-10", { type: "annual", fiscalStartMonth: 7 }).code).toBe(
      "2021July",
    );
    expect(periodContaining("2022-03-10", { type: "quarterly", fiscalStartMonth: 7 }).code).toBe(
      "2021JulyQ3",
    );
    expect(periodContaining("2022-03-10", { type: "semi_annual", fiscalStartMonth: 7 }).code).toBe(
      "2021JulyS2",
    );
  });

  it("finds 29 February in the quarter from December", () => {
    expect(periodContaining("2024-02-29", { type: "quarterly", fiscalStartMonth: 12 }).code).toBe(
      "2023DecemberQ1",
    );
    expect(periodContaining("2024-03-01", { type: "quarterly", fiscalStartMonth: 12 }).code).toBe(
      "2023DecemberQ2",
    );
  });

  it("puts the first and last day of every period in that period, and the day before in the previous one", () => {
    for (const year of [1901, 2000, 2023, 2024, 2100]) {
      for (const type of TYPES) {
        for (let fiscalStartMonth = 1; fiscalStartMonth <= 12; fiscalStartMonth++) {
          const periods = [
            ...periodsOfYear({ type, year: year - 1, fiscalStartMonth }),
            ...periodsOfYear({ type, year, fiscalStartMonth }),
          ];
          for (let i = 1; i < periods.length; i++) {
            const p = periods[i] as Period;
            const input = { type, fiscalStartMonth };
            expect(periodContaining(p.start, input), p.code).toEqual(p);
            expect(periodContaining(p.end, input), p.code).toEqual(p);
            expect(periodContaining(addDays(p.start, -1), input), p.code).toEqual(periods[i - 1]);
            expect(periodContaining(addDays(p.end, 1), input).start, p.code).toBe(
              addDays(p.end, 1),
            );
          }
        }
      }
    }
  });

  it.each([
    [
      "2023-02-29",
      'Cannot find the period containing "2023-02-29": it is not a real date written YYYY-MM-DD.',
    ],
    ["2021-13-01", "it is not a real date written YYYY-MM-DD."],
    ["2021-04-31", "it is not a real date written YYYY-MM-DD."],
    ["2021-7-1", "it is not a real date written YYYY-MM-DD."],
    ["2021-07-01T00:00:00Z", "it is not a real date written YYYY-MM-DD."],
    ["", "it is not a real date written YYYY-MM-DD."],
  ])("rejects the date %j", (date, message) => {
    expect(() => periodContaining(date, { type: "quarterly" })).toThrow(PeriodCodeError);
    expect(() => periodContaining(date, { type: "quarterly" })).toThrow(message);
  });

  it("rejects dates whose year starts outside 1900–2200", () => {
    expect(() => periodContaining("1900-03-01", { type: "annual", fiscalStartMonth: 7 })).toThrow(
      'Cannot find the period containing "1900-03-01": its year starts in 1899, outside the supported years 1900–2200.',
    );
    expect(periodContaining("1900-07-01", { type: "annual", fiscalStartMonth: 7 }).code).toBe(
      "1900July",
    );
    expect(periodContaining("2201-06-30", { type: "annual", fiscalStartMonth: 7 }).code).toBe(
      "2200July",
    );
    expect(() => periodContaining("2201-01-01", { type: "annual" })).toThrow(PeriodCodeError);
  });
});

describe("comparePeriods", () => {
  it("orders by start date, then end date", () => {
    const codes = [
      "2022Q1",
      "2021July",
      "2021",
      "2021Q3",
      "2021S2",
      "2021JulyQ1",
      "2021Q1",
      "2020",
    ];
    const sorted = codes
      .map(parsePeriodCode)
      .sort(comparePeriods)
      .map((p) => p.code);
    expect(sorted).toEqual([
      "2020",
      "2021Q1",
      "2021",
      "2021Q3",
      "2021JulyQ1",
      "2021S2",
      "2021July",
      "2022Q1",
    ]);
  });

  it("is antisymmetric", () => {
    const a = parsePeriodCode("2021Q3");
    const b = parsePeriodCode("2021S2");
    expect(comparePeriods(a, b)).toBeLessThan(0);
    expect(comparePeriods(b, a)).toBeGreaterThan(0);
    expect(comparePeriods(a, parsePeriodCode("2021JulyQ1"))).toBe(0);
  });
});

describe("periodCodeSchema", () => {
  it("parses a code into a Period", () => {
    expect(periodCodeSchema.parse("2021JulyQ3")).toEqual(parsePeriodCode("2021JulyQ3"));
  });

  it("reports an invalid code as one issue with the parser's message", () => {
    const result = periodCodeSchema.safeParse("2021july");
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.message).toBe(
      'Period code "2021july" is not written in the standard form (month names are written with only the first letter capital, as in "July"); write "2021July".',
    );
    expect(periodCodeSchema.safeParse("2021Q5").error?.issues[0]?.message).toBe(
      'Period code "2021Q5" has quarter 5; quarters are Q1 to Q4.',
    );
  });

  it("rejects a value that is not text", () => {
    const result = periodCodeSchema.safeParse(2021);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^A period code must be text such as "2021"/);
  });

  it("works inside an object schema", () => {
    const form = z.object({ period: periodCodeSchema });
    expect(form.parse({ period: "2021S1" }).period.end).toBe("2021-06-30");
    expect(form.safeParse({ period: "2021S3" }).error?.issues[0]?.path).toEqual(["period"]);
  });
});
