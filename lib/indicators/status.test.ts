import { describe, expect, it } from "vitest";
import {
  computeStatus,
  DEFAULT_THRESHOLDS,
  describeStatusMethod,
  isStaleYear,
  STALE_AFTER_YEARS,
  STATUS_LABELS,
  type StatusInput,
} from "./status";

// The examples of the method itself are judged in mid-2021 for a plan running to 2030, so that
// no value in them is stale; the staleness examples below set their own day and plan.
type Example = Omit<StatusInput, "planEndYear" | "now"> &
  Partial<Pick<StatusInput, "planEndYear" | "now">>;
const RUNNING = { planEndYear: 2030, now: new Date("2021-06-01T00:00:00Z") };
const status = (input: Example) => computeStatus({ ...RUNNING, ...input });

// Shared increase example: baseline 4.23 (2017), target 10 (2022).
const increase = (value: number, year: number): Example => ({
  direction: "increase",
  baseline: { value: 4.23, year: 2017 },
  target: { value: 10, year: 2022 },
  latest: { value, year },
});

// Shared decrease example: baseline 40 (2018), target 20 (2024).
const decrease = (value: number, year: number): Example => ({
  direction: "decrease",
  baseline: { value: 40, year: 2018 },
  target: { value: 20, year: 2024 },
  latest: { value, year },
});

// Shared maintain example: baseline 30 (2020), target 30 (2025).
const maintain = (value: number, year: number): Example => ({
  direction: "maintain",
  baseline: { value: 30, year: 2020 },
  target: { value: 30, year: 2025 },
  latest: { value, year },
});

describe("constants", () => {
  it("has a label for every status", () => {
    expect(STATUS_LABELS).toEqual({
      achieved: "Achieved",
      on_track: "On track",
      at_risk: "At risk",
      off_track: "Off track",
      stale: "Stale",
      no_target: "No target set",
      no_baseline: "No baseline set",
      no_data: "No data",
    });
  });

  it("calls a value stale more than two years on", () => {
    expect(STALE_AFTER_YEARS).toBe(2);
  });

  it("defaults to a 10-point tolerance and a half-share at-risk band", () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ tolerance: 0.1, atRiskShare: 0.5 });
  });
});

describe("computeStatus: increase", () => {
  it("on track: progress (7.21−4.23)/(10−4.23) ≈ 0.5165, expected 3/5 = 0.6; 0.5165 ≥ 0.6−0.1 = 0.5", () => {
    const r = status(increase(7.21, 2020));
    expect(r.status).toBe("on_track");
    expect(r.progress).toBeCloseTo(2.98 / 5.77, 10);
    expect(r.progress).toBeCloseTo(0.5165, 4);
    expect(r.expected).toBeCloseTo(0.6, 10);
  });

  it("off track: progress (5.0−4.23)/(10−4.23) ≈ 0.1334, expected 0.6; 0.1334 < 0.6×0.5 = 0.3", () => {
    const r = status(increase(5.0, 2020));
    expect(r.status).toBe("off_track");
    expect(r.progress).toBeCloseTo(0.1334, 4);
    expect(r.expected).toBeCloseTo(0.6, 10);
  });

  it("at risk: progress (6.0−4.23)/(10−4.23) ≈ 0.3068, expected 0.6; 0.3 ≤ 0.3068 < 0.5", () => {
    const r = status(increase(6.0, 2020));
    expect(r.status).toBe("at_risk");
    expect(r.progress).toBeCloseTo(0.3068, 4);
  });

  it("achieved: progress (10.5−4.23)/(10−4.23) ≈ 1.087 ≥ 1, even before the target year", () => {
    const r = status(increase(10.5, 2021));
    expect(r.status).toBe("achieved");
    expect(r.progress).toBeGreaterThan(1);
    expect(r.expected).toBeCloseTo(0.8, 10); // (2021−2017)/5
  });

  it("achieved: latest exactly equal to target gives progress (10−4.23)/(10−4.23) = 1", () => {
    const r = status(increase(10, 2022));
    expect(r.status).toBe("achieved");
    expect(r.progress).toBe(1);
    expect(r.expected).toBe(1);
  });

  it("wrong way at year 0 is on track: baseline 50 (2020) → 60 (2025), latest 49.5 (2020); progress −0.5/10 = −0.05 ≥ 0−0.1", () => {
    const r = status({
      direction: "increase",
      baseline: { value: 50, year: 2020 },
      target: { value: 60, year: 2025 },
      latest: { value: 49.5, year: 2020 },
    });
    expect(r.status).toBe("on_track");
    expect(r.progress).toBeCloseTo(-0.05, 10);
    expect(r.expected).toBe(0);
  });

  it("wrong way beyond tolerance at year 0 is off track: latest 48 (2020); progress −2/10 = −0.2 < −0.1 and < 0×0.5 = 0", () => {
    const r = status({
      direction: "increase",
      baseline: { value: 50, year: 2020 },
      target: { value: 60, year: 2025 },
      latest: { value: 48, year: 2020 },
    });
    expect(r.status).toBe("off_track");
    expect(r.progress).toBeCloseTo(-0.2, 10);
  });

  it("wrong way later on is off track: latest 3.5 (2020); progress (3.5−4.23)/5.77 ≈ −0.1265 < 0.3", () => {
    const r = status(increase(3.5, 2020));
    expect(r.status).toBe("off_track");
    expect(r.progress).toBeLessThan(0);
  });

  it("expected is clamped to 1 after the target year: 50 (2020) → 60 (2025), latest 58 (2027); progress 0.8, expected min(7/5, 1) = 1; 0.5 ≤ 0.8 < 0.9 → at risk", () => {
    const r = status({
      direction: "increase",
      baseline: { value: 50, year: 2020 },
      target: { value: 60, year: 2025 },
      latest: { value: 58, year: 2027 },
    });
    expect(r.expected).toBe(1);
    expect(r.progress).toBeCloseTo(0.8, 10);
    expect(r.status).toBe("at_risk");
  });

  it("expected is clamped to 0 before the baseline year: latest 51 (2019); expected max(−1/5, 0) = 0; progress 0.1 ≥ −0.1 → on track", () => {
    const r = status({
      direction: "increase",
      baseline: { value: 50, year: 2020 },
      target: { value: 60, year: 2025 },
      latest: { value: 51, year: 2019 },
    });
    expect(r.expected).toBe(0);
    expect(r.status).toBe("on_track");
  });
});

