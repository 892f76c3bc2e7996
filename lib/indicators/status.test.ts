import { describe, expect, it } from "vitest";
import {
  computeStatus,
  DEFAULT_THRESHOLDS,
  describeStatusMethod,
  STATUS_LABELS,
  type StatusInput,
} from "./status";

// Shared increase example: baseline 4.23 (2017), target 10 (2022).
const increase = (value: number, year: number): StatusInput => ({
  direction: "increase",
  baseline: { value: 4.23, year: 2017 },
  target: { value: 10, year: 2022 },
  latest: { value, year },
});

// Shared decrease example: baseline 40 (2018), target 20 (2024).
const decrease = (value: number, year: number): StatusInput => ({
  direction: "decrease",
  baseline: { value: 40, year: 2018 },
  target: { value: 20, year: 2024 },
  latest: { value, year },
});

// Shared maintain example: baseline 30 (2020), target 30 (2025).
const maintain = (value: number, year: number): StatusInput => ({
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
      no_data: "No data",
    });
  });

  it("defaults to a 10-point tolerance and a half-share at-risk band", () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ tolerance: 0.1, atRiskShare: 0.5 });
  });
});

describe("computeStatus: increase", () => {
  it("on track: progress (7.21−4.23)/(10−4.23) ≈ 0.5165, expected 3/5 = 0.6; 0.5165 ≥ 0.6−0.1 = 0.5", () => {
    const r = computeStatus(increase(7.21, 2020));
    expect(r.status).toBe("on_track");
    expect(r.progress).toBeCloseTo(2.98 / 5.77, 10);
    expect(r.progress).toBeCloseTo(0.5165, 4);
    expect(r.expected).toBeCloseTo(0.6, 10);
  });

  it("off track: progress (5.0−4.23)/(10−4.23) ≈ 0.1334, expected 0.6; 0.1334 < 0.6×0.5 = 0.3", () => {
    const r = computeStatus(increase(5.0, 2020));
    expect(r.status).toBe("off_track");
    expect(r.progress).toBeCloseTo(0.1334, 4);
    expect(r.expected).toBeCloseTo(0.6, 10);
  });

  it("at risk: progress (6.0−4.23)/(10−4.23) ≈ 0.3068, expected 0.6; 0.3 ≤ 0.3068 < 0.5", () => {
    const r = computeStatus(increase(6.0, 2020));
    expect(r.status).toBe("at_risk");
    expect(r.progress).toBeCloseTo(0.3068, 4);
  });

  it("achieved: progress (10.5−4.23)/(10−4.23) ≈ 1.087 ≥ 1, even before the target year", () => {
    const r = computeStatus(increase(10.5, 2021));
    expect(r.status).toBe("achieved");
    expect(r.progress).toBeGreaterThan(1);
    expect(r.expected).toBeCloseTo(0.8, 10); // (2021−2017)/5
  });

  it("achieved: latest exactly equal to target gives progress (10−4.23)/(10−4.23) = 1", () => {
    const r = computeStatus(increase(10, 2022));
    expect(r.status).toBe("achieved");
    expect(r.progress).toBe(1);
    expect(r.expected).toBe(1);
  });

  it("wrong way at year 0 is on track: baseline 50 (2020) → 60 (2025), latest 49.5 (2020); progress −0.5/10 = −0.05 ≥ 0−0.1", () => {
    const r = computeStatus({
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
    const r = computeStatus({
      direction: "increase",
      baseline: { value: 50, year: 2020 },
      target: { value: 60, year: 2025 },
      latest: { value: 48, year: 2020 },
    });
    expect(r.status).toBe("off_track");
    expect(r.progress).toBeCloseTo(-0.2, 10);
  });

  it("wrong way later on is off track: latest 3.5 (2020); progress (3.5−4.23)/5.77 ≈ −0.1265 < 0.3", () => {
    const r = computeStatus(increase(3.5, 2020));
    expect(r.status).toBe("off_track");
    expect(r.progress).toBeLessThan(0);
  });

  it("expected is clamped to 1 after the target year: 50 (2020) → 60 (2025), latest 58 (2027); progress 0.8, expected min(7/5, 1) = 1; 0.5 ≤ 0.8 < 0.9 → at risk", () => {
    const r = computeStatus({
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
    const r = computeStatus({
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
    const r = computeStatus(decrease(30, 2021));
    expect(r.status).toBe("on_track");
    expect(r.progress).toBe(0.5);
    expect(r.expected).toBe(0.5);
  });

  it("at risk: progress (34−40)/(20−40) = 0.3, expected 0.5; 0.25 ≤ 0.3 < 0.4", () => {
    const r = computeStatus(decrease(34, 2021));
    expect(r.status).toBe("at_risk");
    expect(r.progress).toBeCloseTo(0.3, 10);
  });

  it("off track when the value rises: progress (44−40)/(20−40) = −0.2 < 0.25", () => {
    const r = computeStatus(decrease(44, 2021));
    expect(r.status).toBe("off_track");
    expect(r.progress).toBeCloseTo(-0.2, 10);
  });

  it("achieved when the value falls past the target: progress (18−40)/(20−40) = 1.1 ≥ 1", () => {
    const r = computeStatus(decrease(18, 2023));
    expect(r.status).toBe("achieved");
    expect(r.progress).toBeCloseTo(1.1, 10);
  });
});

describe("computeStatus: target year not after baseline year", () => {
  it("same year: 10 (2022) → 20 (2022), latest 15 (2022); expected = 1, progress 0.5 ≥ 1×0.5 → at risk", () => {
    const r = computeStatus({
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
    const r = computeStatus({
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
    expect(computeStatus({ ...increase(7.21, 2020), thresholds }).status).toBe("at_risk");
    expect(computeStatus(increase(7.21, 2020)).status).toBe("on_track");
  });

  it("tolerance 0.2, atRiskShare 0.25: progress (5.5−4.23)/5.77 ≈ 0.2201 < 0.4 but ≥ 0.6×0.25 = 0.15 → at risk (off track with defaults, < 0.3)", () => {
    const thresholds = { tolerance: 0.2, atRiskShare: 0.25 };
    const r = computeStatus({ ...increase(5.5, 2020), thresholds });
    expect(r.progress).toBeCloseTo(0.2201, 4);
    expect(r.status).toBe("at_risk");
    expect(computeStatus(increase(5.5, 2020)).status).toBe("off_track");
  });

  it("tolerance 0.2 widens the on-track band: progress ≈ 0.4298 ((6.71−4.23)/5.77) ≥ 0.6−0.2 = 0.4", () => {
    const thresholds = { tolerance: 0.2, atRiskShare: 0.5 };
    expect(computeStatus({ ...increase(6.71, 2020), thresholds }).status).toBe("on_track");
    expect(computeStatus(increase(6.71, 2020)).status).toBe("at_risk");
  });
});

describe("computeStatus: maintain", () => {
  it("on track before the target year: deviation |31−30|/30 ≈ 0.033 ≤ 0.1", () => {
    expect(computeStatus(maintain(31, 2022))).toEqual({
      status: "on_track",
      progress: null,
      expected: null,
    });
  });

  it("at risk: deviation |35−30|/30 ≈ 0.167, 0.1 < 0.167 ≤ 2×0.1", () => {
    expect(computeStatus(maintain(35, 2022)).status).toBe("at_risk");
  });

  it("off track: deviation |40−30|/30 ≈ 0.333 > 0.2", () => {
    expect(computeStatus(maintain(40, 2022)).status).toBe("off_track");
  });

  it("deviation counts both ways: |24−30|/30 = 0.2 ≤ 0.2 → at risk; |20−30|/30 ≈ 0.333 → off track", () => {
    expect(computeStatus(maintain(24, 2022)).status).toBe("at_risk");
    expect(computeStatus(maintain(20, 2022)).status).toBe("off_track");
  });

  it("achieved once latest.year ≥ target.year and deviation |29−30|/30 ≈ 0.033 ≤ 0.1", () => {
    expect(computeStatus(maintain(29, 2025)).status).toBe("achieved");
    expect(computeStatus(maintain(30, 2026)).status).toBe("achieved");
  });

  it("at or after the target year a larger deviation is still at risk / off track, not achieved", () => {
    expect(computeStatus(maintain(35, 2026)).status).toBe("at_risk"); // 5/30 ≈ 0.167
    expect(computeStatus(maintain(40, 2025)).status).toBe("off_track"); // 10/30 ≈ 0.333
  });

  it("measures deviation against the target value, not the baseline: baseline 28, target 30, latest 30 → deviation 0", () => {
    const r = computeStatus({
      direction: "maintain",
      baseline: { value: 28, year: 2020 },
      target: { value: 30, year: 2025 },
      latest: { value: 30, year: 2022 },
    });
    expect(r.status).toBe("on_track");
  });

  it("target value 0 uses a tiny denominator: latest 0 → deviation 0 on track; latest 0.5 → off track", () => {
    const zero = (value: number): StatusInput => ({
      direction: "maintain",
      baseline: { value: 0, year: 2020 },
      target: { value: 0, year: 2025 },
      latest: { value, year: 2022 },
    });
    expect(computeStatus(zero(0)).status).toBe("on_track");
    expect(computeStatus(zero(0.5)).status).toBe("off_track");
  });

  it("custom tolerance 0.2: deviation |35−30|/30 ≈ 0.167 ≤ 0.2 → on track", () => {
    const r = computeStatus({
      ...maintain(35, 2022),
      thresholds: { tolerance: 0.2, atRiskShare: 0.5 },
    });
    expect(r.status).toBe("on_track");
  });

  it("increase with target equal to baseline is treated as maintain: 50 → 50, latest 52 (2023); deviation 2/50 = 0.04", () => {
    const r = computeStatus({
      direction: "increase",
      baseline: { value: 50, year: 2020 },
      target: { value: 50, year: 2025 },
      latest: { value: 52, year: 2023 },
    });
    expect(r).toEqual({ status: "on_track", progress: null, expected: null });
  });

  it("decrease with target equal to baseline is treated as maintain: 50 → 50, latest 60 (2025); deviation 10/50 = 0.2 → at risk", () => {
    const r = computeStatus({
      direction: "decrease",
      baseline: { value: 50, year: 2020 },
      target: { value: 50, year: 2025 },
      latest: { value: 60, year: 2025 },
    });
    expect(r).toEqual({ status: "at_risk", progress: null, expected: null });
  });
});

describe("computeStatus: no data", () => {
  const noData = { status: "no_data", progress: null, expected: null };

  it("when the baseline is missing", () => {
    expect(computeStatus({ ...increase(7.21, 2020), baseline: null })).toEqual(noData);
  });

  it("when the target is missing", () => {
    expect(computeStatus({ ...increase(7.21, 2020), target: null })).toEqual(noData);
  });

  it("when there is no approved value", () => {
    expect(computeStatus({ ...increase(7.21, 2020), latest: null })).toEqual(noData);
  });

  it("when a value is NaN or infinite", () => {
    expect(computeStatus(increase(Number.NaN, 2020))).toEqual(noData);
    expect(computeStatus(increase(Number.POSITIVE_INFINITY, 2020))).toEqual(noData);
    expect(
      computeStatus({ ...increase(7.21, 2020), baseline: { value: Number.NaN, year: 2017 } }),
    ).toEqual(noData);
    expect(
      computeStatus({
        ...increase(7.21, 2020),
        target: { value: Number.NEGATIVE_INFINITY, year: 2022 },
      }),
    ).toEqual(noData);
  });

  it("when a year is not finite", () => {
    expect(computeStatus(increase(7.21, Number.NaN))).toEqual(noData);
  });

  it("for maintain indicators too", () => {
    expect(computeStatus({ ...maintain(30, 2022), latest: null })).toEqual(noData);
    expect(computeStatus({ ...maintain(30, 2022), target: null })).toEqual(noData);
  });
});

describe("describeStatusMethod", () => {
  it("reads as one sentence with the default thresholds", () => {
    expect(describeStatusMethod()).toBe(
      "Progress is the share of the distance from baseline to target covered by the latest approved value; an indicator is on track when its progress is at least the share of time elapsed since the baseline year minus 10 points, at risk when it is at least half of that share, and off track otherwise.",
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
