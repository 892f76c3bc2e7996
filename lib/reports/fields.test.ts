/**
 * The field rules shared by the report editor and the server: every rule of `checkField` with
 * worked examples, the cells an indicator asks for, what must be filled before submitting, and
 * the warnings where parts do not add up.
 */
import { describe, expect, it } from "vitest";
import {
  ACTIVITY_OPTIONS,
  breakdownKey,
  checkField,
  type FieldSpec,
  fieldSpecs,
  type IndicatorShape,
  indicatorCells,
  MAX_NARRATIVE,
  MAX_NOTE,
  MILESTONE_OPTIONS,
  missingFields,
  NUMBER_FORMS_MESSAGE,
  RATING_OPTIONS,
  type ReportShape,
  readNumber,
  sumWarnings,
  valueKey,
} from "./fields";

const number = (unit: "count" | "percent" | "currency"): FieldSpec => ({
  kind: "number",
  unit,
  label: `a ${unit}`,
});
const yesNo: FieldSpec = { kind: "yes_no", label: "yes or no" };
const note: FieldSpec = { kind: "text", max: MAX_NOTE, label: "a note" };
const narrative: FieldSpec = { kind: "text", max: MAX_NARRATIVE, label: "achievements" };
const milestoneStatus: FieldSpec = {
  kind: "choice",
  options: MILESTONE_OPTIONS,
  label: "a milestone's status",
};

const accepts = (spec: FieldSpec, raw: string, value: string) =>
  expect(checkField(spec, raw), `${JSON.stringify(raw)} as ${spec.label}`).toEqual({
    ok: true,
    value,
  });
const refuses = (spec: FieldSpec, raw: string, message: string | RegExp) => {
  const result = checkField(spec, raw);
  expect(result.ok, `${JSON.stringify(raw)} as ${spec.label} should be refused`).toBe(false);
  if (!result.ok) expect(result.message).toMatch(message);
};

describe("readNumber: the accepted forms, and nothing ambiguous", () => {
  it("reads plain digits with an optional '.' decimal point", () => {
    expect(readNumber("1234")).toBe(1234);
    expect(readNumber("1770.5")).toBe(1770.5);
    expect(readNumber("12.5")).toBe(12.5);
    expect(readNumber(".5")).toBe(0.5);
    expect(readNumber(" 42 ")).toBe(42);
    expect(readNumber("-3")).toBe(-3);
  });

  it("reads thousands grouped in threes by ',' or one kind of space", () => {
    expect(readNumber("1,770")).toBe(1770);
    expect(readNumber("1 770")).toBe(1770);
    expect(readNumber("1\u00a0770")).toBe(1770); // no-break space
    expect(readNumber("1\u2009770")).toBe(1770); // thin space
    expect(readNumber("1\u202f770")).toBe(1770); // narrow no-break space
    expect(readNumber("1,234,567.25")).toBe(1234567.25);
    expect(readNumber("1 234 567")).toBe(1234567);
    expect(readNumber("-1,770")).toBe(-1770);
  });

  it("refuses what could be read two ways", () => {
    for (const raw of [
      "1 2 3 4", // 1234, or four numbers?
      "12,5", // a comma decimal: here the decimal separator is '.'
      "1,77", // a group of two
      "1,7700", // a group of four
      "12,34,567", // Indian grouping
      "1,234 567", // mixed separators
      "1 234,567",
      "1,234.567,8",
      "1  770", // two spaces
      "1.770,5", // '.' as a thousands separator
      "1234,567", // leading group of four
      "12.", // a dangling point
      "1 770 .5",
    ])
      expect(readNumber(raw), raw).toBeNull();
  });

  it("does not guess at anything else", () => {
    for (const raw of ["", "abc", "1e5", "0x10", "12abc", "1.2.3", "--1", "+1", "Infinity", "NaN"])
      expect(readNumber(raw), raw).toBeNull();
  });

  it("tells the user which forms are accepted", () => {
    const count: FieldSpec = { kind: "number", unit: "count", label: "a count" };
    for (const raw of ["1 2 3 4", "12,5", "1,77", "1,234 567"])
      expect(checkField(count, raw)).toEqual({ ok: false, message: NUMBER_FORMS_MESSAGE });
    expect(NUMBER_FORMS_MESSAGE).toContain("1,770 or 1 770");
    expect(checkField(count, "1 770")).toEqual({ ok: true, value: "1770" });
  });
});

