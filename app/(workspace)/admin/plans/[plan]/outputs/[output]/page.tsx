import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { capitalise } from "@/lib/format";
import { getOutputForm } from "@/lib/framework/structure";
import { supportingField } from "@/lib/framework/structure-schema";
import { outputCodeSchema } from "@/lib/plans/params";
import { itemSections } from "../../../item-fields";
import { ActionForm, StructureForm } from "../../../structure-form";
import { planParam } from "../../load";

export const metadata: Metadata = { title: "Edit an output" };

type Props = {
  params: Promise<{ plan: string; output: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function OutputPage({ params, searchParams }: Props) {
  const raw = await params;
  const slug = planParam(raw.plan);
  if (!outputCodeSchema.safeParse(raw.output).success) notFound();
  const code = raw.output;
  const viewer = await requirePage("framework.manage", `/admin/plans/${slug}/outputs/${code}`);
  const data = getOutputForm(viewer, slug, code);
  if (!data?.responsibility) notFound();
  const added = (await searchParams).added === "1";
  const term = capitalise(data.plan.pillarTerm);
  const hidden = { plan: slug, output: code };
  const { institutions } = data.responsibility;
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: `/admin/plans/${slug}`, label: data.plan.title },
          { label: `Output ${code}` },
        ]}
      />
      <p className="meta">
        Output {code} · {term} {data.pillar.number}: {data.pillar.title}
      </p>
      <h1>Output {code}</h1>
      {added ? (
        <div className="alert alert-success" role="status">
          Output {code} was added. Now choose who leads and supports it.
        </div>
      ) : null}
      {data.plan.status === "draft" ? null : (
        <p className="meta">Changes are listed in the plan's public change log.</p>
      )}
      <StructureForm
        kind="output.update"
        sections={itemSections()}
        values={data.values}
        hidden={hidden}
        submitLabel="Save changes"
      />

      <h2 id="responsibilities">Who is responsible</h2>
      <p>
        One lead institution at most, and any number of supporting ones; an institution is never
        both. The lead reports on and rates this output in progress reports; supporters may rate it
        too. <Link href={`/admin/plans/${slug}/responsibilities`}>See the whole matrix</Link>.
      </p>
      {institutions.length === 0 ? (
        <p className="alert alert-info">
          This plan's country has no active institutions yet.{" "}
          <Link href="/admin/institutions/new">Add an institution</Link>
        </p>
      ) : (
        <StructureForm
          kind="responsibility"
          sections={[
            {
              fields: [
                {
                  name: "lead",
                  label: "Lead institution",
                  type: "select",
                  options: [
                    { value: "", label: "None yet" },
                    ...institutions.map((i) => ({ value: String(i.id), label: i.label })),
                  ],
                },
              ],
            },
            {
              legend: "Supporting institutions",
              fields: institutions.map((i) => ({
                name: supportingField(i.id),
                label: i.active ? i.label : `${i.label} (deactivated)`,
                type: "checkbox" as const,
              })),
            },
          ]}
          values={data.responsibility.values}
          hidden={hidden}
          context={{ institutionIds: institutions.map((i) => i.id) }}
          submitLabel="Save who is responsible"
        />
      )}

      <section className="card" aria-labelledby="delete-output">
        <h2 id="delete-output">Delete this output</h2>
        <p>
          Only an output that no indicator, milestone, action-plan activity, progress report or
          civil-society observation refers to can be deleted;{" "}
          {data.plan.status === "draft"
            ? "the outputs after it move up one number."
            : `this plan is published, so the other outputs keep their codes and ${code} is never given to another output: its public address says it was removed, and why.`}
        </p>
        <ActionForm
          kind="output.delete"
          hidden={hidden}
          confirm={`I confirm: delete output ${code}.`}
          buttonLabel={`Delete output ${code}`}
          secondary
          reason={
            data.plan.status === "draft"
              ? undefined
              : "The public change log and the removed address show it (at least 5 characters)."
          }
        />
      </section>
    </div>
  );
}
