import { notFound, permanentRedirect } from "next/navigation";
import { cache } from "react";
import { type AddressKind, lookUpFormerAddress } from "@/lib/plans/addresses";
import { getPlanTree } from "@/lib/plans/data";
import { outputCodeSchema, pillarNumberSchema, planSlugSchema } from "@/lib/plans/params";

/**
 * Route parameters of the public plan pages, validated with zod. Anything malformed or unknown
 * is a 404 page. Public pages always read as the public: they show what everyone may see.
 */
export const loadPlan = cache((rawSlug: string) => {
  const slug = planSlugSchema.safeParse(rawSlug);
  if (!slug.success) notFound();
  const plan = getPlanTree(null, slug.data);
  if (!plan) notFound();
  return plan;
});

export function loadPillar(rawSlug: string, rawNumber: string) {
  const plan = loadPlan(rawSlug);
  const number = pillarNumberSchema.safeParse(rawNumber);
  const pillar = number.success ? plan.pillars.find((p) => p.number === number.data) : undefined;
  if (!pillar) notFound();
  return { plan, pillar };
}

export function loadOutput(rawSlug: string, rawCode: string) {
  const plan = loadPlan(rawSlug);
  const code = outputCodeSchema.safeParse(decodeURIComponent(rawCode));
  if (!code.success) notFound();
  const pillar = plan.pillars.find((p) => p.number === code.data.pillar);
  const output = pillar?.outputs.find((o) => o.number === code.data.output);
  if (!pillar || !output) notFound();
  return { plan, pillar, output };
}

export function loadIndicator(rawSlug: string, rawCode: string) {
  const plan = loadPlan(rawSlug);
  const code = decodeURIComponent(rawCode);
  for (const pillar of plan.pillars) {
    const outcome = pillar.outcomeIndicators.find((i) => i.code === code);
    if (outcome) return { plan, pillar, output: null, indicator: outcome };
    for (const output of pillar.outputs) {
      const indicator = output.indicators.find((i) => i.code === code);
      if (indicator) return { plan, pillar, output, indicator };
    }
  }
  notFound();
}

const FOLDERS = { pillar: "pillars", output: "outputs", indicator: "indicators" } as const;

/**
 * Stable public addresses (docs/architecture.md): a code this record had before redirects permanently (308)
 * to its current address; a removed record's code answers with what was removed and why (the
 * page says so, with status 410: scripts/server.ts), never with another record.
 */
export function formerAddress(rawSlug: string, kind: AddressKind, rawCode: string) {
  const slug = planSlugSchema.safeParse(rawSlug);
  if (!slug.success) return null;
  let code: string;
  try {
    code = decodeURIComponent(rawCode);
  } catch {
    return null;
  }
  const former = lookUpFormerAddress(slug.data, kind, code);
  if (former?.state === "moved")
    permanentRedirect(`/plans/${slug.data}/${FOLDERS[kind]}/${encodeURIComponent(former.code)}`);
  if (!former) return null;
  return { ...former, kind, plan: loadPlan(slug.data) };
}

export type RemovedAddress = NonNullable<ReturnType<typeof formerAddress>>;
