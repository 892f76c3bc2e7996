import type { Metadata } from "next";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { IndicatorCard } from "@/app/_components/indicator-card";
import { Institution, InstitutionList } from "@/app/_components/institution";
import { MilestoneStatusBadge } from "@/app/_components/status-badge";
import { TableScroll } from "@/app/_components/table-scroll";
import { capitalise, formatDate } from "@/lib/format";
import { describeStatusMethod } from "@/lib/indicators/status";
import { formerAddress, loadOutput } from "../../load";
import { RemovedRecord } from "../../removed";

type Props = { params: Promise<{ plan: string; output: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { plan, output } = await params;
  const removed = formerAddress(plan, "output", output);
  if (removed) return { title: `Removed: ${removed.label}` };
  const loaded = loadOutput(plan, output);
  return { title: `Output ${loaded.output.code}: ${loaded.output.title}` };
}

export default async function OutputPage({ params }: Props) {
  const { plan: slug, output: code } = await params;
  const removed = formerAddress(slug, "output", code);
  if (removed) return <RemovedRecord removed={removed} />;
  const { plan, pillar, output } = loadOutput(slug, code);
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
          { label: `Output ${output.code}` },
        ]}
      />
      <p className="meta">
        Output {output.code} · {term} {pillar.number}: {pillar.title}
      </p>
      <h1>{output.title}</h1>

      <section className="card" aria-labelledby="responsibility">
        <h2 id="responsibility" className="sr-only">
          Responsibility
        </h2>
        <dl className="facts">
          <dt>Lead institution</dt>
          <dd>
            {output.lead ? (
              `${output.lead.name} (${output.lead.acronym})`
            ) : (
              <Institution value={null} />
            )}
          </dd>
          <dt>Supporting</dt>
          <dd>
            <InstitutionList values={output.supporting} full />
          </dd>
        </dl>
      </section>

      <h2>Indicators</h2>
      {output.indicators.length === 0 ? (
        <p>No indicators are defined for this output yet.</p>
      ) : (
        <>
          <p className="meta">How status is computed: {describeStatusMethod(plan.thresholds)}</p>
          {output.indicators.map((indicator) => (
            <IndicatorCard
              key={indicator.code}
              indicator={indicator}
              currency={plan.currency}
              planSlug={plan.slug}
            />
          ))}
        </>
      )}

      <h2 id="milestones">Milestones</h2>
      {output.milestones.length === 0 ? (
        <p>No milestones are recorded for this output.</p>
      ) : (
        <TableScroll label="Milestones">
          <table aria-labelledby="milestones">
            <thead>
              <tr>
                <th scope="col">Milestone</th>
                <th scope="col">Due</th>
                <th scope="col">Responsible</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {output.milestones.map((milestone) => (
                <tr key={milestone.title}>
                  <th scope="row">{milestone.title}</th>
                  <td>{formatDate(milestone.dueDate)}</td>
                  <td>
                    <Institution value={milestone.responsible} />
                  </td>
                  <td>
                    <MilestoneStatusBadge status={milestone.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