describe("computeStatus: decrease", () => {
  it("on track: progress (30−40)/(20−40) = 0.5, expected (2021−2018)/6 = 0.5; 0.5 ≥ 0.4", () => {
    const r = status(decrease(30, 2021));
    expect(r.status).toBe("on_track");
    expect(r.progress).toBe(0.5);
    expect(r.expected).toBe(0.5);
  });

  it("at risk: progress (34−40)/(20−40) = 0.3, expected 0.5; 0.25 ≤ 0.3 < 0.4", () => {
    const r = status(decrease(34, 2021));
    expect(r.status).toBe("at_risk");
    expect(r.progress).toBeCloseTo(0.3, 10);
  });

  it("off track when the value rises: progress (44−40)/(20−40) = −0.2 < 0.25", () => {
    const r = status(decrease(44, 2021));
    expect(r.status).toBe("off_track");
    expect(r.progress).toBeCloseTo(-0.2, 10);
  });

  it("achieved when the value falls past the target: progress (18−40)/(20−40) = 1.1 ≥ 1", () => {
    const r = status(decrease(18, 2023));
    expect(r.status).toBe("achieved");
    expect(r.progress).toBeCloseTo(1.1, 10);
  });
});

describe("computeStatus: target year not after baseline year", () => {
  it("same year: 10 (2022) → 20 (2022), latest 15 (2022); expected = 1, progress 0.5 ≥ 1×0.5 → at risk", () => {
    const r = status({
      direction: "increase",
      baseline: { value: 10, year: 2022 },
      target: { value: 20, year: 2022 },
      latest: { value: 15, year: 2022 },
    });
    expect(r.expected).toBe(1);
    expect(r.progress).toBe(0.5);
    expect(r.status).toBe("at_risk");
  });

  it("target year before baseline year: 10 (2022) → 20 (2020), latest 19.5 (2023); expected = 1, progress 0.95 ≥ 0.9 → on track", () => {
    const r = status({
      direction: "increase",
      baseline: { value: 10, year: 2022 },
      target: { value: 20, year: 2020 },
      latest: { value: 19.5, year: 2023 },
    });
    expect(r.expected).toBe(1);
    expect(r.progress).toBeCloseTo(0.95, 10);
    expect(r.status).toBe("on_track");
  });
});

