import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { capitalise } from "@/lib/format";
import { getOutputForm } from "@/lib/framework/structure";
import { StructureForm } from "../../../structure-form";
import { planParam } from "../../load";

export const metadata: Metadata = { title: "New output" };

type Props = {
  params: Promise<{ plan: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** `?pillar=2` preselects the pillar; anything else is ignored. */
const whereSchema = z.object({
  pillar: z
    .string()
    .regex(/^[1-9]\d{0,2}$/)
    .transform(Number)
    .optional()
    .catch(undefined),
});

export default async function NewOutputPage({ params, searchParams }: Props) {
  const slug = planParam((await params).plan);
  const viewer = await requirePage("framework.manage", `/admin/plans/${slug}/outputs/new`);
  const where = whereSchema.parse(await searchParams);
  const data = getOutputForm(viewer, slug, null, where.pillar);
  if (!data) notFound();
  const term = capitalise(data.plan.pillarTerm);
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: `/admin/plans/${slug}`, label: data.plan.title },
          { label: "New output" },
        ]}
      />
      <h1>New output</h1>
      <p>
        The output comes last in its {data.plan.pillarTerm}; you set its lead and supporting
        institutions on the next page.
      </p>
      <StructureForm
        kind="output.create"
        sections={[
          {
            fields: [
              {
                name: "pillar",
                label: term,
                type: "select",
                options: data.pillars.map((p) => ({
                  value: String(p.number),
                  label: `${term} ${p.number}: ${p.title}`,
                })),
              },
              { name: "title", label: "Title", type: "textarea", maxLength: 500 },
              {
                name: "description",
                label: "Description (optional)",
                type: "textarea",
                maxLength: 5000,
              },
            ],
          },
        ]}
        values={data.values}
        hidden={{ plan: slug }}
        submitLabel="Add the output"
      />
    </div>
  );
}
