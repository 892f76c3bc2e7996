/**
 * Computed progress status for an indicator.
 *
 * Method (increase / decrease indicators):
 *   progress = (latest − baseline) / (target − baseline)
 *     The formula is direction-aware on its own: for a "decrease" indicator
 *     target − baseline is negative, so a fall in the value gives positive
 *     progress and a rise gives negative progress.
 *   expected = clamp((latest.year − baseline.year) / (target.year − baseline.year), 0, 1)
 *     i.e. the share of the time from baseline year to target year that has
 *     elapsed at the year of the latest approved value. If target.year is not
 *     after baseline.year, expected = 1.
 *   status:
 *     achieved   when progress ≥ 1 (target reached or passed in the right direction)
 *     on_track   when progress ≥ expected − tolerance
 *     at_risk    when progress ≥ expected × atRiskShare
 *     off_track  otherwise (moving the wrong way is off track unless
 *                progress ≥ expected − tolerance, e.g. at year 0)
 *
 * Method (maintain indicators, and increase/decrease indicators whose target
 * equals their baseline):
 *   The aim is to stay at the target value (conceptually, the baseline).
 *   deviation = |latest − target| / max(|target|, tiny)   (relative deviation)
 *   Before the target year (latest.year < target.year):
 *     on_track  when deviation ≤ tolerance
 *     at_risk   when deviation ≤ 2 × tolerance
 *     off_track otherwise
 *   From the target year on (latest.year ≥ target.year), "achieved" replaces
 *   "on_track" (deviation ≤ tolerance); at_risk / off_track are as above.
 *   progress and expected are null for maintain.
 *
 * no_data when baseline, target or latest is missing, or any of their values
 * or years is not a finite number; progress and expected are null then.
 *
 * Nothing is rounded here; callers format for display.
 */

export type IndicatorStatus = "achieved" | "on_track" | "at_risk" | "off_track" | "no_data";

export const STATUS_LABELS: Record<IndicatorStatus, string> = {
  achieved: "Achieved",
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  no_data: "No data",
};

export type StatusThresholds = {
  /** Slack below the expected share still counted as on track (0.1 = 10 percentage points). */
  tolerance: number;
  /** Share of the expected progress needed to be "at risk" rather than "off track". */
  atRiskShare: number;
};

export const DEFAULT_THRESHOLDS: StatusThresholds = { tolerance: 0.1, atRiskShare: 0.5 };

type Point = { value: number; year: number };

export type StatusInput = {
  direction: "increase" | "decrease" | "maintain";
  baseline: Point | null;
  /** The end target and its year. */
  target: Point | null;
  /** Latest approved value. */
  latest: Point | null;
  thresholds?: StatusThresholds;
};

export type StatusResult = {
  status: IndicatorStatus;
  progress: number | null;
  expected: number | null;
};

/** Denominator floor for relative deviation when the target value is 0. */
const TINY = 1e-9;

function isFinitePoint(p: Point | null): p is Point {
  return p !== null && Number.isFinite(p.value) && Number.isFinite(p.year);
}

function maintainStatus(target: Point, latest: Point, tolerance: number): StatusResult {
  const deviation = Math.abs(latest.value - target.value) / Math.max(Math.abs(target.value), TINY);
  let status: IndicatorStatus;
  if (deviation <= tolerance) {
    status = latest.year >= target.year ? "achieved" : "on_track";
  } else if (deviation <= 2 * tolerance) {
    status = "at_risk";
  } else {
    status = "off_track";
  }
  return { status, progress: null, expected: null };
}

export function computeStatus(input: StatusInput): StatusResult {
  const { baseline, target, latest, direction } = input;
  const { tolerance, atRiskShare } = input.thresholds ?? DEFAULT_THRESHOLDS;

  if (!isFinitePoint(baseline) || !isFinitePoint(target) || !isFinitePoint(latest)) {
    return { status: "no_data", progress: null, expected: null };
  }

  if (direction === "maintain" || target.value === baseline.value) {
    return maintainStatus(target, latest, tolerance);
  }

  const progress = (latest.value - baseline.value) / (target.value - baseline.value);

  const span = target.year - baseline.year;
  const expected = span <= 0 ? 1 : Math.min(1, Math.max(0, (latest.year - baseline.year) / span));

  let status: IndicatorStatus;
  if (progress >= 1) {
    status = "achieved";
  } else if (progress >= expected - tolerance) {
    status = "on_track";
  } else if (progress >= expected * atRiskShare) {
    status = "at_risk";
  } else {
    status = "off_track";
  }
  return { status, progress, expected };
}

/** Formats a fraction as a percentage number without float noise (0.07 → "7", 0.125 → "12.5"). */
function percent(fraction: number): string {
  return String(Number((fraction * 100).toFixed(1)));
}

function describeShare(share: number): string {
  if (share === 0.5) return "half";
  if (share === 1) return "all";
  return `${percent(share)}%`;
}

/** One plain-English sentence explaining the method, with the plan's thresholds filled in (percent). */
export function describeStatusMethod(thresholds: StatusThresholds = DEFAULT_THRESHOLDS): string {
  const points = percent(thresholds.tolerance);
  const unit = points === "1" ? "point" : "points";
  return (
    "Progress is the share of the distance from baseline to target covered by the latest approved value; " +
    `an indicator is on track when its progress is at least the share of time elapsed since the baseline year minus ${points} ${unit}, ` +
    `at risk when it is at least ${describeShare(thresholds.atRiskShare)} of that share, and off track otherwise.`
  );
}
