import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { capitalise } from "@/lib/format";
import { getPillarForm } from "@/lib/framework/structure";
import { itemSections } from "../../../item-fields";
import { StructureForm } from "../../../structure-form";
import { planParam } from "../../load";

export const metadata: Metadata = { title: "New pillar" };

type Props = { params: Promise<{ plan: string }> };

export default async function NewPillarPage({ params }: Props) {
  const slug = planParam((await params).plan);
  const viewer = await requirePage("framework.manage", `/admin/plans/${slug}/pillars/new`);
  const data = getPillarForm(viewer, slug, null);
  if (!data) notFound();
  const term = data.plan.pillarTerm;
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: `/admin/plans/${slug}`, label: data.plan.title },
          { label: `New ${term}` },
        ]}
      />
      <h1>New {term}</h1>
      <p>
        {capitalise(term)}s are numbered in order; the new one comes last. You can move it up
        afterwards.
      </p>
      <StructureForm
        kind="pillar.create"
        sections={itemSections()}
        values={data.values}
        hidden={{ plan: slug }}
        submitLabel={`Add the ${term}`}
      />
    </div>
  );
}