describe("computeStatus: custom thresholds", () => {
  it("tolerance 0.05, atRiskShare 0.75: progress ≈ 0.5165 < 0.6−0.05 = 0.55 but ≥ 0.6×0.75 = 0.45 → at risk (on track with defaults)", () => {
    const thresholds = { tolerance: 0.05, atRiskShare: 0.75 };
    expect(status({ ...increase(7.21, 2020), thresholds }).status).toBe("at_risk");
    expect(status(increase(7.21, 2020)).status).toBe("on_track");
  });

  it("tolerance 0.2, atRiskShare 0.25: progress (5.5−4.23)/5.77 ≈ 0.2201 < 0.4 but ≥ 0.6×0.25 = 0.15 → at risk (off track with defaults, < 0.3)", () => {
    const thresholds = { tolerance: 0.2, atRiskShare: 0.25 };
    const r = status({ ...increase(5.5, 2020), thresholds });
    expect(r.progress).toBeCloseTo(0.2201, 4);
    expect(r.status).toBe("at_risk");
    expect(status(increase(5.5, 2020)).status).toBe("off_track");
  });

  it("tolerance 0.2 widens the on-track band: progress ≈ 0.4298 ((6.71−4.23)/5.77) ≥ 0.6−0.2 = 0.4", () => {
    const thresholds = { tolerance: 0.2, atRiskShare: 0.5 };
    expect(status({ ...increase(6.71, 2020), thresholds }).status).toBe("on_track");
    expect(status(increase(6.71, 2020)).status).toBe("at_risk");
  });
});

describe("computeStatus: maintain", () => {
  it("on track before the target year: deviation |31−30|/30 ≈ 0.033 ≤ 0.1", () => {
    expect(status(maintain(31, 2022))).toEqual({
      status: "on_track",
      assessment: "on_track",
      basis: "target",
      progress: null,
      expected: null,
      asOfYear: 2022,
    });
  });

  it("at risk: deviation |35−30|/30 ≈ 0.167, 0.1 < 0.167 ≤ 2×0.1", () => {
    expect(status(maintain(35, 2022)).status).toBe("at_risk");
  });

  it("off track: deviation |40−30|/30 ≈ 0.333 > 0.2", () => {
    expect(status(maintain(40, 2022)).status).toBe("off_track");
  });

  it("deviation counts both ways: |24−30|/30 = 0.2 ≤ 0.2 → at risk; |20−30|/30 ≈ 0.333 → off track", () => {
    expect(status(maintain(24, 2022)).status).toBe("at_risk");
    expect(status(maintain(20, 2022)).status).toBe("off_track");
  });

  it("achieved once latest.year ≥ target.year and deviation |29−30|/30 ≈ 0.033 ≤ 0.1", () => {
    expect(status(maintain(29, 2025)).status).toBe("achieved");
    expect(status(maintain(30, 2026)).status).toBe("achieved");
  });

  it("at or after the target year a larger deviation is still at risk / off track, not achieved", () => {
    expect(status(maintain(35, 2026)).status).toBe("at_risk"); // 5/30 ≈ 0.167
    expect(status(maintain(40, 2025)).status).toBe("off_track"); // 10/30 ≈ 0.333
  });

  it("measures deviation against the target value, not the baseline: baseline 28, target 30, latest 30 → deviation 0", () => {
    const r = status({
      direction: "maintain",
      baseline: { value: 28, year: 2020 },
      target: { value: 30, year: 2025 },
      latest: { value: 30, year: 2022 },
    });
    expect(r.status).toBe("on_track");
  });

  it("target value 0 uses a tiny denominator: latest 0 → deviation 0 on track; latest 0.5 → off track", () => {
    const zero = (value: number): Example => ({
      direction: "maintain",
      baseline: { value: 0, year: 2020 },
      target: { value: 0, year: 2025 },
      latest: { value, year: 2022 },
    });
    expect(status(zero(0)).status).toBe("on_track");
    expect(status(zero(0.5)).status).toBe("off_track");
  });

  it("custom tolerance 0.2: deviation |35−30|/30 ≈ 0.167 ≤ 0.2 → on track", () => {
    const r = status({
      ...maintain(35, 2022),
      thresholds: { tolerance: 0.2, atRiskShare: 0.5 },
    });
    expect(r.status).toBe("on_track");
  });

  it("increase with target equal to baseline is treated as maintain: 50 → 50, latest 52 (2023); deviation 2/50 = 0.04", () => {
    const r = status({
      direction: "increase",
      baseline: { value: 50, year: 2020 },
      target: { value: 50, year: 2025 },
      latest: { value: 52, year: 2023 },
    });
    expect(r).toMatchObject({
      status: "on_track",
      basis: "target",
      progress: null,
      expected: null,
    });
  });

  it("decrease with target equal to baseline is treated as maintain: 50 → 50, latest 60 (2025); deviation 10/50 = 0.2 → at risk", () => {
    const r = status({
      direction: "decrease",
      baseline: { value: 50, year: 2020 },
      target: { value: 50, year: 2025 },
      latest: { value: 60, year: 2025 },
    });
    expect(r).toMatchObject({ status: "at_risk", basis: "target", progress: null, expected: null });
  });
});

