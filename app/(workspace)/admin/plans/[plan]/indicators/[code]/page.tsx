import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { getIndicatorForm } from "@/lib/framework/edit";
import { deleteIndicatorAction } from "../../actions";
import { DeleteForm } from "../../form-parts";
import { indicatorParam, planParam } from "../../load";
import { IndicatorForm } from "../indicator-form";

export const metadata: Metadata = { title: "Edit an indicator" };

type Props = { params: Promise<{ plan: string; code: string }> };

export default async function EditIndicatorPage({ params }: Props) {
  const raw = await params;
  const slug = planParam(raw.plan);
  const code = indicatorParam(raw.code);
  const viewer = await requirePage(
    "framework.manage",
    `/admin/plans/${slug}/indicators/${encodeURIComponent(code)}`,
  );
  const data = getIndicatorForm(viewer, slug, code);
  if (!data) notFound();
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: `/admin/plans/${slug}`, label: data.plan.title },
          { label: `Indicator ${code}` },
        ]}
      />
      <h1>
        Indicator {code}: {data.values.title}
      </h1>
      {data.plan.published ? (
        <p className="meta">
          <Link href={`/plans/${slug}/indicators/${encodeURIComponent(code)}`}>Public page</Link> ·{" "}
          <Link href={`/plans/${slug}/changes`}>Changes to this plan</Link>
        </p>
      ) : null}
      {/* key: a renamed indicator gets a fresh form for its new address. */}
      <IndicatorForm key={code} data={data} originalCode={code} />
      <section className="card" aria-labelledby="delete-indicator">
        <h2 id="delete-indicator">Delete this indicator</h2>
        <DeleteForm
          action={deleteIndicatorAction}
          hidden={{ plan: slug, originalCode: code, version: data.values.version ?? "" }}
          what={`indicator ${code}`}
          published={data.plan.published}
          blocked={
            data.recorded.reported || data.recorded.approved
              ? `Institutions have reported values for this indicator (${data.recorded.reported} reported, ${data.recorded.approved} approved), so it cannot be deleted: its history would lose its meaning. Edit it instead.`
              : null
          }
        />
      </section>
    </div>
  );
}
