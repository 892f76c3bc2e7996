import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import {
  BudgetSummary,
  BudgetTable,
  moneyIn,
  UNFUNDED_NOTE,
} from "@/app/_components/budget-tables";
import { getPublicBudget } from "@/lib/action-plans/public";
import { capitalise } from "@/lib/format";
import { planSlugSchema } from "@/lib/plans/params";

type Props = {
  params: Promise<{ plan: string }>;
  searchParams: Promise<{ year?: string | string[] }>;
};

const yearSchema = z.coerce.number().int().min(1900).max(2200);

/** Public pages read as the public: approved yearly action plans of a published plan. */
const load = cache((raw: string) => {
  const slug = planSlugSchema.safeParse(raw);
  if (!slug.success) notFound();
  const budget = getPublicBudget(slug.data);
  if (!budget) notFound();
  return budget;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const budget = load((await params).plan);
  return {
    title: `Budget: ${budget.title}`,
    description: "What the plan's yearly action plans cost, what is funded, and the unfunded gap.",
  };
}

const percent = (part: number, whole: number) =>
  new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 0 }).format(
    // Rounded down, so that a plan with a gap never reads as 100 % allocated.
    Math.floor((part / whole) * 100) / 100,
  );

export default async function PlanBudgetPage({ params, searchParams }: Props) {
  const budget = load((await params).plan);
  const asked = yearSchema.safeParse((await searchParams).year);
  const chosen =
    (asked.success ? budget.years.find((y) => y.year === asked.data) : undefined) ??
    budget.years[0];
  const money = moneyIn(budget.currency);
  const term = capitalise(budget.pillarTerm);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/", label: "Plans" },
          { href: `/plans/${budget.slug}`, label: budget.title },
          { label: "Budget" },
        ]}
      />
      <h1>Budget: what it costs and what is funded</h1>
      <p className="lead">
        What the institutions' yearly action plans under {budget.title} say the work costs, how much
        of that money is allocated and spent, and the unfunded gap, year by year.
      </p>

      {chosen === undefined ? (
        <p className="card">
          No yearly action plan has been approved yet. Figures appear here as soon as the
          secretariat approves an institution's action plan.
        </p>
      ) : (
        <>
          <nav aria-label="Plan years" className="year-nav">
            <ul>
              {budget.years.map((y) => (
                <li key={y.year}>
                  <Link
                    href={`/plans/${budget.slug}/budget?year=${y.year}`}
                    aria-current={y.year === chosen.year ? "page" : undefined}
                  >
                    {y.yearLabel}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>

          <h2 id="year-heading">Plan year {chosen.yearLabel}</h2>
          <BudgetSummary
            totals={chosen.overall}
            currency={budget.currency}
            label={`Budget totals, plan year ${chosen.yearLabel}`}
            spentText={chosen.overall.spentReported === 0 ? "Not reported yet" : undefined}
          />
          <p>
            {chosen.overall.institutions}{" "}
            {chosen.overall.institutions === 1 ? "institution has" : "institutions have"} an
            approved action plan for {chosen.yearLabel}, with {chosen.overall.activities}{" "}
            {chosen.overall.activities === 1 ? "activity" : "activities"}.{" "}
            {chosen.overall.needed > 0 ? (
              <>
                <strong>
                  {percent(chosen.overall.allocated, chosen.overall.needed)} of the money needed is
                  allocated
                </strong>
                ; the unfunded gap is <strong>{money(chosen.overall.unfunded)}</strong>.{" "}
              </>
            ) : (
              "No budget need is recorded for their activities. "
            )}
            {chosen.overall.spentReported === 0
              ? "No spending has been reported yet for this year."
              : `Spending reported so far: ${money(chosen.overall.spent)}.`}
          </p>

          <BudgetTable
            caption={`By ${budget.pillarTerm}, plan year ${chosen.yearLabel}`}
            head={term}
            currency={budget.currency}
            rows={chosen.byPillar.map((p) => ({
              ...p,
              spent: p.spentReported === 0 ? null : p.spent,
              key: p.number,
              label: `${term} ${p.number}: ${p.title}`,
            }))}
          />
          <BudgetTable
            caption={`By institution, plan year ${chosen.yearLabel}`}
            head="Institution"
            currency={budget.currency}
            rows={chosen.byInstitution.map((i) => ({
              ...i,
              spent: i.spentReported === 0 ? null : i.spent,
              key: i.acronym,
              label: `${i.name} (${i.acronym})`,
            }))}
          />
        </>
      )}

      <section aria-labelledby="about-figures">
        <h2 id="about-figures">About these figures</h2>
        <p className="note">
          Only action plans the secretariat has approved count: drafts, and plans submitted but not
          yet reviewed or returned for changes, are left out. Amounts are in {budget.currency}.
          Spending is what institutions have reported so far; "—" means none reported yet.
        </p>
        <p className="note">{UNFUNDED_NOTE}</p>
      </section>
      <p className="meta">
        Open data: <a href={`/api/v1/plans/${budget.slug}/budget.json`}>these figures as JSON</a>.
      </p>
    </>
  );
}