describe("checkField", () => {
  it("accepts empty (or blank) for every kind: completeness is checked on submit", () => {
    for (const spec of [number("count"), number("percent"), yesNo, note, milestoneStatus]) {
      accepts(spec, "", "");
      accepts(spec, "   ", "");
    }
  });

  it("refuses a value that is not text", () => {
    refuses(number("count"), 12 as unknown as string, "must be text");
    refuses(note, null as unknown as string, "must be text");
  });

  describe("counts: whole and not negative", () => {
    const count = number("count");
    it("accepts whole numbers, with or without thousands separators, stored plainly", () => {
      accepts(count, "0", "0");
      accepts(count, "12", "12");
      accepts(count, " 12 ", "12");
      accepts(count, "1,234", "1234");
      accepts(count, "1 234 567", "1234567");
      accepts(count, "12.0", "12");
      accepts(count, "10000000000000", "10000000000000");
    });
    it("refuses 2.5 people, negatives, words and absurdly large numbers", () => {
      refuses(count, "2.5", "A count must be a whole number.");
      refuses(count, "-1", "The value cannot be negative.");
      refuses(count, "-1,000", "The value cannot be negative.");
      refuses(count, "twelve", NUMBER_FORMS_MESSAGE);
      refuses(count, "1,23", "Write a number");
      refuses(count, "12 people", "Write a number");
      refuses(count, "10000000000001", "This number is too large.");
    });
  });

  describe("percentages: 0 to 100", () => {
    const percent = number("percent");
    it("accepts 0, 100 and decimals between", () => {
      accepts(percent, "0", "0");
      accepts(percent, "100", "100");
      accepts(percent, "12.5", "12.5");
      accepts(percent, ".5", "0.5");
      accepts(percent, "99.99", "99.99");
    });
    it("refuses 100.5 %, a negative and a percent sign", () => {
      refuses(percent, "100.5", "A percentage must be between 0 and 100.");
      refuses(percent, "101", "between 0 and 100");
      refuses(percent, "1,000", "between 0 and 100");
      refuses(percent, "-0.1", "The value cannot be negative.");
      refuses(percent, "50%", "Write a number");
    });
  });

  describe("currency: at most two decimals", () => {
    const money = number("currency");
    it("accepts amounts with up to two decimals, with separators", () => {
      accepts(money, "1500000", "1500000");
      accepts(money, "1,500,000.50", "1500000.5");
      accepts(money, "1.25", "1.25");
      accepts(money, "1.500", "1.5");
      accepts(money, "0", "0");
    });
    it("accepts every two-decimal amount, also those a double cannot hold exactly", () => {
      // 0.29 × 100 is 28.999999999999996 in floating point; 19.99 × 100 is 1998.9999999999998.
      for (const raw of ["0.29", "1.13", "19.99", "4.35", "1,234.57", "9999999.99"])
        accepts(money, raw, String(Number(raw.replace(/,/g, ""))));
    });
    it("refuses 1.005 RWF, a negative and a currency symbol", () => {
      refuses(money, "1.005", "An amount can have at most two decimals.");
      refuses(money, "0.001", "at most two decimals");
      refuses(money, "-5", "The value cannot be negative.");
      refuses(money, "RWF 500", "Write a number");
    });
  });

  describe("yes / no", () => {
    it("accepts exactly yes or no", () => {
      accepts(yesNo, "yes", "yes");
      accepts(yesNo, " no ", "no");
    });
    it("refuses anything else", () => {
      for (const raw of ["Yes", "true", "1", "oui", "y"]) refuses(yesNo, raw, "Choose yes or no.");
    });
  });

  describe("choices", () => {
    it("accept a known option key", () => {
      accepts(milestoneStatus, "achieved", "achieved");
      accepts({ kind: "choice", options: ACTIVITY_OPTIONS, label: "s" }, "cancelled", "cancelled");
      accepts({ kind: "choice", options: RATING_OPTIONS, label: "r" }, "at_risk", "at_risk");
    });
    it("refuse a label, another list's option and inherited object keys, naming the options", () => {
      refuses(
        milestoneStatus,
        "Achieved",
        "Choose one of: Not started, In progress, Achieved, Delayed, Dropped.",
      );
      refuses(milestoneStatus, "completed", "Choose one of");
      refuses(milestoneStatus, "toString", "Choose one of");
      refuses(milestoneStatus, "__proto__", "Choose one of");
    });
  });

  describe("text", () => {
    it("keeps the text as typed, with line breaks and tabs", () => {
      accepts(note, "Done.", "Done.");
      accepts(narrative, "Line one\nLine two\r\n\tindented", "Line one\nLine two\r\n\tindented");
      accepts(narrative, "  leading and trailing  ", "  leading and trailing  ");
      accepts(
        narrative,
        "Kinyarwanda: Umugore — « égalité » 👩🏾",
        "Kinyarwanda: Umugore — « égalité » 👩🏾",
      );
    });
    it("accepts exactly the limit and refuses one character more, giving both numbers", () => {
      accepts(note, "a".repeat(MAX_NOTE), "a".repeat(MAX_NOTE));
      refuses(
        note,
        "a".repeat(MAX_NOTE + 1),
        `This text is ${MAX_NOTE + 1} characters long; the limit is ${MAX_NOTE}.`,
      );
      accepts(narrative, "a".repeat(MAX_NARRATIVE), "a".repeat(MAX_NARRATIVE));
      refuses(narrative, "a".repeat(MAX_NARRATIVE + 1), `the limit is ${MAX_NARRATIVE}`);
    });
    it("refuses invisible control characters", () => {
      for (const c of [
        "\u0000",
        "\u0007",
        "\u0008",
        "\u000b",
        "\u000c",
        "\u001b",
        "\u001f",
        "\u007f",
      ])
        refuses(note, `before${c}after`, "This text contains invisible control characters.");
    });
  });
});

