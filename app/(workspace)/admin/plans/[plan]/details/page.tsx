import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { PlanStatusBadge } from "@/app/_components/status-badge";
import { requirePage } from "@/lib/auth/guard";
import { getPlanForm } from "@/lib/framework/structure";
import { planSections } from "../../plan-fields";
import { ActionForm, StructureForm } from "../../structure-form";
import { planParam } from "../load";

export const metadata: Metadata = { title: "Plan details and status" };

type Props = { params: Promise<{ plan: string }> };

export default async function PlanDetailsPage({ params }: Props) {
  const slug = planParam((await params).plan);
  const viewer = await requirePage("framework.manage", `/admin/plans/${slug}/details`);
  const data = getPlanForm(viewer, slug);
  if (!data?.plan) notFound();
  const { plan } = data;
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: `/admin/plans/${slug}`, label: plan.title },
          { label: "Details and status" },
        ]}
      />
      <div className="pill-heading">
        <h1>Details and status</h1>
        <PlanStatusBadge status={plan.status} />
      </div>

      <section className="card" aria-labelledby="plan-status">
        <h2 id="plan-status">Status</h2>
        {plan.status === "draft" ? (
          <p>
            This plan is a <strong>draft</strong>: only admins see it. Activating it publishes it on
            the public site and in the API; from then on every change to its framework is in its
            public change log. A plan cannot go back to draft.
          </p>
        ) : (
          <p>
            This plan is <strong>{plan.status}</strong>: the public sees it at{" "}
            <Link href={`/plans/${slug}`}>/plans/{slug}</Link>.{" "}
            {plan.status === "active"
              ? "Closing it marks its period as over; it stays public and its history stays readable."
              : null}
          </p>
        )}
        {plan.status === "draft" && data.pillarCount === 0 ? (
          <p className="alert alert-info">
            Add at least one {data.values.pillarTerm} before activating the plan.{" "}
            <Link href={`/admin/plans/${slug}/pillars/new`}>
              Add the first {data.values.pillarTerm}
            </Link>
          </p>
        ) : null}
        {/* One element in one place for both steps, so the answer stays on screen after it. */}
        {plan.status === "closed" ? null : (
          <ActionForm
            key="status"
            kind="plan.status"
            hidden={{ plan: slug, status: plan.status === "draft" ? "active" : "closed" }}
            confirm={
              plan.status === "draft"
                ? "I confirm: publish this plan now."
                : "I confirm: close this plan."
            }
            buttonLabel={plan.status === "draft" ? "Activate the plan" : "Close the plan"}
            secondary={plan.status !== "draft"}
          />
        )}
      </section>

      <h2>Details</h2>
      <p className="meta">
        Address /plans/{slug} · country code {plan.countryCode} (neither can change).
        {plan.status === "draft" ? "" : " Changes are listed in the plan's public change log."}
      </p>
      <StructureForm
        kind="plan.update"
        sections={planSections(data)}
        values={data.values}
        hidden={{ plan: slug }}
        context={{ plan: data.context }}
        submitLabel="Save the details"
      />
    </div>
  );
}
