import type { Metadata } from "next";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { listPeriods } from "@/lib/periods/data";
import { periodListSearchSchema } from "@/lib/periods/schemas";
import { NewPeriodForm, type PlanOption } from "./new-period-form";

export const metadata: Metadata = { title: "New reporting period" };

export default async function NewPeriodPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePage("periods.manage", "/admin/periods/new");
  const search = periodListSearchSchema.parse(await searchParams);
  // Closed plans get no new periods, so they are not offered.
  const plans: PlanOption[] = listPeriods(viewer)
    .filter((group) => group.plan.status !== "closed")
    .map(({ plan, periods }) => ({
      id: plan.id,
      slug: plan.slug,
      title: plan.title,
      startYear: plan.startYear,
      endYear: plan.endYear,
      fiscalYearStartMonth: plan.fiscalYearStartMonth,
      codes: periods.map((period) => period.code),
    }));
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/periods", label: "Reporting periods" },
          { label: "New reporting period" },
        ]}
      />
      <h1>New reporting period</h1>
      <p>
        Create one period, or every half-year or quarter of a year at once. Codes, dates and labels
        follow the plan's years; each new period is open for reporting.
      </p>
      <NewPeriodForm
        plans={plans}
        initialPlanId={plans.find((plan) => plan.slug === search.plan)?.id}
      />
    </div>
  );
}
