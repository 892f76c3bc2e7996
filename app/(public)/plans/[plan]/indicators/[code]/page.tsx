import type { Metadata } from "next";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { IndicatorCard } from "@/app/_components/indicator-card";
import { IndicatorChart } from "@/app/_components/indicator-chart";
import { TableScroll } from "@/app/_components/table-scroll";
import { capitalise, formatValue } from "@/lib/format";
import { describeStatusMethod } from "@/lib/indicators/status";
import { SMALL_CELL_THRESHOLD } from "@/lib/plans/data";
import { describeDisclosureMethod } from "@/lib/plans/disclosure";
import { getIndicatorData } from "@/lib/plans/indicator-data";
import { formerAddress, loadIndicator } from "../../load";
import { RemovedRecord } from "../../removed";

type Props = { params: Promise<{ plan: string; code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { plan, code } = await params;
  const removed = formerAddress(plan, "indicator", code);
  if (removed) return { title: `Removed: ${removed.label}` };
  const { indicator } = loadIndicator(plan, code);
  return { title: `${indicator.code} ${indicator.title}` };
}

export default async function IndicatorPage({ params }: Props) {
  const { plan: slug, code } = await params;
  const removed = formerAddress(slug, "indicator", code);
  if (removed) return <RemovedRecord removed={removed} />;
  const { plan, pillar, output, indicator } = loadIndicator(slug, code);
  const data = getIndicatorData(null, plan.slug, indicator.code);
  const headline = (data?.observations ?? []).filter(
    (o) => Object.keys(o.disaggregation).length === 0 && o.value !== null,
  );
  const actual = headline.map((o) => ({ year: o.year, value: o.value as number }));
  const targets = [...(indicator.baseline ? [indicator.baseline] : []), ...indicator.targets];
  const years = [...new Set([...targets.map((t) => t.year), ...actual.map((a) => a.year)])].sort(
    (a, b) => a - b,
  );
  const fmt = (value: number | undefined) =>
    value === undefined ? "—" : formatValue(value, indicator.unit, plan.currency);
  const term = capitalise(plan.pillarTerm);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/", label: "Plans" },
          { href: `/plans/${plan.slug}`, label: plan.title },
          {
            href: `/plans/${plan.slug}/pillars/${pillar.number}`,
            label: `${term} ${pillar.number}`,
          },
          ...(output
            ? [
                {
                  href: `/plans/${plan.slug}/outputs/${output.code}`,
                  label: `Output ${output.code}`,
                },
              ]
            : []),
          { label: `Indicator ${indicator.code}` },
        ]}
      />
      <p className="meta">Indicator {indicator.code}</p>
      <h1>{indicator.title}</h1>
      {indicator.unit === "text" ||
      indicator.unit === "yes_no" ||
      (actual.length === 0 && targets.length === 0) ? null : (
        <IndicatorChart
          title={indicator.title}
          unit={indicator.unit}
          actual={actual}
          targets={targets}
          startYear={indicator.baseline?.year ?? plan.startYear}
          endYear={plan.endYear}
        />
      )}
      <TableScroll label={`Figures by year for indicator ${indicator.code}`}>
        <table>
          <caption>Figures by year</caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col" className="num">
                Baseline or target
              </th>
              <th scope="col" className="num">
                Approved value
              </th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {years.map((year) => {
              const target = targets.find((t) => t.year === year);
              const value = headline.find((o) => o.year === year);
              return (
                <tr key={year}>
                  <th scope="row">{year}</th>
                  <td className="num">
                    {target
                      ? `${fmt(target.value)}${indicator.baseline?.year === year ? " (baseline)" : ""}`
                      : "—"}
                  </td>
                  <td className="num">{fmt(value?.value ?? undefined)}</td>
                  <td>{value?.provenance ?? ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {indicator.sensitive ? (
        <p className="meta">Withheld figures: {describeDisclosureMethod(SMALL_CELL_THRESHOLD)}</p>
      ) : null}
      <p className="meta">How status is computed: {describeStatusMethod(plan.thresholds)}</p>
      <h2>Definition, responsibility and source</h2>
      <IndicatorCard indicator={indicator} currency={plan.currency} planSlug={plan.slug} />
    </>
  );
}
