import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { TableScroll } from "@/app/_components/table-scroll";
import { formatDate } from "@/lib/format";
import { changeFieldLabel, changeValueText } from "@/lib/framework/edit-labels";
import { listPublicChanges } from "@/lib/framework/edit-log";
import { planSlugSchema } from "@/lib/plans/params";

type Props = { params: Promise<{ plan: string }> };

/** Public pages read as the public: only a published plan's public changes. */
function load(raw: string) {
  const slug = planSlugSchema.safeParse(raw);
  if (!slug.success) notFound();
  const log = listPublicChanges(null, slug.data);
  if (!log) notFound();
  return log;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { plan } = load((await params).plan);
  return { title: `Changes to ${plan.title}` };
}

export default async function PlanChangesPage({ params }: Props) {
  const { plan, changes } = load((await params).plan);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/", label: "Plans" },
          { href: `/plans/${plan.slug}`, label: plan.title },
          { label: "Changes" },
        ]}
      />
      <h1 id="changes-heading">Changes to this plan</h1>
      <p className="lead">
        Every change to the plan's indicators, baselines, targets, milestones and disaggregations
        since it became active
        {plan.activatedAt ? ` on ${formatDate(plan.activatedAt)}` : ""}, with the reason the
        secretariat gave. Newest first.
      </p>
      {changes.length === 0 ? (
        <p className="card">No changes have been made since the plan became active.</p>
      ) : (
        <TableScroll label="Changes to this plan">
          <table className="changes" aria-labelledby="changes-heading">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Part of the plan</th>
                <th scope="col">What changed</th>
                <th scope="col">Before → after</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr key={change.id}>
                  <td className="nowrap">
                    <time dateTime={change.at}>{formatDate(change.at)}</time>
                  </td>
                  <th scope="row">{change.entityLabel}</th>
                  <td>{changeFieldLabel(change.entityType, change.field)}</td>
                  <td>
                    {/created$/.test(change.field) ? (
                      changeValueText(change.field, change.after)
                    ) : /(deleted|removed)$/.test(change.field) ? (
                      <>Was: {changeValueText(change.field, change.before)}</>
                    ) : (
                      <>
                        {changeValueText(change.field, change.before)}{" "}
                        <span aria-hidden="true">→</span>
                        <span className="sr-only"> changed to</span>{" "}
                        <strong>{changeValueText(change.field, change.after)}</strong>
                      </>
                    )}
                  </td>
                  <td>{change.reason ?? <span className="meta">No reason needed</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
