import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { getPlanForm } from "@/lib/framework/structure";
import { planSections } from "../plan-fields";
import { StructureForm } from "../structure-form";

export const metadata: Metadata = { title: "New plan" };

export default async function NewPlanPage() {
  const viewer = await requirePage("framework.manage", "/admin/plans/new");
  const data = getPlanForm(viewer, null);
  if (!data) notFound();
  return (
    <div className="narrow">
      <Breadcrumbs items={[{ href: "/admin", label: "Admin" }, { label: "New plan" }]} />
      <h1>New plan</h1>
      <p>
        The plan starts as a draft: only admins see it while you add its pillars, outputs and
        indicators. Activate it from its details page to publish it.
      </p>
      <StructureForm
        kind="plan.create"
        sections={planSections(data)}
        values={data.values}
        hidden={{}}
        context={{ plan: data.context }}
        submitLabel="Create the draft plan"
      />
    </div>
  );
}
