import type { IndicatorUnit } from "@/lib/domain/enums";
import { formatValue } from "@/lib/format";

type Point = { year: number; value: number };

/**
 * A small server-rendered line chart: approved values (solid, round points) against the target
 * path from the baseline (dashed, square points). Shapes and line styles, not only colour, tell
 * the two apart; the same figures are always in the table beside it.
 */
export function IndicatorChart({
  title,
  unit,
  actual,
  targets,
  startYear,
  endYear,
}: {
  title: string;
  unit: IndicatorUnit;
  actual: Point[];
  targets: Point[];
  startYear: number;
  endYear: number;
}) {
  const width = 640;
  const height = 260;
  const pad = { left: 56, right: 16, top: 16, bottom: 32 };
  const values = [...actual, ...targets].map((p) => p.value);
  const years = [...actual, ...targets].map((p) => p.year);
  const minYear = Math.min(startYear, ...years);
  const maxYear = Math.max(endYear, ...years);
  const top =
    unit === "percent"
      ? Math.max(10, Math.min(100, Math.ceil((Math.max(...values, 0) * 1.15) / 10) * 10))
      : niceMax(Math.max(...values, 1));
  const x = (year: number) =>
    pad.left + ((year - minYear) / Math.max(1, maxYear - minYear)) * (width - pad.left - pad.right);
  const y = (value: number) => pad.top + (1 - value / top) * (height - pad.top - pad.bottom);
  const path = (points: Point[]) =>
    points
      .map((p, i) => `${i ? "L" : "M"}${x(p.year).toFixed(1)},${y(p.value).toFixed(1)}`)
      .join(" ");
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  const yearTicks = Array.from({ length: maxYear - minYear + 1 }, (_, i) => minYear + i);
  const summary =
    actual.length > 0
      ? `${title}: approved values from ${actual[0]?.year} (${formatValue(actual[0]?.value, unit)}) to ${actual.at(-1)?.year} (${formatValue(actual.at(-1)?.value, unit)}); target ${formatValue(targets.at(-1)?.value, unit)} by ${targets.at(-1)?.year ?? endYear}.`
      : `${title}: no approved values yet; the chart shows the targets.`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={pad.left}
              x2={width - pad.right}
              y1={y(tick)}
              y2={y(tick)}
              className="chart-grid"
            />
            <text x={pad.left - 8} y={y(tick) + 4} textAnchor="end" className="chart-label">
              {formatValue(tick, unit)}
            </text>
          </g>
        ))}
        {yearTicks.map((year) => (
          <text key={year} x={x(year)} y={height - 10} textAnchor="middle" className="chart-label">
            {year}
          </text>
        ))}
        {targets.length > 1 ? <path d={path(targets)} className="chart-target" /> : null}
        {targets.map((p) => (
          <rect
            key={`t${p.year}`}
            x={x(p.year) - 4}
            y={y(p.value) - 4}
            width={8}
            height={8}
            className="chart-target-point"
          />
        ))}
        {actual.length > 1 ? <path d={path(actual)} className="chart-actual" /> : null}
        {actual.map((p) => (
          <circle
            key={`a${p.year}`}
            cx={x(p.year)}
            cy={y(p.value)}
            r={5}
            className="chart-actual-point"
          />
        ))}
      </svg>
      <figcaption>
        <span className="legend-actual">● Approved value (solid line)</span>{" "}
        <span className="legend-target">■ Baseline and targets (dashed line)</span>
      </figcaption>
    </figure>
  );
}

function niceMax(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value * 1.15));
  return Math.ceil((value * 1.15) / magnitude) * magnitude;
}
