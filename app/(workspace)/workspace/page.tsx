import type { Metadata } from "next";
import Link from "next/link";
import { IndicatorStatusBadge } from "@/app/_components/status-badge";
import { getInstitutionResponsibilities } from "@/lib/workspace/data";
import { requirePage } from "../guard";

export const metadata: Metadata = { title: "Workspace" };

function OutputLinks({
  slug,
  outputs,
}: {
  slug: string;
  outputs: { code: string; title: string }[];
}) {
  if (outputs.length === 0) return <p>None.</p>;
  return (
    <ul>
      {outputs.map((o) => (
        <li key={o.code}>
          <Link href={`/plans/${slug}/outputs/${o.code}`}>
            {o.code} {o.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export default async function WorkspacePage() {
  const viewer = await requirePage("workspace.view", "/workspace");
  const { institution, plans } = getInstitutionResponsibilities(viewer);
  return (
    <>
      <h1>{institution.name} workspace</h1>
      <p className="lead">
        What {institution.acronym} is responsible for under the national action plan. Progress
        reports and the yearly action plan are drafted and submitted here.
      </p>
      <div className="alert alert-info" role="note">
        No reporting period is open for {institution.acronym} yet. Reports you draft will be listed
        here by status: due, overdue, returned, in progress, submitted and approved.
      </div>
      {plans.map((plan) => (
        <section key={plan.slug} aria-labelledby={`plan-${plan.slug}`}>
          <h2 id={`plan-${plan.slug}`}>{plan.title}</h2>
          <div className="card">
            <h3>Outputs {institution.acronym} leads</h3>
            <OutputLinks slug={plan.slug} outputs={plan.leads} />
            <h3>Outputs {institution.acronym} supports</h3>
            <OutputLinks slug={plan.slug} outputs={plan.supports} />
            <h3>Indicators {institution.acronym} reports on</h3>
            {plan.indicators.length ? (
              <ul>
                {plan.indicators.map((i) => (
                  <li key={i.code}>
                    {i.code} {i.title} <IndicatorStatusBadge status={i.status} />
                  </li>
                ))}
              </ul>
            ) : (
              <p>None.</p>
            )}
          </div>
        </section>
      ))}
    </>
  );
}
