import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { capitalise } from "@/lib/format";
import { getPlanForEditing } from "@/lib/framework/edit";
import { planParam } from "../load";
import { MoveForm } from "./move-form";

export const metadata: Metadata = { title: "Move a record of a published plan" };

type Props = {
  params: Promise<{ plan: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/**
 * A published plan's Up and Down buttons come here (docs/architecture.md, "Stable public addresses"): the move
 * needs a reason for the public change log, and keeps every number and code. Query: `direction`
 * and one of `pillar`, `output`, `indicator`.
 */
export default async function MovePage({ params, searchParams }: Props) {
  const slug = planParam((await params).plan);
  const viewer = await requirePage("framework.manage", `/admin/plans/${slug}`);
  const plan = getPlanForEditing(viewer, slug);
  if (!plan) notFound();
  const query = await searchParams;
  const direction = one(query.direction);
  if (direction !== "up" && direction !== "down") notFound();
  const term = capitalise(plan.pillarTerm);
  const [pillarNo, outputCode, indicatorCode] = [query.pillar, query.output, query.indicator].map(
    one,
  );
  let what: string;
  let title: string;
  let hidden: Record<string, string>;
  let anchor = "";
  if (pillarNo) {
    const pillar = plan.pillars.find((p) => String(p.number) === pillarNo);
    if (!pillar) notFound();
    what = `${term} ${pillar.number}`;
    title = pillar.title;
    hidden = { pillar: pillarNo };
    anchor = `#pillar-${pillar.number}`;
  } else if (outputCode) {
    const output = plan.pillars.flatMap((p) => p.outputs).find((o) => o.code === outputCode);
    if (!output) notFound();
    what = `output ${output.code}`;
    title = output.title;
    hidden = { output: outputCode };
    anchor = `#output-${output.code}`;
  } else if (indicatorCode) {
    const indicator = plan.pillars
      .flatMap((p) => [...p.outcomeIndicators, ...p.outputs.flatMap((o) => o.indicators)])
      .find((i) => i.code === indicatorCode);
    if (!indicator) notFound();
    what = `indicator ${indicator.code}`;
    title = indicator.title;
    hidden = { indicator: indicatorCode };
  } else notFound();
  const backHref = `/admin/plans/${slug}${anchor}`;
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: `/admin/plans/${slug}`, label: plan.title },
          { label: `Move ${what}` },
        ]}
      />
      <h1>
        Move {what} {direction}?
      </h1>
      <p>
        {capitalise(what)}: {title}
      </p>
      <p className="meta">
        {plan.status === "draft"
          ? "This plan is a draft: no reason is needed."
          : "This plan is published, so its numbers and codes are public addresses: the move changes the order in which the public sees it, not its number or code, and needs a reason."}
      </p>
      <MoveForm
        hidden={{ plan: slug, direction, ...hidden }}
        what={what}
        direction={direction}
        backHref={backHref}
      />
    </div>
  );
}
