import type { Metadata } from "next";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { actionPlanForPage } from "@/lib/action-plans/page-data";
import { idSchema } from "@/lib/action-plans/schemas";
import { requirePage } from "@/lib/auth/guard";
import { ActivitiesTable, PlanHeader, PlanTotals } from "../plan-view";
import { ActivityForm } from "./activity-form";
import { SubmitForm } from "./submit-form";

export const metadata: Metadata = { title: "Yearly action plan" };

export default async function ActionPlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{
    edit?: string | string[];
    done?: string | string[];
    error?: string | string[];
  }>;
}) {
  const { id } = await params;
  const viewer = await requirePage("workspace.view", `/workspace/action-plans/${id}`);
  const data = actionPlanForPage(viewer, id);
  const query = await searchParams;
  const plan = data.actionPlan;
  const editId = idSchema.safeParse(query.edit);
  const editing = editId.success ? data.activities.find((a) => a.id === editId.data) : undefined;
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/workspace", label: "Workspace" },
          { href: "/workspace/action-plans", label: "Yearly action plans" },
          { label: plan.yearLabel },
        ]}
      />
      <PlanHeader data={data} done={one(query.done)} error={one(query.error)?.slice(0, 300)} />
      <ActivitiesTable data={data} editable={data.may.edit} />
      {data.may.edit ? (
        <>
          <ActivityForm
            key={editing ? `edit-${editing.id}-${plan.version}` : `add-${plan.version}`}
            actionPlanId={plan.id}
            version={plan.version}
            currency={plan.currency}
            outputs={data.outputs}
            activity={editing}
          />
          <SubmitForm actionPlanId={plan.id} version={plan.version} />
        </>
      ) : null}
      <PlanTotals data={data} />
    </>
  );
}
