/**
 * Computed progress status for an indicator: one rule for every page, the API and the dashboard.
 *
 * 1. No value. No approved value (or one that is not a finite number) → no_data, "No data".
 *    This is the only state that says "No data": an indicator with a value always shows it.
 *
 * 2. What the value is judged against.
 *    - increase / decrease with a target and a baseline: the target (method A below).
 *    - maintain, and increase/decrease whose target equals their baseline: the target value is
 *      the level to keep (method B). A maintain indicator without a target keeps its baseline:
 *      the baseline value is the level to maintain, by the plan's last year.
 *    - increase / decrease without a target → no_target, "No target set"; with a target but no
 *      baseline → no_baseline, "No baseline set" (progress needs both ends). The latest value is
 *      still shown beside these.
 *    - maintain with neither target nor baseline → no_target.
 *
 * 3. Staleness (needs today's date, `now`, and the plan's last year). A judgement on an old value
 *    says nothing about today, so the value is "stale" (label "Stale"; the judgement it would give
 *    is kept as `assessment`, and shown as "then …"):
 *    - while the plan runs (today's year ≤ its last year): when the value's year is more than
 *      STALE_AFTER_YEARS (2) before today's year: in 2026 a value for 2023 is stale, 2024 is not;
 *    - once the plan has ended (today's year > its last year): when the value is from before the
 *      plan's last year. The last year's value is the plan's final result and stays current.
 *    A stale value's status is "stale" whatever its judgement, "achieved" included.
 *
 * Method A (increase / decrease):
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
 * Method B (maintain): the aim is to stay at the level (the target value, or the baseline value
 * when there is no target).
 *   deviation = |latest − level| / max(|level|, tiny)   (relative deviation)
 *   Before the level's year (the target year, or the plan's last year for a baseline):
 *     on_track  when deviation ≤ tolerance
 *     at_risk   when deviation ≤ 2 × tolerance
 *     off_track otherwise
 *   From that year on, "achieved" replaces "on_track" (deviation ≤ tolerance).
 *   progress and expected are null for maintain.
 *
 * Every status carries the value it was computed from (`asOf`: the value's year, and the
 * caller adds its period code and approval date). Nothing is rounded here; callers format.
 */

export type IndicatorStatus =
  | "achieved"
  | "on_track"
  | "at_risk"
  | "off_track"
  | "stale"
  | "no_target"
  | "no_baseline"
  | "no_data";

/** The judgement of a value before the staleness check. */
export type StatusAssessment = Exclude<IndicatorStatus, "stale" | "no_data">;

export const INDICATOR_STATUSES = [
  "achieved",
  "on_track",
  "at_risk",
  "off_track",
  "stale",
  "no_target",
  "no_baseline",
  "no_data",
] as const satisfies readonly IndicatorStatus[];

export const STATUS_ASSESSMENTS = [
  "achieved",
  "on_track",
  "at_risk",
  "off_track",
  "no_target",
  "no_baseline",
] as const satisfies readonly StatusAssessment[];

export const STATUS_LABELS: Record<IndicatorStatus, string> = {
  achieved: "Achieved",
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  stale: "Stale",
  no_target: "No target set",
  no_baseline: "No baseline set",
  no_data: "No data",
};

/** A value more than this many years before today's year is stale while its plan runs. */
export const STALE_AFTER_YEARS = 2;

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
  /** The plan's last year: the year a baseline is to be maintained by, and the staleness cut-off. */
  planEndYear: number;
  /** Today, for the staleness check (injected so tests and callers agree on the day). */
  now: Date;
  thresholds?: StatusThresholds;
};

export type StatusResult = {
  status: IndicatorStatus;
  /** What the latest value gives before the staleness check; null when there is no value. */
  assessment: StatusAssessment | null;
  /** What the value was judged against; null when it could not be judged. */
  basis: "target" | "baseline" | null;
  progress: number | null;
  expected: number | null;
  /** The year of the value the status was computed from; null when there is none. */
  asOfYear: number | null;
};

/** Denominator floor for relative deviation when the level is 0. */
const TINY = 1e-9;

function isFinitePoint(p: Point | null): p is Point {
  return p !== null && Number.isFinite(p.value) && Number.isFinite(p.year);
}

