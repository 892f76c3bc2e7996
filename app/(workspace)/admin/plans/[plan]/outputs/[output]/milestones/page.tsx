import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { FormMessage } from "@/app/_components/field";
import { MilestoneStatusBadge } from "@/app/_components/status-badge";
import { requirePage } from "@/lib/auth/guard";
import { formatDate } from "@/lib/format";
import { getOutputMilestones } from "@/lib/framework/milestones";
import { outputParam, planParam } from "../../../load";
import { moveMilestoneAction } from "../../../milestones/actions";
import { MilestoneForm } from "../../../milestones/milestone-form";

export const metadata: Metadata = { title: "Milestones of an output" };

type Props = {
  params: Promise<{ plan: string; output: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function OutputMilestonesPage({ params, searchParams }: Props) {
  const raw = await params;
  const slug = planParam(raw.plan);
  const code = outputParam(raw.output);
  const viewer = await requirePage(
    "framework.manage",
    `/admin/plans/${slug}/outputs/${code}/milestones`,
  );
  const data = getOutputMilestones(viewer, slug, code);
  if (!data) notFound();
  const deleted = (await searchParams).deleted === "1";
  const { plan, output } = data.form;
  return (
    <div className="medium">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: `/admin/plans/${slug}`, label: plan.title },
          { label: `Milestones of output ${code}` },
        ]}
      />
      <h1>
        Milestones of output {code}: {output.title}
      </h1>
      {plan.published ? (
        <p className="meta">
          <Link href={`/plans/${slug}/outputs/${code}`}>Public page of this output</Link> ·{" "}
          <Link href={`/plans/${slug}/changes`}>Changes to this plan</Link>
        </p>
      ) : null}
      {deleted ? <FormMessage ok message="The milestone was deleted." /> : null}
      <section className="card" aria-labelledby="milestone-list">
        <h2 id="milestone-list">In the order the public sees them</h2>
        {data.milestones.length === 0 ? (
          <p className="meta">No milestones yet.</p>
        ) : (
          <ol className="edit-list">
            {data.milestones.map((m, i) => (
              <li key={m.id}>
                <span>
                  <Link href={`/admin/plans/${slug}/milestones/${m.id}`}>{m.title}</Link>
                  <span className="reason">
                    Due {formatDate(m.dueDate)}
                    {m.responsible ? ` · ${m.responsible}` : ""} ·{" "}
                    <MilestoneStatusBadge status={m.status} />
                  </span>
                </span>
                <span className="edit-moves">
                  {(["up", "down"] as const).map((direction) => (
                    <form key={direction} action={moveMilestoneAction}>
                      <input type="hidden" name="plan" value={slug} />
                      <input type="hidden" name="id" value={m.id} />
                      <input type="hidden" name="direction" value={direction} />
                      <button
                        type="submit"
                        className="button button-secondary button-small"
                        disabled={direction === "up" ? i === 0 : i === data.milestones.length - 1}
                        aria-label={`Move "${m.title}" ${direction}`}
                      >
                        {direction === "up" ? "↑ Up" : "↓ Down"}
                      </button>
                    </form>
                  ))}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <h2 id="add-milestone">Add a milestone</h2>
      <MilestoneForm data={data.form} />
    </div>
  );
}