// ─── Shapes ─────────────────────────────────────────────────────────────────────────────────

const SEX = {
  key: "sex",
  name: "Sex",
  categories: [
    { key: "female", label: "Women" },
    { key: "male", label: "Men" },
  ],
};
const PROVINCE = {
  key: "province",
  name: "Province",
  categories: [
    { key: "east", label: "East" },
    { key: "west", label: "West" },
  ],
};
const AGE = {
  key: "age",
  name: "Age",
  categories: [
    { key: "youth", label: "15–24" },
    { key: "adult", label: "25+" },
  ],
};

const indicator = (
  id: number,
  unit: IndicatorShape["unit"],
  dimensions: IndicatorShape["dimensions"] = [],
): IndicatorShape => ({ id, code: `1.1.${id}`, title: `Indicator ${id}`, unit, dimensions });

describe("indicatorCells", () => {
  it("asks for the total only when there is no dimension", () => {
    expect(indicatorCells(indicator(1, "count"))).toEqual([{ breakdown: "", label: "Total" }]);
  });

  it("asks for the total and each category of one dimension", () => {
    expect(indicatorCells(indicator(1, "count", [SEX]))).toEqual([
      { breakdown: "", label: "Total" },
      { breakdown: "sex=female", label: "Women" },
      { breakdown: "sex=male", label: "Men" },
    ]);
  });

  it("asks for a grid with its margins for two dimensions, keys sorted by dimension", () => {
    const cells = indicatorCells(indicator(1, "count", [SEX, PROVINCE]));
    expect(cells).toEqual([
      { breakdown: "", label: "Total" },
      { breakdown: "sex=female", label: "Women" },
      { breakdown: "sex=male", label: "Men" },
      { breakdown: "province=east", label: "East" },
      { breakdown: "province=west", label: "West" },
      { breakdown: "province=east;sex=female", label: "Women, East" },
      { breakdown: "province=west;sex=female", label: "Women, West" },
      { breakdown: "province=east;sex=male", label: "Men, East" },
      { breakdown: "province=west;sex=male", label: "Men, West" },
    ]);
    expect(new Set(cells.map((c) => c.breakdown)).size).toBe(cells.length);
  });

  it("asks for the total and each dimension's categories (no combinations) for three", () => {
    const cells = indicatorCells(indicator(1, "count", [SEX, PROVINCE, AGE]));
    expect(cells.map((c) => c.breakdown)).toEqual([
      "",
      "sex=female",
      "sex=male",
      "province=east",
      "province=west",
      "age=youth",
      "age=adult",
    ]);
  });

  it("makes the same breakdown key whatever the order of the pairs", () => {
    expect(breakdownKey({ sex: "female", province: "east" })).toBe(
      breakdownKey({ province: "east", sex: "female" }),
    );
  });
});

