import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { getIndicatorForm } from "@/lib/framework/edit";
import { planParam } from "../../load";
import { IndicatorForm } from "../indicator-form";

export const metadata: Metadata = { title: "New indicator" };

type Props = {
  params: Promise<{ plan: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** `?output=1.1` or `?pillar=2` preselects where the indicator goes; anything else is ignored. */
const whereSchema = z.object({
  output: z
    .string()
    .regex(/^[1-9]\d{0,2}\.[1-9]\d{0,2}$/)
    .optional()
    .catch(undefined),
  pillar: z
    .string()
    .regex(/^[1-9]\d{0,2}$/)
    .optional()
    .catch(undefined),
});

export default async function NewIndicatorPage({ params, searchParams }: Props) {
  const slug = planParam((await params).plan);
  const viewer = await requirePage("framework.manage", `/admin/plans/${slug}/indicators/new`);
  const where = whereSchema.parse(await searchParams);
  const parent = where.output
    ? `output:${where.output}`
    : where.pillar
      ? `pillar:${where.pillar}`
      : undefined;
  const data = getIndicatorForm(viewer, slug, null, parent);
  if (!data) notFound();
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: `/admin/plans/${slug}`, label: data.plan.title },
          { label: "New indicator" },
        ]}
      />
      <h1>New indicator</h1>
      <IndicatorForm data={data} />
    </div>
  );
}
