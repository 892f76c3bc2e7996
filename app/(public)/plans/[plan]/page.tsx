import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { Institution, InstitutionList } from "@/app/_components/institution";
import { PlanStatusBadge } from "@/app/_components/status-badge";
import { TableScroll } from "@/app/_components/table-scroll";
import { capitalise, ordinalWord } from "@/lib/format";
import { loadPlan } from "./load";

type Props = { params: Promise<{ plan: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const plan = loadPlan((await params).plan);
  return { title: plan.title, description: plan.summary ?? undefined };
}

export default async function PlanPage({ params }: Props) {
  const plan = loadPlan((await params).plan);
  const term = capitalise(plan.pillarTerm);
  return (
    <>
      <Breadcrumbs items={[{ href: "/", label: "Plans" }, { label: plan.title }]} />
      <div className="pill-heading">
        <h1>{plan.title}</h1>
        <PlanStatusBadge status={plan.status} />
      </div>
      {plan.summary ? <p className="lead">{plan.summary}</p> : null}

      <section aria-labelledby="facts" className="card">
        <h2 id="facts" className="sr-only">
          Key facts
        </h2>
        <dl className="facts">
          <dt>Country</dt>
          <dd>{plan.countryName}</dd>
          <dt>Period</dt>
          <dd>
            {plan.startYear}–{plan.endYear}
          </dd>
          <dt>Generation</dt>
          <dd>{capitalise(ordinalWord(plan.generation))} national action plan</dd>
          <dt>Lead institution</dt>
          <dd>
            {plan.leadInstitution ? (
              <>
                {plan.leadInstitution.name} ({plan.leadInstitution.acronym})
              </>
            ) : (
              "Not recorded"
            )}
          </dd>
          <dt>Budget</dt>
          <dd>
            {plan.budgetStatement ?? "Not recorded"}{" "}
            <Link href={`/plans/${plan.slug}/budget`}>
              What the yearly action plans cost and what is funded
            </Link>
          </dd>
          <dt>Civil society</dt>
          <dd>{plan.civilSocietyParticipation ?? "Not recorded"}</dd>
        </dl>
      </section>

      <h2>
        {plan.pillars.length} {plan.pillars.length === 1 ? plan.pillarTerm : plan.pillarTermPlural}{" "}
        at a glance
      </h2>
      {plan.pillars.map((pillar) => (
        <section key={pillar.number} className="card" aria-labelledby={`pillar-${pillar.number}`}>
          <h3 id={`pillar-${pillar.number}`}>
            <Link href={`/plans/${plan.slug}/pillars/${pillar.number}`}>
              {term} {pillar.number}: {pillar.title}
            </Link>
          </h3>
          {pillar.outputs.length === 0 ? (
            <p className="meta">No outputs are recorded under this {plan.pillarTerm}.</p>
          ) : (
            <ul className="outputs">
              {pillar.outputs.map((output) => (
                <li key={output.code}>
                  <Link href={`/plans/${plan.slug}/outputs/${output.code}`}>
                    <span className="code">{output.code}</span>
                    {output.title}
                  </Link>
                  <div className="meta">
                    Lead: <Institution value={output.lead} /> · {output.indicators.length}{" "}
                    {output.indicators.length === 1 ? "indicator" : "indicators"}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}

      {plan.outputCount > 0 ? (
        <>
          <h2 id="who-leads-what">Who leads what</h2>
          <TableScroll label="Who leads what">
            <table aria-labelledby="who-leads-what">
              <thead>
                <tr>
                  <th scope="col">Output</th>
                  <th scope="col">Lead institution</th>
                  <th scope="col">Supporting institutions</th>
                </tr>
              </thead>
              <tbody>
                {plan.pillars.flatMap((pillar) =>
                  pillar.outputs.map((output) => (
                    <tr key={output.code}>
                      <th scope="row">
                        <Link href={`/plans/${plan.slug}/outputs/${output.code}`}>
                          {output.code}
                        </Link>{" "}
                        <span className="meta">{output.title}</span>
                      </th>
                      <td>
                        <Institution value={output.lead} />
                      </td>
                      <td>
                        <InstitutionList values={output.supporting} />
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
      <p className="meta">
        <Link href={`/plans/${plan.slug}/changes`}>Changes to this plan</Link> since it became
        active, with reasons. Open data:{" "}
        <a href={`/api/v1/plans/${plan.slug}`}>this plan as JSON</a>, or{" "}
        <a href={`/api/v1/plans/${plan.slug}/plan.xlsx`} download>
          as an Excel workbook
        </a>
        .
      </p>
    </>
  );
}
