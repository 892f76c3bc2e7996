import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { PlanStatusBadge } from "@/app/_components/status-badge";
import { capitalise } from "@/lib/format";
import { getPlanForEditing } from "@/lib/framework/edit";
import { requirePage } from "../../../guard";
import { moveIndicatorAction } from "./actions";
import { planParam } from "./load";

export const metadata: Metadata = { title: "Edit a plan" };

type Props = { params: Promise<{ plan: string }> };

function IndicatorList({
  slug,
  indicators,
}: {
  slug: string;
  indicators: { code: string; title: string }[];
}) {
  if (indicators.length === 0) return <p className="meta">No indicators yet.</p>;
  return (
    <ol className="edit-list">
      {indicators.map((indicator, i) => (
        <li key={indicator.code}>
          <Link href={`/admin/plans/${slug}/indicators/${encodeURIComponent(indicator.code)}`}>
            <span className="code">{indicator.code}</span>
            {indicator.title}
          </Link>
          <span className="edit-moves">
            {(["up", "down"] as const).map((direction) => {
              const disabled = direction === "up" ? i === 0 : i === indicators.length - 1;
              return (
                <form key={direction} action={moveIndicatorAction}>
                  <input type="hidden" name="plan" value={slug} />
                  <input type="hidden" name="code" value={indicator.code} />
                  <input type="hidden" name="direction" value={direction} />
                  <button
                    type="submit"
                    className="button button-secondary button-small"
                    disabled={disabled}
                    aria-label={`Move ${indicator.code} ${direction}`}
                  >
                    {direction === "up" ? "↑ Up" : "↓ Down"}
                  </button>
                </form>
              );
            })}
          </span>
        </li>
      ))}
    </ol>
  );
}

export default async function EditPlanPage({ params }: Props) {
  const slug = planParam((await params).plan);
  const viewer = await requirePage("framework.manage", `/admin/plans/${slug}`);
  const plan = getPlanForEditing(viewer, slug);
  if (!plan) notFound();
  const term = capitalise(plan.pillarTerm);
  return (
    <>
      <Breadcrumbs items={[{ href: "/admin", label: "Admin" }, { label: plan.title }]} />
      <div className="pill-heading">
        <h1>{plan.title}</h1>
        <PlanStatusBadge status={plan.status} />
      </div>
      <p>
        Indicators and their targets, by {plan.pillarTerm} and output, in the order the public sees
        them.{" "}
        {plan.status === "draft"
          ? "This plan is a draft: changes are recorded but not published."
          : "This plan is published: changes to baselines and targets need a reason and appear in its public change log."}
      </p>
      <p className="meta">
        {plan.status === "draft" ? null : (
          <>
            <Link href={`/plans/${plan.slug}`}>Public page</Link> ·{" "}
            <Link href={`/plans/${plan.slug}/changes`}>Changes to this plan</Link> ·{" "}
          </>
        )}
        <a href={`/api/v1/plans/${plan.slug}/plan.xlsx`} download>
          Download as an Excel workbook
        </a>
      </p>
      {plan.pillars.map((pillar) => (
        <section key={pillar.number} className="card" aria-labelledby={`pillar-${pillar.number}`}>
          <h2 id={`pillar-${pillar.number}`}>
            {term} {pillar.number}: {pillar.title}
          </h2>
          <h3>Outcome indicators</h3>
          <IndicatorList slug={plan.slug} indicators={pillar.outcomeIndicators} />
          <p>
            <Link href={`/admin/plans/${plan.slug}/indicators/new?pillar=${pillar.number}`}>
              Add an outcome indicator to {plan.pillarTerm} {pillar.number}
            </Link>
          </p>
          {pillar.outputs.map((output) => (
            <section key={output.code} aria-labelledby={`output-${output.code}`}>
              <h3 id={`output-${output.code}`}>
                <span className="code">{output.code}</span>
                {output.title}
              </h3>
              <IndicatorList slug={plan.slug} indicators={output.indicators} />
              <p>
                <Link href={`/admin/plans/${plan.slug}/indicators/new?output=${output.code}`}>
                  Add an indicator to output {output.code}
                </Link>
              </p>
            </section>
          ))}
        </section>
      ))}
    </>
  );
}
