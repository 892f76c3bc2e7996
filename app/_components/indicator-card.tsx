import Link from "next/link";
import { Institution } from "@/app/_components/institution";
import { IndicatorStatusBadge, periodLabel } from "@/app/_components/status-badge";
import { TableScroll } from "@/app/_components/table-scroll";
import {
  DIRECTION_LABELS,
  FREQUENCY_LABELS,
  formatDate,
  formatValue,
  UNIT_LABELS,
} from "@/lib/format";
import { type IndicatorNode, SMALL_CELL_THRESHOLD } from "@/lib/plans/data";
import { describeDisclosureMethod } from "@/lib/plans/disclosure";

/** One indicator: its definition, baseline and targets as a table, latest approved value, status. */
export function IndicatorCard({
  indicator,
  currency,
  planSlug,
  headingLevel = 3,
}: {
  indicator: IndicatorNode;
  currency: string;
  planSlug: string;
  headingLevel?: 3 | 4;
}) {
  const dataUrl = `/api/v1/plans/${planSlug}/indicators/${encodeURIComponent(indicator.code)}`;
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const id = `indicator-${indicator.code}`;
  const fmt = (value: number | null | undefined) => formatValue(value, indicator.unit, currency);
  return (
    <article className="card indicator" id={id} aria-labelledby={`${id}-title`}>
      <div className="pill-heading">
        <Heading id={`${id}-title`}>
          <span className="code">{indicator.code}</span>
          <Link href={`/plans/${planSlug}/indicators/${encodeURIComponent(indicator.code)}`}>
            {indicator.title}
          </Link>
        </Heading>
        <IndicatorStatusBadge status={indicator.status} approval />
      </div>
      {indicator.definition ? <p>{indicator.definition}</p> : null}
      <TableScroll label={`Figures for indicator ${indicator.code}`}>
        <table>
          <caption>Baseline, targets and latest approved value</caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Year</th>
              <th scope="col" className="num">
                Value
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Baseline</th>
              <td>{indicator.baseline?.year ?? "—"}</td>
              <td className="num">{fmt(indicator.baseline?.value)}</td>
            </tr>
            {indicator.targets.map((target) => (
              <tr key={target.year}>
                <th scope="row">Target</th>
                <td>{target.year}</td>
                <td className="num">{fmt(target.value)}</td>
              </tr>
            ))}
            {indicator.endTarget &&
            !indicator.targets.some(
              (t) => t.year === indicator.endTarget?.year && t.value === indicator.endTarget.value,
            ) ? (
              <tr>
                <th scope="row">End target</th>
                <td>{indicator.endTarget.year}</td>
                <td className="num">{fmt(indicator.endTarget.value)}</td>
              </tr>
            ) : null}
            <tr>
              <th scope="row">Latest approved value</th>
              <td>{indicator.latest ? periodLabel(indicator.latest.periodCode) : "—"}</td>
              <td className="num">
                {indicator.latest?.suppressed ? "Not shown" : fmt(indicator.latest?.value)}
              </td>
            </tr>
          </tbody>
        </table>
      </TableScroll>
      <dl className="facts">
        <dt>Unit</dt>
        <dd>
          {UNIT_LABELS[indicator.unit]} · {DIRECTION_LABELS[indicator.direction]}
        </dd>
        <dt>Responsible</dt>
        <dd>
          <Institution value={indicator.responsible} />
        </dd>
        <dt>Data source</dt>
        <dd>
          {indicator.dataSource ?? "Not recorded"} (
          {FREQUENCY_LABELS[indicator.collectionFrequency].toLowerCase()})
        </dd>
        {indicator.disaggregations.length > 0 ? (
          <>
            <dt>Broken down by</dt>
            <dd>{indicator.disaggregations.map((d) => d.name).join(", ")}</dd>
          </>
        ) : null}
        {indicator.latest ? (
          <>
            <dt>Approved</dt>
            <dd>{formatDate(indicator.latest.approvedAt)}</dd>
          </>
        ) : null}
      </dl>
      {indicator.sensitive ? (
        <p className="note">
          Sensitive indicator (to protect survivors):{" "}
          {describeDisclosureMethod(SMALL_CELL_THRESHOLD)}
          {indicator.status.code === "withheld"
            ? " No status is shown because the latest value is withheld: a status computed from it would hint at it."
            : ""}
        </p>
      ) : null}
      <p className="meta">
        Approved data: <a href={`${dataUrl}/data.csv`}>CSV (Open SDG layout)</a> ·{" "}
        <a href={`${dataUrl}/data.json`}>JSON</a>
      </p>
      {indicator.provenance ? (
        <p className="note">
          {indicator.illustrative ? "" : "Source: "}
          {indicator.provenance}
        </p>
      ) : null}
    </article>
  );
}