type Judgement = Pick<StatusResult, "progress" | "expected" | "basis"> & {
  assessment: StatusAssessment;
};

function maintainStatus(
  level: Point,
  latest: Point,
  tolerance: number,
  basis: "target" | "baseline",
): Judgement {
  const deviation = Math.abs(latest.value - level.value) / Math.max(Math.abs(level.value), TINY);
  let assessment: StatusAssessment;
  if (deviation <= tolerance) {
    assessment = latest.year >= level.year ? "achieved" : "on_track";
  } else if (deviation <= 2 * tolerance) {
    assessment = "at_risk";
  } else {
    assessment = "off_track";
  }
  return { assessment, basis, progress: null, expected: null };
}

function judge(input: StatusInput, latest: Point): Judgement {
  const { direction, planEndYear } = input;
  const baseline = isFinitePoint(input.baseline) ? input.baseline : null;
  const target = isFinitePoint(input.target) ? input.target : null;
  const { tolerance, atRiskShare } = input.thresholds ?? DEFAULT_THRESHOLDS;
  const unjudged = (assessment: StatusAssessment): Judgement => ({
    assessment,
    basis: null,
    progress: null,
    expected: null,
  });

  if (direction === "maintain") {
    if (target) return maintainStatus(target, latest, tolerance, "target");
    if (baseline)
      return maintainStatus(
        { value: baseline.value, year: planEndYear },
        latest,
        tolerance,
        "baseline",
      );
    return unjudged("no_target");
  }
  if (!target) return unjudged("no_target");
  if (!baseline) return unjudged("no_baseline");
  if (target.value === baseline.value) return maintainStatus(target, latest, tolerance, "target");

  const progress = (latest.value - baseline.value) / (target.value - baseline.value);
  const span = target.year - baseline.year;
  const expected = span <= 0 ? 1 : Math.min(1, Math.max(0, (latest.year - baseline.year) / span));

  let assessment: StatusAssessment;
  if (progress >= 1) {
    assessment = "achieved";
  } else if (progress >= expected - tolerance) {
    assessment = "on_track";
  } else if (progress >= expected * atRiskShare) {
    assessment = "at_risk";
  } else {
    assessment = "off_track";
  }
  return { assessment, basis: "target", progress, expected };
}

/** Whether a value for `year` is too old to speak for today (rule 3 above). */
export function isStaleYear(year: number, planEndYear: number, now: Date): boolean {
  const today = now.getUTCFullYear();
  if (today > planEndYear) return year < planEndYear;
  return today - year > STALE_AFTER_YEARS;
}

export function computeStatus(input: StatusInput): StatusResult {
  const { latest } = input;
  if (!isFinitePoint(latest)) {
    return {
      status: "no_data",
      assessment: null,
      basis: null,
      progress: null,
      expected: null,
      asOfYear: null,
    };
  }
  const judgement = judge(input, latest);
  const stale = isStaleYear(latest.year, input.planEndYear, input.now);
  return {
    status: stale ? "stale" : judgement.assessment,
    ...judgement,
    asOfYear: latest.year,
  };
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

/** The method in plain English, with the plan's thresholds filled in (percent). */
export function describeStatusMethod(thresholds: StatusThresholds = DEFAULT_THRESHOLDS): string {
  const points = percent(thresholds.tolerance);
  const unit = points === "1" ? "point" : "points";
  return (
    "Progress is the share of the distance from baseline to target covered by the latest approved value; " +
    `an indicator is on track when its progress is at least the share of time elapsed since the baseline year minus ${points} ${unit}, ` +
    `at risk when it is at least ${describeShare(thresholds.atRiskShare)} of that share, and off track otherwise. ` +
    `An indicator to maintain is on track while its value stays within ${points}% of its target, or of its baseline when it has no target ` +
    `(at risk within ${percent(2 * thresholds.tolerance)}%). ` +
    `Without a target (or a baseline) no status is computed: the page says "No target set" (or "No baseline set") beside the latest value. ` +
    `A value is "Stale" when it is more than ${STALE_AFTER_YEARS} years old, or, once the plan has ended, when it is from before the plan's last year; ` +
    "every status says which approved value it was computed from."
  );
}