describe("computeStatus: no data, only when there is no value", () => {
  const noData = {
    status: "no_data",
    assessment: null,
    basis: null,
    progress: null,
    expected: null,
    asOfYear: null,
  };

  it("when there is no approved value", () => {
    expect(status({ ...increase(7.21, 2020), latest: null })).toEqual(noData);
    expect(status({ ...maintain(30, 2022), latest: null })).toEqual(noData);
  });

  it("when the value or its year is not a finite number", () => {
    expect(status(increase(Number.NaN, 2020))).toEqual(noData);
    expect(status(increase(Number.POSITIVE_INFINITY, 2020))).toEqual(noData);
    expect(status(increase(7.21, Number.NaN))).toEqual(noData);
  });
});

describe("computeStatus: indicators without a target or a baseline", () => {
  it("increase with a value but no target → No target set, as of the value's year", () => {
    const r = status({ ...increase(7.21, 2020), target: null });
    expect(r).toEqual({
      status: "no_target",
      assessment: "no_target",
      basis: null,
      progress: null,
      expected: null,
      asOfYear: 2020,
    });
    expect(STATUS_LABELS[r.status]).toBe("No target set");
  });

  it("decrease with a value and a target but no baseline → No baseline set", () => {
    const r = status({ ...decrease(30, 2021), baseline: null });
    expect(r).toMatchObject({ status: "no_baseline", basis: null, asOfYear: 2021 });
    expect(STATUS_LABELS[r.status]).toBe("No baseline set");
  });

  it("a target or baseline that is not a finite number counts as missing", () => {
    expect(
      status({ ...increase(7.21, 2020), target: { value: Number.NEGATIVE_INFINITY, year: 2022 } })
        .status,
    ).toBe("no_target");
    expect(
      status({ ...increase(7.21, 2020), baseline: { value: Number.NaN, year: 2017 } }).status,
    ).toBe("no_baseline");
  });

  // Demo 3.1.b: SGBV cases received, maintain, baseline 4,300 (2017), no targets, plan to 2022.
  const cases = (value: number, year: number): Example => ({
    direction: "maintain",
    baseline: { value: 4300, year: 2017 },
    target: null,
    latest: { value, year },
    planEndYear: 2022,
    now: new Date("2021-06-01T00:00:00Z"),
  });

  it("maintain without a target keeps its baseline: 4,500 (2020) deviates |4500−4300|/4300 ≈ 0.047 ≤ 0.1 → on track", () => {
    expect(status(cases(4500, 2020))).toEqual({
      status: "on_track",
      assessment: "on_track",
      basis: "baseline",
      progress: null,
      expected: null,
      asOfYear: 2020,
    });
  });

  it("… 5,000 (2020) deviates ≈ 0.163 → at risk; 5,500 ≈ 0.279 → off track", () => {
    expect(status(cases(5000, 2020)).status).toBe("at_risk");
    expect(status(cases(5500, 2020)).status).toBe("off_track");
  });

  it("… the baseline is to be kept until the plan's last year: 4,400 in 2022 → achieved", () => {
    expect(status({ ...cases(4400, 2022), now: new Date("2022-12-01T00:00:00Z") }).status).toBe(
      "achieved",
    );
  });

  it("maintain with neither target nor baseline → No target set", () => {
    expect(status({ ...cases(4500, 2020), baseline: null }).status).toBe("no_target");
  });
});

