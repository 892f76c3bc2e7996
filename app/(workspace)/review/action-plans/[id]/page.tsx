import type { Metadata } from "next";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { actionPlanForPage } from "@/lib/action-plans/page-data";
import { requirePage } from "@/lib/auth/guard";
import { ActivitiesTable, PlanHeader, PlanTotals } from "../../../workspace/action-plans/plan-view";
import { DecisionForm } from "../decision-form";

export const metadata: Metadata = { title: "Review an action plan" };

export default async function ReviewActionPlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ done?: string | string[] }>;
}) {
  const { id } = await params;
  const viewer = await requirePage("review.view", `/review/action-plans/${id}`);
  const data = actionPlanForPage(viewer, id);
  const { done } = await searchParams;
  const plan = data.actionPlan;
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/review", label: "Review" },
          { href: `/review/action-plans?year=${plan.year}`, label: "Action plans" },
          { label: `${plan.institution} ${plan.yearLabel}` },
        ]}
      />
      <PlanHeader data={data} done={typeof done === "string" ? done : undefined} />
      {data.may.review ? (
        <DecisionForm actionPlanId={plan.id} version={plan.version} mode="review" />
      ) : null}
      <ActivitiesTable data={data} editable={false} />
      <PlanTotals data={data} />
      {data.may.reopen ? (
        <DecisionForm actionPlanId={plan.id} version={plan.version} mode="reopen" />
      ) : null}
    </>
  );
}
