/**
 * The plausibility warnings an approval asks the reviewer to acknowledge, with worked examples:
 * the 1.3.a total of 120 after an approved 1,770 (a 93 % fall), a value far past its
 * target, a percentage outside 0–100 and parts that do not add up; and the list of what goes
 * public, each value with the approved one it replaces.
 */
import { describe, expect, it } from "vitest";
import { breakdownKey, valueKey } from "./fields";
import {
  MAX_CHANGE_SHARE,
  type PreviewIndicator,
  publicationPreview,
  TARGET_MARGIN_SHARE,
  unacknowledged,
} from "./plausibility";

const PERIOD = "2022July";

const cooperatives: PreviewIndicator = {
  id: 13,
  code: "1.3.a",
  title: "Number of women's cooperatives with access to formal credit",
  unit: "count",
  direction: "increase",
  dimensions: [
    {
      key: "province",
      name: "Province",
      categories: [
        { key: "north", label: "North" },
        { key: "south", label: "South" },
      ],
    },
  ],
  target: { year: 2022, value: 2200 },
  endTarget: 2200,
  previous: { periodCode: "2020July", values: { "": 1770, "province=north": 900 } },
};

const total = valueKey(13, "");
const north = valueKey(13, breakdownKey({ province: "north" }));
const south = valueKey(13, breakdownKey({ province: "south" }));

const kinds = (values: Record<string, string>, indicator = cooperatives, current = {}) =>
  publicationPreview([indicator], values, PERIOD, current).warnings.map((w) => [w.kind, w.key]);

describe("publicationPreview: what goes public", () => {
  it("lists every filled cell with the last approved value it follows", () => {
    const { values } = publicationPreview(
      [cooperatives],
      { [total]: "1900", [north]: "1000", [south]: "" },
      PERIOD,
    );
    expect(values).toEqual([
      expect.objectContaining({
        key: total,
        code: "1.3.a",
        cell: "Total",
        value: "1900",
        last: { value: 1770, periodCode: "2020July" },
      }),
      expect.objectContaining({
        key: north,
        cell: "North",
        value: "1000",
        last: { value: 900, periodCode: "2020July" },
      }),
    ]);
  });

  it("names the value public for this same period (a re-approval) as the one replaced", () => {
    const { values } = publicationPreview([cooperatives], { [total]: "1900" }, PERIOD, {
      [total]: 1850,
    });
    expect(values[0]?.last).toEqual({ value: 1850, periodCode: PERIOD });
  });

  it("gives no last value where none was approved, and lists text and yes/no totals", () => {
    const text: PreviewIndicator = {
      ...cooperatives,
      id: 7,
      code: "2.1.b",
      unit: "yes_no",
      dimensions: [],
      previous: null,
    };
    const { values, warnings } = publicationPreview([text], { [valueKey(7, "")]: "yes" }, PERIOD);
    expect(values).toEqual([expect.objectContaining({ value: "yes", last: null })]);
    expect(warnings).toEqual([]);
  });
});