describe("computeStatus: stale values", () => {
  // Demo 2.3.a: districts with early warning, 5 (2017) → 30 (2022); latest 19 for 2020.
  const districts = (year: number, now: string): StatusInput => ({
    direction: "increase",
    baseline: { value: 5, year: 2017 },
    target: { value: 30, year: 2022 },
    latest: { value: 19, year },
    planEndYear: 2022,
    now: new Date(now),
  });

  it("judged in 2021, 19 for 2020 is on track: progress 14/25 = 0.56 ≥ 3/5 − 0.1 = 0.5", () => {
    expect(status(districts(2020, "2021-06-01T00:00:00Z"))).toMatchObject({
      status: "on_track",
      assessment: "on_track",
      asOfYear: 2020,
    });
  });

  it("in December 2026, four years after the plan ended in 2022, a 2020 value is stale, not on track", () => {
    const r = status(districts(2020, "2026-12-04T12:00:00Z"));
    expect(r).toMatchObject({ status: "stale", assessment: "on_track", asOfYear: 2020 });
    expect(STATUS_LABELS[r.status]).toBe("Stale");
  });

  it("once the plan has ended, a value for its last year is its final result and is not stale", () => {
    expect(
      status({ ...districts(2022, "2026-12-04T12:00:00Z"), latest: { value: 31, year: 2022 } })
        .status,
    ).toBe("achieved");
  });

  it("once the plan has ended (2023 > 2022), a value for 2021 is stale even though it is only two years old", () => {
    expect(status(districts(2021, "2023-03-01T00:00:00Z")).status).toBe("stale");
  });

  it("while the plan runs, a value more than two years old is stale: in 2025 (plan to 2030) 2023 is current (2 years), 2022 is stale (3 years)", () => {
    const running = (year: number): Example => ({
      ...increase(7.21, year),
      planEndYear: 2030,
      now: new Date("2025-01-15T00:00:00Z"),
    });
    expect(status(running(2023))).toMatchObject({ status: "at_risk", asOfYear: 2023 });
    expect(status(running(2022))).toMatchObject({
      status: "stale",
      assessment: "at_risk",
      asOfYear: 2022,
    });
  });

  it("isStaleYear: running plan to 2030, today 2025 → 2023 and 2024 current, 2022 stale (2025 − 2022 = 3 > 2)", () => {
    const now = new Date("2025-01-15T00:00:00Z");
    expect(isStaleYear(2024, 2030, now)).toBe(false);
    expect(isStaleYear(2023, 2030, now)).toBe(false);
    expect(isStaleYear(2022, 2030, now)).toBe(true);
  });

  it("stale wins over every judgement, achieved and no target included", () => {
    const now = new Date("2026-12-04T12:00:00Z");
    expect(
      status({ ...districts(2020, now.toISOString()), latest: { value: 35, year: 2020 } }),
    ).toMatchObject({ status: "stale", assessment: "achieved" });
    expect(status({ ...districts(2020, now.toISOString()), target: null })).toMatchObject({
      status: "stale",
      assessment: "no_target",
    });
  });

  it("no value is no data, not stale", () => {
    expect(status({ ...districts(2020, "2026-12-04T12:00:00Z"), latest: null }).status).toBe(
      "no_data",
    );
  });
});

describe("describeStatusMethod", () => {
  it("states every rule with the default thresholds", () => {
    expect(describeStatusMethod()).toBe(
      "Progress is the share of the distance from baseline to target covered by the latest approved value; an indicator is on track when its progress is at least the share of time elapsed since the baseline year minus 10 points, at risk when it is at least half of that share, and off track otherwise. " +
        "An indicator to maintain is on track while its value stays within 10% of its target, or of its baseline when it has no target (at risk within 20%). " +
        'Without a target (or a baseline) no status is computed: the page says "No target set" (or "No baseline set") beside the latest value. ' +
        'A value is "Stale" when it is more than 2 years old, or, once the plan has ended, when it is from before the plan\'s last year; every status says which approved value it was computed from.',
    );
    expect(describeStatusMethod(DEFAULT_THRESHOLDS)).toBe(describeStatusMethod());
  });

  it("fills in custom thresholds as percentages", () => {
    const text = describeStatusMethod({ tolerance: 0.05, atRiskShare: 0.75 });
    expect(text).toContain("minus 5 points");
    expect(text).toContain("at least 75% of that share");
  });

  it("avoids floating-point noise and uses the singular for one point", () => {
    expect(describeStatusMethod({ tolerance: 0.07, atRiskShare: 0.6 })).toContain(
      "minus 7 points, at risk when it is at least 60% of that share",
    );
    expect(describeStatusMethod({ tolerance: 0.01, atRiskShare: 0.5 })).toContain("minus 1 point,");
  });
});
