/**
 * What an approval will publish, and the plausibility warnings a reviewer must acknowledge
 * before approving (docs/architecture.md, "Approving a report"). Pure module: the review screen shows its
 * result, and the approval recomputes it inside its own transaction (the client's copy of the
 * warnings is never trusted).
 *
 * A warning is raised, per value that goes public, when:
 *   change   it differs from the last approved value of the same cell by more than
 *            MAX_CHANGE_SHARE of that value (±50 %; no warning when the last value was 0);
 *   target   the total passes the period's target (else the plan's end target) in the
 *            indicator's direction by more than TARGET_MARGIN_SHARE of the target: above 150 %
 *            of it for "increase", below 50 % of it for "decrease" ("maintain": no check);
 *   percent  a percentage lies outside 0–100;
 *   sum      parts do not add up to their total (the editor's `sumWarnings`).
 * Each warning has an id made of its kind, its field and its message, so an acknowledgement
 * covers exactly the figures the reviewer saw: any other figure gives another id.
 */

import type { IndicatorDirection } from "@/lib/domain/enums";
import { parsePeriodCode } from "@/lib/periods/codes";
import { type IndicatorShape, indicatorCells, readNumber, sumWarnings, valueKey } from "./fields";

/** A change beyond this share of the last approved value asks for a look (0.5 = ±50 %). */
export const MAX_CHANGE_SHARE = 0.5;
/** Past the target by more than this share of the target asks for a look (0.5 = 150 %). */
export const TARGET_MARGIN_SHARE = 0.5;

export type PreviewIndicator = IndicatorShape & {
  direction: IndicatorDirection;
  target: { year: number; value: number | null } | null;
  endTarget: number | null;
  /** The latest approved values of an earlier period, by breakdown. */
  previous: { periodCode: string; values: Record<string, number | string> } | null;
};

/** A value now public for this same period (a reopened report's last approval), by field key. */
export type CurrentPublic = Record<string, number | string>;

export type PublishedValue = {
  key: string;
  indicatorId: number;
  code: string;
  title: string;
  unit: IndicatorShape["unit"];
  cell: string;
  /** As stored: canonical number text, "yes"/"no", or text. */
  value: string;
  /** The approved value this one replaces or follows, and the period it belongs to. */
  last: { value: number | string; periodCode: string } | null;
};

export type WarningKind = "change" | "target" | "percent" | "sum";

export type PlausibilityWarning = {
  id: string;
  kind: WarningKind;
  key: string;
  /** "1.3.a Total", for people. */
  label: string;
  message: string;
};

export type PublicationPreview = { values: PublishedValue[]; warnings: PlausibilityWarning[] };

const format = (n: number) =>
  new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 }).format(n);

const labelOfPeriod = (code: string) => {
  try {
    return parsePeriodCode(code).label;
  } catch {
    return code;
  }
};

const percentOf = (share: number) => `${Math.round(share * 100)} %`;

/**
 * The values an approval of this report would publish (every filled cell the indicator asks
 * for, as `publishReport` does), each with the approved value it replaces, and the warnings.
 * `periodCode` is the report's period: a value already public for it (a re-approval) is the one
 * replaced; otherwise the latest earlier approved value is the one compared with.
 */
export function publicationPreview(
  indicators: PreviewIndicator[],
  values: Record<string, string>,
  periodCode: string,
  currentPublic: CurrentPublic = {},
): PublicationPreview {
  const published: PublishedValue[] = [];
  const warnings: PlausibilityWarning[] = [];
  const warn = (kind: WarningKind, key: string, label: string, message: string) =>
    warnings.push({ id: `${kind}|${key}|${message}`, kind, key, label, message });

  for (const indicator of indicators) {
    const cells = indicatorCells(indicator);
    const numeric = indicator.unit !== "text" && indicator.unit !== "yes_no";
    const labelOf = new Map(cells.map((c) => [valueKey(indicator.id, c.breakdown), c.label]));
    for (const cell of numeric ? cells : cells.slice(0, 1)) {
      const key = valueKey(indicator.id, cell.breakdown);
      const raw = (values[key] ?? "").trim();
      if (raw === "") continue;
      const now = currentPublic[key];
      const before = indicator.previous?.values[cell.breakdown];
      const last =
        now !== undefined
          ? { value: now, periodCode }
          : before !== undefined && indicator.previous
            ? { value: before, periodCode: indicator.previous.periodCode }
            : null;
      published.push({
        key,
        indicatorId: indicator.id,
        code: indicator.code,
        title: indicator.title,
        unit: indicator.unit,
        cell: cell.label,
        value: raw,
        last,
      });
      if (!numeric) continue;
      const value = readNumber(raw);
      if (value === null) continue; // the save refused it already; nothing numeric to judge
      const label = `${indicator.code} ${cell.label}`;

      if (last && typeof last.value === "number" && last.value !== 0) {
        const share = (value - last.value) / Math.abs(last.value);
        if (Math.abs(share) > MAX_CHANGE_SHARE)
          warn(
            "change",
            key,
            label,
            `${format(value)} is a ${percentOf(Math.abs(share))} ${share < 0 ? "fall" : "rise"} from the last approved value (${format(last.value)}, ${labelOfPeriod(last.periodCode)}): more than ±${percentOf(MAX_CHANGE_SHARE)}.`,
          );
      }

      if (indicator.unit === "percent" && (value < 0 || value > 100))
        warn("percent", key, label, `${format(value)} % is outside 0–100 %.`);

      if (cell.breakdown === "") {
        const target = indicator.target?.value ?? indicator.endTarget;
        const which =
          indicator.target?.value != null ? `${indicator.target.year} target` : "end target";
        if (target !== null && target !== undefined && target > 0) {
          if (indicator.direction === "increase" && value > target * (1 + TARGET_MARGIN_SHARE))
            warn(
              "target",
              key,
              label,
              `${format(value)} is ${percentOf(value / target)} of the ${which} (${format(target)}): more than ${percentOf(1 + TARGET_MARGIN_SHARE)}.`,
            );
          if (indicator.direction === "decrease" && value < target * (1 - TARGET_MARGIN_SHARE))
            warn(
              "target",
              key,
              label,
              `${format(value)} is below ${percentOf(1 - TARGET_MARGIN_SHARE)} of the ${which} (${format(target)}) for an indicator meant to decrease to it.`,
            );
        }
      }
    }
    for (const sum of sumWarnings(indicator, values))
      warn("sum", sum.key, `${indicator.code} ${labelOf.get(sum.key) ?? ""}`.trim(), sum.message);
  }
  return { values: published, warnings };
}

/**
 * What an acknowledgement lacks: the warnings not ticked. An id the server does not compute
 * (stale, or made up) acknowledges nothing.
 */
export function unacknowledged(
  warnings: PlausibilityWarning[],
  acknowledged: readonly string[],
): PlausibilityWarning[] {
  const ticked = new Set(acknowledged);
  return warnings.filter((w) => !ticked.has(w.id));
}