describe("publicationPreview: warnings", () => {
  it("the issue's example: 120 replacing an approved 1,770 is a 93 % fall", () => {
    const { warnings } = publicationPreview([cooperatives], { [total]: "120" }, PERIOD);
    expect(warnings).toEqual([
      {
        id: expect.stringContaining("change|"),
        kind: "change",
        key: total,
        label: "1.3.a Total",
        message:
          "120 is a 93 % fall from the last approved value (1,770, July 2020 – June 2021): more than ±50 %.",
      },
    ]);
  });

  it(`warns beyond ±${MAX_CHANGE_SHARE * 100} % of the last value, not at it`, () => {
    expect(kinds({ [total]: "2655" })).toEqual([]); // +50 % exactly
    expect(kinds({ [total]: "885" })).toEqual([]); // −50 % exactly
    expect(kinds({ [total]: "2656" })).toEqual([["change", total]]);
    expect(kinds({ [total]: "884" })).toEqual([["change", total]]);
    // A breakdown cell is compared with its own last value: 900 → 300 is a 67 % fall.
    expect(kinds({ [north]: "300" })).toEqual([["change", north]]);
  });

  it("compares with the value public for this period when re-approving", () => {
    expect(kinds({ [total]: "1900" }, cooperatives, { [total]: 3000 })).toEqual([]);
    expect(kinds({ [total]: "1000" }, cooperatives, { [total]: 3000 })).toEqual([
      ["change", total],
    ]);
  });

  it("no change warning after an approved 0 (no share of nothing)", () => {
    const zero = { ...cooperatives, previous: { periodCode: "2020July", values: { "": 0 } } };
    expect(kinds({ [total]: "50" }, zero)).toEqual([]);
  });

  it(`warns when the total passes its target by more than ${TARGET_MARGIN_SHARE * 100} %`, () => {
    const noHistory = { ...cooperatives, previous: null };
    expect(kinds({ [total]: "3300" }, noHistory)).toEqual([]); // 150 % of 2,200
    const { warnings } = publicationPreview([noHistory], { [total]: "3301" }, PERIOD);
    expect(warnings.map((w) => w.message)).toEqual([
      "3,301 is 150 % of the 2022 target (2,200): more than 150 %.",
    ]);
    // Without a target for the year, the plan's end target is the yardstick.
    const endOnly = { ...noHistory, target: null, endTarget: 1000 };
    expect(kinds({ [total]: "1600" }, endOnly)).toEqual([["target", total]]);
    // A decrease indicator: far below its target.
    const cases = {
      ...noHistory,
      direction: "decrease" as const,
      target: { year: 2022, value: 40 },
    };
    expect(kinds({ [total]: "20" }, cases)).toEqual([]);
    expect(kinds({ [total]: "19" }, cases)).toEqual([["target", total]]);
    // "Maintain" has no side to pass.
    expect(kinds({ [total]: "9999" }, { ...noHistory, direction: "maintain" })).toEqual([]);
  });

  it("warns on a percentage outside 0–100", () => {
    const share: PreviewIndicator = {
      ...cooperatives,
      id: 41,
      code: "4.1.a",
      unit: "percent",
      dimensions: [],
      target: null,
      endTarget: null,
      previous: null,
    };
    expect(kinds({ [valueKey(41, "")]: "100" }, share)).toEqual([]);
    expect(kinds({ [valueKey(41, "")]: "0" }, share)).toEqual([]);
    expect(kinds({ [valueKey(41, "")]: "120" }, share)).toEqual([["percent", valueKey(41, "")]]);
    expect(kinds({ [valueKey(41, "")]: "-1" }, share)).toEqual([["percent", valueKey(41, "")]]);
  });

  it("warns when parts do not add up to the total", () => {
    const noHistory = { ...cooperatives, previous: null };
    expect(kinds({ [total]: "1900", [north]: "1000", [south]: "900" }, noHistory)).toEqual([]);
    const { warnings } = publicationPreview(
      [noHistory],
      { [total]: "1900", [north]: "1000", [south]: "800" },
      PERIOD,
    );
    expect(warnings).toEqual([
      expect.objectContaining({
        kind: "sum",
        key: total,
        message: "The parts add up to 1,800, but the total (by province) is 1,900.",
      }),
    ]);
  });
});

describe("unacknowledged", () => {
  const { warnings } = publicationPreview(
    [{ ...cooperatives, previous: null }],
    { [total]: "4000", [north]: "1000", [south]: "800" },
    PERIOD,
  );

  it("lists the warnings not ticked; made-up or stale ids tick nothing", () => {
    expect(warnings.map((w) => w.kind)).toEqual(["target", "sum"]);
    expect(unacknowledged(warnings, [])).toEqual(warnings);
    expect(unacknowledged(warnings, [warnings[0]?.id ?? ""])).toEqual([warnings[1]]);
    expect(
      unacknowledged(
        warnings,
        warnings.map((w) => w.id),
      ),
    ).toEqual([]);
    expect(unacknowledged(warnings, ["target|value:13:|made up", "anything"])).toEqual(warnings);
  });

  it("an acknowledgement of other figures does not cover these", () => {
    const other = publicationPreview(
      [{ ...cooperatives, previous: null }],
      { [total]: "5000", [north]: "1000", [south]: "800" },
      PERIOD,
    ).warnings;
    expect(
      unacknowledged(
        warnings,
        other.map((w) => w.id),
      ),
    ).toEqual(warnings);
  });
});