const SHAPE: ReportShape = {
  indicators: [
    indicator(1, "count", [SEX]),
    indicator(2, "percent"),
    indicator(3, "yes_no", [SEX]),
    indicator(4, "text"),
  ],
  milestones: [{ id: 7, title: "Law adopted" }],
  activities: [{ id: 8, description: "Training" }],
  outputs: [{ id: 9, code: "1.1", title: "Participation" }],
};

describe("fieldSpecs", () => {
  const specs = fieldSpecs(SHAPE);
  it("gives every cell of a number indicator, but only the total of yes/no and text ones", () => {
    expect(specs.get("value:1:")).toEqual({
      kind: "number",
      unit: "count",
      label: "1.1.1 Indicator 1: Total",
    });
    expect(specs.get("value:1:sex=female")?.label).toBe("1.1.1 Indicator 1: Women");
    expect(specs.get("value:2:")).toMatchObject({ kind: "number", unit: "percent" });
    expect(specs.get("value:3:")).toMatchObject({ kind: "yes_no" });
    expect(specs.has("value:3:sex=female")).toBe(false);
    expect(specs.get("value:4:")).toMatchObject({ kind: "text", max: MAX_NOTE });
  });

  it("gives notes, narrative, milestone, activity and rating fields with labels for people", () => {
    expect(specs.get("note:1")).toMatchObject({ kind: "text", max: MAX_NOTE });
    expect(specs.get("narrative:achievements")).toEqual({
      kind: "text",
      max: MAX_NARRATIVE,
      label: "Achievements",
    });
    expect(specs.get("narrative:nextSteps")?.label).toBe("Next steps");
    expect(specs.get("milestone:7:status")).toMatchObject({
      kind: "choice",
      label: 'Milestone "Law adopted": status',
    });
    expect(specs.get("activity:8:spent")).toMatchObject({ kind: "number", unit: "currency" });
    expect(specs.get("rating:9:rating")).toMatchObject({ kind: "choice", options: RATING_OPTIONS });
    expect(specs.has("narrative:other")).toBe(false);
  });
});

describe("missingFields", () => {
  const complete = {
    "value:1:": "10",
    "value:2:": "40",
    "value:3:": "yes",
    "value:4:": "A policy was adopted.",
    "milestone:7:status": "achieved",
    "activity:8:status": "completed",
    "rating:9:rating": "on_track",
    "narrative:achievements": "Much.",
  };

  it("lists every total, status, rating and the achievements when nothing is filled", () => {
    expect(missingFields(SHAPE, {})).toEqual([
      {
        key: "value:1:",
        label: "1.1.1 Indicator 1: Total",
        message: "Give the total for this period.",
      },
      {
        key: "value:2:",
        label: "1.1.2 Indicator 2: Total",
        message: "Give the total for this period.",
      },
      {
        key: "value:3:",
        label: "1.1.3 Indicator 3: Total",
        message: "Give the total for this period.",
      },
      {
        key: "value:4:",
        label: "1.1.4 Indicator 4: Total",
        message: "Give the total for this period.",
      },
      {
        key: "milestone:7:status",
        label: 'Milestone "Law adopted": status',
        message: "Choose a status.",
      },
      {
        key: "activity:8:status",
        label: 'Activity "Training": status',
        message: "Choose a status.",
      },
      {
        key: "rating:9:rating",
        label: "Output 1.1: your rating",
        message: "Rate the output you lead.",
      },
      {
        key: "narrative:achievements",
        label: "Achievements",
        message: "Describe what was achieved.",
      },
    ]);
  });

  it("finds nothing missing in a complete report; parts, notes and other narrative are optional", () => {
    expect(missingFields(SHAPE, complete)).toEqual([]);
  });

  it("counts blank text as missing", () => {
    expect(missingFields(SHAPE, { ...complete, "narrative:achievements": "   " })).toEqual([
      expect.objectContaining({ key: "narrative:achievements" }),
    ]);
  });

  it("lists stored values that break their rule, with the rule's message", () => {
    expect(
      missingFields(SHAPE, { ...complete, "value:2:": "140", "value:1:sex=male": "2.5" }),
    ).toEqual([
      {
        key: "value:2:",
        label: "1.1.2 Indicator 2: Total",
        message: "A percentage must be between 0 and 100.",
      },
      {
        key: "value:1:sex=male",
        label: "1.1.1 Indicator 1: Men",
        message: "A count must be a whole number.",
      },
    ]);
  });

  it("asks for a rating only of outputs the institution leads, not those it supports", () => {
    const shape: ReportShape = {
      ...SHAPE,
      outputs: [
        { id: 9, code: "1.1", title: "Participation", role: "lead" },
        { id: 10, code: "1.2", title: "Security sector", role: "supporting" },
      ],
    };
    expect(missingFields(shape, {}).filter((p) => p.key.startsWith("rating:"))).toEqual([
      {
        key: "rating:9:rating",
        label: "Output 1.1: your rating",
        message: "Rate the output you lead.",
      },
    ]);
    // A supporting institution may still rate, and its rating is checked.
    expect(
      missingFields(shape, { ...complete, "rating:10:rating": "excellent" }).map((p) => p.key),
    ).toEqual(["rating:10:rating"]);
  });

  it("ignores keys that are not part of the report", () => {
    expect(missingFields(SHAPE, { ...complete, "value:99:": "x" })).toEqual([]);
  });
});

