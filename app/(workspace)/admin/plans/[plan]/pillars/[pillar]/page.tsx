import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { capitalise } from "@/lib/format";
import { getPillarForm } from "@/lib/framework/structure";
import { pillarNumberSchema } from "@/lib/plans/params";
import { itemSections } from "../../../item-fields";
import { ActionForm, StructureForm } from "../../../structure-form";
import { planParam } from "../../load";

export const metadata: Metadata = { title: "Edit a pillar" };

type Props = { params: Promise<{ plan: string; pillar: string }> };

export default async function PillarPage({ params }: Props) {
  const raw = await params;
  const slug = planParam(raw.plan);
  const number = pillarNumberSchema.safeParse(raw.pillar);
  if (!number.success) notFound();
  const viewer = await requirePage(
    "framework.manage",
    `/admin/plans/${slug}/pillars/${number.data}`,
  );
  const data = getPillarForm(viewer, slug, number.data);
  if (!data) notFound();
  const term = capitalise(data.plan.pillarTerm);
  const heading = `${term} ${number.data}`;
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: `/admin/plans/${slug}`, label: data.plan.title },
          { label: heading },
        ]}
      />
      <h1>
        {heading}: {data.values.title}
      </h1>
      {data.plan.status === "draft" ? null : (
        <p className="meta">Changes are listed in the plan's public change log.</p>
      )}
      <StructureForm
        kind="pillar.update"
        sections={itemSections()}
        values={data.values}
        hidden={{ plan: slug, pillar: String(number.data) }}
        submitLabel="Save changes"
      />
      <section className="card" aria-labelledby="delete-pillar">
        <h2 id="delete-pillar">Delete this {data.plan.pillarTerm}</h2>
        {data.outputs || data.indicators ? (
          <p>
            It has {data.outputs} {data.outputs === 1 ? "output" : "outputs"} and {data.indicators}{" "}
            {data.indicators === 1 ? "indicator" : "indicators"}: delete or move them first (
            <Link href={`/admin/plans/${slug}#pillar-${number.data}`}>see them</Link>).
          </p>
        ) : (
          <>
            <p>
              {data.plan.status === "draft"
                ? `The ${data.plan.pillarTermPlural} after it move up one number.`
                : `This plan is published: the other ${data.plan.pillarTermPlural} keep their numbers, and number ${number.data} is never given to another ${data.plan.pillarTerm}; its public address says it was removed, and why.`}
            </p>
            <ActionForm
              kind="pillar.delete"
              hidden={{ plan: slug, pillar: String(number.data) }}
              confirm={`I confirm: delete ${heading}.`}
              buttonLabel={`Delete ${heading}`}
              secondary
              reason={
                data.plan.status === "draft"
                  ? undefined
                  : "The public change log and the removed address show it (at least 5 characters)."
              }
            />
          </>
        )}
      </section>
    </div>
  );
}
