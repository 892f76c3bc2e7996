import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { IndicatorCard } from "@/app/_components/indicator-card";
import { Institution, InstitutionList } from "@/app/_components/institution";
import { IndicatorStatusBadge } from "@/app/_components/status-badge";
import { capitalise } from "@/lib/format";
import { formerAddress, loadPillar } from "../../load";
import { RemovedRecord } from "../../removed";

type Props = { params: Promise<{ plan: string; pillar: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { plan, pillar } = await params;
  const removed = formerAddress(plan, "pillar", pillar);
  if (removed) return { title: `Removed: ${removed.label}` };
  const loaded = loadPillar(plan, pillar);
  return {
    title: `${capitalise(loaded.plan.pillarTerm)} ${loaded.pillar.number}: ${loaded.pillar.title}`,
  };
}

export default async function PillarPage({ params }: Props) {
  const { plan: slug, pillar: number } = await params;
  const removed = formerAddress(slug, "pillar", number);
  if (removed) return <RemovedRecord removed={removed} />;
  const { plan, pillar } = loadPillar(slug, number);
  const term = capitalise(plan.pillarTerm);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/", label: "Plans" },
          { href: `/plans/${plan.slug}`, label: plan.title },
          { label: `${term} ${pillar.number}` },
        ]}
      />
      <p className="meta">
        {term} {pillar.number} of {plan.pillars.length}
      </p>
      <h1>{pillar.title}</h1>
      {pillar.description ? <p className="lead">{pillar.description}</p> : null}

      {pillar.outcomeIndicators.length > 0 ? (
        <>
          <h2>Outcome indicators</h2>
          {pillar.outcomeIndicators.map((indicator) => (
            <IndicatorCard
              key={indicator.code}
              indicator={indicator}
              currency={plan.currency}
              planSlug={plan.slug}
            />
          ))}
        </>
      ) : null}

      <h2>Outputs</h2>
      {pillar.outputs.length === 0 ? (
        <p>No outputs are recorded under this {plan.pillarTerm}.</p>
      ) : (
        pillar.outputs.map((output) => (
          <section key={output.code} className="card" aria-labelledby={`output-${output.code}`}>
            <h3 id={`output-${output.code}`}>
              <Link href={`/plans/${plan.slug}/outputs/${output.code}`}>
                <span className="code">{output.code}</span>
                {output.title}
              </Link>
            </h3>
            <p className="meta">
              Lead: <Institution value={output.lead} /> · Supporting:{" "}
              <InstitutionList values={output.supporting} />
            </p>
            {output.indicators.length > 0 ? (
              <ul>
                {output.indicators.map((indicator) => (
                  <li key={indicator.code}>
                    <Link
                      href={`/plans/${plan.slug}/outputs/${output.code}#indicator-${indicator.code}`}
                    >
                      {indicator.code} {indicator.title}
                    </Link>{" "}
                    <IndicatorStatusBadge status={indicator.status} />
                  </li>
                ))}
              </ul>
            ) : (
              <p>No indicators yet.</p>
            )}
          </section>
        ))
      )}
    </>
  );
}
