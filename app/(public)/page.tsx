import Link from "next/link";
import { PlanStatusBadge } from "@/app/_components/status-badge";
import { capitalise, ordinalWord } from "@/lib/format";
import { listPlans } from "@/lib/plans/data";

export default function HomePage() {
  const plans = listPlans(null);
  return (
    <>
      <h1>Women, Peace and Security National Action Plans</h1>
      <p className="lead">
        Governments commit to UN Security Council Resolution 1325 through national action plans.
        Here you can follow each plan's objectives, who is responsible for what, the indicators and
        targets, and the progress approved by the plan's steering committee.
      </p>
      <h2>Plans</h2>
      {plans.length === 0 ? (
        <p>No plan has been published yet.</p>
      ) : (
        <ul className="cards">
          {plans.map((plan) => (
            <li key={plan.slug}>
              <article className="card">
                <div className="pill-heading">
                  <h3>
                    <Link href={`/plans/${plan.slug}`}>{plan.title}</Link>
                  </h3>
                  <PlanStatusBadge status={plan.status} />
                </div>
                <p className="meta">
                  {plan.countryName} · {plan.startYear}–{plan.endYear} ·{" "}
                  {capitalise(ordinalWord(plan.generation))} national action plan
                </p>
                <p>
                  {plan.pillarCount}{" "}
                  {plan.pillarCount === 1 ? plan.pillarTerm : plan.pillarTermPlural},{" "}
                  {plan.outputCount} outputs, {plan.indicatorCount} indicators
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
