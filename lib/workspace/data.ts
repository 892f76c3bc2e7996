/**
 * What an institution is responsible for, for its focal points' workspace. A reporter sees
 * their own institution only; the institution comes from the session, never from the request.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { institutions } from "@/db/schema";
import { assertAllowed } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { getPlanTree, listPlans } from "@/lib/plans/data";

export function getInstitutionResponsibilities(viewer: Viewer) {
  const reporter = assertAllowed(viewer, "workspace.view");
  if (reporter.institutionId === null)
    throw new AppError("FORBIDDEN", "Your account has no institution.");
  const institution = getDb()
    .select({ acronym: institutions.acronym, name: institutions.name })
    .from(institutions)
    .where(eq(institutions.id, reporter.institutionId))
    .get();
  if (!institution) throw new AppError("NOT_FOUND", "Your institution was not found.");
  const plans = listPlans(reporter)
    .filter((plan) => plan.status === "active")
    .map((summary) => getPlanTree(reporter, summary.slug))
    .filter((plan) => plan !== null)
    .map((plan) => {
      const outputs = plan.pillars.flatMap((pillar) => pillar.outputs);
      const mine = (acronym: string | undefined) => acronym === institution.acronym;
      return {
        slug: plan.slug,
        title: plan.title,
        leads: outputs
          .filter((o) => mine(o.lead?.acronym))
          .map((o) => ({ code: o.code, title: o.title })),
        supports: outputs
          .filter((o) => o.supporting.some((s) => mine(s.acronym)))
          .map((o) => ({ code: o.code, title: o.title })),
        indicators: plan.pillars
          .flatMap((p) => [...p.outcomeIndicators, ...p.outputs.flatMap((o) => o.indicators)])
          .filter((i) => mine(i.responsible?.acronym))
          .map((i) => ({ code: i.code, title: i.title, status: i.status })),
      };
    });
  return { institution, plans };
}
