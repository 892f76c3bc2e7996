import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { FormMessage } from "@/app/_components/field";
import { PlanStatusBadge } from "@/app/_components/status-badge";
import { requirePage } from "@/lib/auth/guard";
import { capitalise } from "@/lib/format";
import { getPlanForEditing } from "@/lib/framework/edit";
import { INDICATOR_CODE_PATTERN } from "@/lib/framework/edit-schema";
import { planParam } from "./load";
import { MoveButtons, StructureLinks } from "./structure-controls";

export const metadata: Metadata = { title: "Edit a plan" };

type Props = {
  params: Promise<{ plan: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function IndicatorList({
  slug,
  indicators,
  published,
}: {
  slug: string;
  indicators: { code: string; title: string }[];
  published: boolean;
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
          <MoveButtons
            slug={slug}
            target={{ indicator: indicator.code }}
            label={indicator.code}
            first={i === 0}
            last={i === indicators.length - 1}
            published={published}
          />
        </li>
      ))}
    </ol>
  );
}

export default async function EditPlanPage({ params, searchParams }: Props) {
  const slug = planParam((await params).plan);
  const viewer = await requirePage("framework.manage", `/admin/plans/${slug}`);
  const plan = getPlanForEditing(viewer, slug);
  if (!plan) notFound();
  const term = capitalise(plan.pillarTerm);
  const published = plan.status !== "draft";
  // After deleting an indicator its page is gone: say so here (the code only echoes a pattern).
  const deleted = (await searchParams).deleted;
  const deletedCode =
    typeof deleted === "string" && INDICATOR_CODE_PATTERN.test(deleted) ? deleted : null;
  return (
    <>
      <Breadcrumbs items={[{ href: "/admin", label: "Admin" }, { label: plan.title }]} />
      <div className="pill-heading">
        <h1>{plan.title}</h1>
        <PlanStatusBadge status={plan.status} />
      </div>
      {deletedCode ? <FormMessage ok message={`Indicator ${deletedCode} was deleted.`} /> : null}
      {(await searchParams).moved === "1" ? (
        <FormMessage ok message="Moved. The public change log shows the move and its reason." />
      ) : null}
      <p>
        Indicators and their targets, by {plan.pillarTerm} and output, in the order the public sees
        them.{" "}
        {plan.status === "draft"
          ? "This plan is a draft: changes are recorded but not published."
          : "This plan is published: changes to baselines and targets, moves, deletions and new codes need a reason and appear in its public change log. Numbers and codes are public addresses: moving changes the order only, and a deleted record's number is never given to another."}
      </p>
      <p>
        <Link href={`/admin/plans/${plan.slug}/dimensions`}>Disaggregation dimensions</Link> (sex,
        places and other breakdowns of this plan's values)
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
      <StructureLinks slug={plan.slug} pillarTerm={plan.pillarTerm} />
      {plan.pillars.length === 0 ? (
        <p className="alert alert-info">
          This plan has no {plan.pillarTerm} yet.{" "}
          <Link href={`/admin/plans/${plan.slug}/pillars/new`}>
            Add the first {plan.pillarTerm}
          </Link>
        </p>
      ) : null}
      {plan.pillars.map((pillar, p) => (
        <section key={pillar.number} className="card" aria-labelledby={`pillar-${pillar.number}`}>
          <h2 id={`pillar-${pillar.number}`}>
            {term} {pillar.number}: {pillar.title}
          </h2>
          <div className="toolbar">
            <Link href={`/admin/plans/${plan.slug}/pillars/${pillar.number}`}>
              Edit {plan.pillarTerm} {pillar.number}
            </Link>
            <MoveButtons
              slug={plan.slug}
              target={{ pillar: pillar.number }}
              label={`${plan.pillarTerm} ${pillar.number}`}
              first={p === 0}
              last={p === plan.pillars.length - 1}
              published={published}
            />
          </div>
          <h3>Outcome indicators</h3>
          <IndicatorList
            slug={plan.slug}
            indicators={pillar.outcomeIndicators}
            published={published}
          />
          <p>
            <Link href={`/admin/plans/${plan.slug}/indicators/new?pillar=${pillar.number}`}>
              Add an outcome indicator to {plan.pillarTerm} {pillar.number}
            </Link>
          </p>
          {pillar.outputs.map((output, o) => (
            <section key={output.code} aria-labelledby={`output-${output.code}`}>
              <h3 id={`output-${output.code}`}>
                <span className="code">{output.code}</span>
                {output.title}
              </h3>
              <div className="toolbar">
                <Link href={`/admin/plans/${plan.slug}/outputs/${output.code}`}>
                  Edit output {output.code} and who is responsible
                </Link>
                <MoveButtons
                  slug={plan.slug}
                  target={{ output: output.code }}
                  label={`output ${output.code}`}
                  first={o === 0}
                  last={o === pillar.outputs.length - 1}
                  published={published}
                />
              </div>
              <IndicatorList
                slug={plan.slug}
                indicators={output.indicators}
                published={published}
              />
              <p>
                <Link href={`/admin/plans/${plan.slug}/indicators/new?output=${output.code}`}>
                  Add an indicator to output {output.code}
                </Link>
              </p>
              <p>
                <Link href={`/admin/plans/${plan.slug}/outputs/${output.code}/milestones`}>
                  Milestones of output {output.code} ({output.milestones})
                </Link>
              </p>
            </section>
          ))}
          <p>
            <Link href={`/admin/plans/${plan.slug}/outputs/new?pillar=${pillar.number}`}>
              Add an output to {plan.pillarTerm} {pillar.number}
            </Link>
          </p>
        </section>
      ))}
    </>
  );
}
