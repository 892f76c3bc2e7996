import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { getMilestoneForm } from "@/lib/framework/milestones";
import { DeleteForm } from "../../form-parts";
import { milestoneParam, planParam } from "../../load";
import { deleteMilestoneAction } from "../actions";
import { MilestoneForm } from "../milestone-form";

export const metadata: Metadata = { title: "Edit a milestone" };

type Props = { params: Promise<{ plan: string; id: string }> };

export default async function EditMilestonePage({ params }: Props) {
  const raw = await params;
  const slug = planParam(raw.plan);
  const id = milestoneParam(raw.id);
  const viewer = await requirePage("framework.manage", `/admin/plans/${slug}/milestones/${id}`);
  const data = getMilestoneForm(viewer, slug, id);
  if (!data) notFound();
  const code = data.output.code;
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: `/admin/plans/${slug}`, label: data.plan.title },
          { href: `/admin/plans/${slug}/outputs/${code}/milestones`, label: `Output ${code}` },
          { label: "Milestone" },
        ]}
      />
      <h1>Milestone: {data.values.title}</h1>
      <p className="meta">
        Under output {code}: {data.output.title}
        {data.plan.published ? (
          <>
            {" "}
            · <Link href={`/plans/${slug}/outputs/${code}`}>Public page</Link> ·{" "}
            <Link href={`/plans/${slug}/changes`}>Changes to this plan</Link>
          </>
        ) : null}
      </p>
      <MilestoneForm data={data} id={id} />
      <section className="card" aria-labelledby="delete-milestone">
        <h2 id="delete-milestone">Delete this milestone</h2>
        <DeleteForm
          action={deleteMilestoneAction}
          hidden={{ plan: slug, id: String(id), version: data.values.version ?? "" }}
          what="this milestone"
          published={data.plan.published}
          blocked={
            data.updates > 0
              ? `Progress reports have updated this milestone ${data.updates} ${data.updates === 1 ? "time" : "times"}, so it cannot be deleted. Set its status to "Dropped" instead.`
              : null
          }
        />
      </section>
    </div>
  );
}