describe("sumWarnings", () => {
  const bySex = indicator(1, "count", [SEX]);
  const v = (id: number, entries: Record<string, string>) =>
    Object.fromEntries(Object.entries(entries).map(([b, value]) => [valueKey(id, b), value]));

  it("warns with the numbers when the parts do not add up to the total", () => {
    expect(
      sumWarnings(bySex, v(1, { "": "1,250", "sex=female": "700", "sex=male": "500" })),
    ).toEqual([
      { key: "value:1:", message: "The parts add up to 1,200, but the total (by sex) is 1,250." },
    ]);
  });

  it("says nothing when they add up", () => {
    expect(
      sumWarnings(bySex, v(1, { "": "1200", "sex=female": "700", "sex=male": "500" })),
    ).toEqual([]);
  });

  it("says nothing until every part and the total are filled", () => {
    expect(sumWarnings(bySex, v(1, { "": "1250", "sex=female": "700" }))).toEqual([]);
    expect(sumWarnings(bySex, v(1, { "sex=female": "700", "sex=male": "500" }))).toEqual([]);
    expect(sumWarnings(bySex, v(1, { "": "1250", "sex=female": "700", "sex=male": " " }))).toEqual(
      [],
    );
  });

  it("never warns for percentages (parts of a share do not add up), yes/no or text", () => {
    for (const unit of ["percent", "yes_no", "text"] as const)
      expect(
        sumWarnings(
          indicator(1, unit, [SEX]),
          v(1, { "": "50", "sex=female": "60", "sex=male": "70" }),
        ),
        unit,
      ).toEqual([]);
  });

  it("adds money without floating-point noise", () => {
    const money = indicator(1, "currency", [SEX]);
    expect(sumWarnings(money, v(1, { "": "0.3", "sex=female": "0.1", "sex=male": "0.2" }))).toEqual(
      [],
    );
    expect(
      sumWarnings(money, v(1, { "": "10.5", "sex=female": "0.1", "sex=male": "0.2" })),
    ).toEqual([
      { key: "value:1:", message: "The parts add up to 0.3, but the total (by sex) is 10.5." },
    ]);
  });

  it("checks each dimension against the total, and each row and column of a grid against its margin", () => {
    const grid = indicator(1, "count", [SEX, PROVINCE]);
    const values = v(1, {
      "": "100",
      "sex=female": "60",
      "sex=male": "40",
      "province=east": "50",
      "province=west": "49", // provinces add up to 99
      "province=east;sex=female": "30",
      "province=west;sex=female": "30",
      "province=east;sex=male": "20",
      "province=west;sex=male": "25", // men's row adds up to 45, not 40; west column to 55, not 49
    });
    expect(sumWarnings(grid, values)).toEqual([
      { key: "value:1:", message: "The parts add up to 99, but the total (by province) is 100." },
      { key: "value:1:sex=male", message: "The parts add up to 45, but the total for Men is 40." },
      {
        key: "value:1:province=west",
        message: "The parts add up to 55, but the total for West is 49.",
      },
    ]);
  });
});
