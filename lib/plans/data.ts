/**
 * Reading plans and their framework (pillars → outputs → indicators, milestones, the
 * responsibility matrix). The public sees active and closed plans and approved values only;
 * draft plans exist only for reviewers and admins, and answer "not found" to everyone else.
 */
import "server-only";
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { canReadUnpublished, type Viewer } from "@/lib/auth/viewer";
import {
  type COLLECTION_FREQUENCIES,
  type IndicatorDirection,
  type IndicatorUnit,
  type MilestoneStatus,
  PLAN_STATUSES,
} from "@/lib/domain/enums";
import { formerCodesOf } from "@/lib/framework/addresses";
import {
  type MilestoneDisplayStatus,
  milestoneDisplayStatus,
  utcDay,
} from "@/lib/framework/milestone-status";
import {
  computeStatus,
  type IndicatorStatus,
  STATUS_LABELS,
  type StatusAssessment,
} from "@/lib/indicators/status";
import { dimensionsOf, loadFrameworkRows } from "./framework-rows";
import { readObservations, SMALL_CELL_THRESHOLD } from "./observations";
import { cachedRead } from "./public-cache";

export { SMALL_CELL_THRESHOLD };

/**
 * An indicator's status as shown: computed (lib/indicators/status.ts), or "withheld" when the
 * value it would be computed from is withheld from the public (a status computed from a hidden
 * small count would hint at it, e.g. "achieved" against a target of 0).
 */
export type PublicIndicatorStatus = IndicatorStatus | "withheld";

export type InstitutionRef = { acronym: string; name: string };

export type PlanSummary = {
  slug: string;
  countryCode: string;
  countryName: string;
  title: string;
  generation: number;
  startYear: number;
  endYear: number;
  status: (typeof PLAN_STATUSES)[number];
  pillarTerm: string;
  pillarTermPlural: string;
  pillarCount: number;
  outputCount: number;
  indicatorCount: number;
};

export type IndicatorNode = {
  code: string;
  /** Codes this indicator had before in the published plan, oldest first (each redirects here). */
  previousCodes: string[];
  title: string;
  definition: string | null;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  baseline: { value: number; year: number } | null;
  targets: { year: number; value: number }[];
  endTarget: { value: number; year: number } | null;
  dataSource: string | null;
  collectionFrequency: (typeof COLLECTION_FREQUENCIES)[number];
  responsible: InstitutionRef | null;
  sensitive: boolean;
  disaggregations: { key: string; name: string }[];
  provenance: string | null;
  illustrative: boolean;
  /**
   * The latest approved headline value; `value` is null when withheld (a small count of a
   * sensitive indicator, or a total that would give one away: lib/plans/disclosure.ts).
   */
  latest: {
    value: number | null;
    year: number;
    periodCode: string;
    approvedAt: string;
    suppressed: boolean;
  } | null;
  status: IndicatorStatusNode;
};

/** An indicator's computed status (lib/indicators/status.ts), with the value it rests on. */
export type IndicatorStatusNode = {
  code: PublicIndicatorStatus;
  label: string;
  /** The judgement of the value before the staleness check ("then on track"); null without one. */
  assessment: StatusAssessment | null;
  /** What the value was judged against: the target, or the baseline of a maintain indicator. */
  basis: "target" | "baseline" | null;
  /** The approved value the status was computed from; null when there is none. */
  asOf: { year: number; periodCode: string; approvedAt: string } | null;
};

export type MilestoneNode = {
  title: string;
  description: string | null;
  dueDate: string;
  /** What to show: the recorded status, or "overdue" past the due date (milestone-status.ts). */
  status: MilestoneDisplayStatus;
  /** The status as last recorded by the institution or an admin. */
  recordedStatus: MilestoneStatus;
  responsible: InstitutionRef | null;
  illustrative: boolean;
};

export type OutputNode = {
  code: string;
  /** Codes this output had before in the published plan (docs/architecture.md, "Stable public addresses"). */
  previousCodes: string[];
  number: number;
  title: string;
  description: string | null;
  lead: InstitutionRef | null;
  supporting: InstitutionRef[];
  indicators: IndicatorNode[];
  milestones: MilestoneNode[];
};

export type PillarNode = {
  number: number;
  /** Numbers this pillar had before in the published plan, as strings ("2"). */
  previousCodes: string[];
  title: string;
  description: string | null;
  outcomeIndicators: IndicatorNode[];
  outputs: OutputNode[];
};

export type PlanTree = PlanSummary & {
  summary: string | null;
  leadInstitution: InstitutionRef | null;
  budgetStatement: string | null;
  civilSocietyParticipation: string | null;
  currency: string;
  fiscalYearStartMonth: number;
  originalLanguage: string;
  sourceDocumentUrl: string | null;
  thresholds: { tolerance: number; atRiskShare: number };
  pillars: PillarNode[];
};

export function visibleStatuses(viewer: Viewer) {
  return canReadUnpublished(viewer) ? PLAN_STATUSES : (["active", "closed"] as const);
}

/** Plans the viewer may read, newest first. Public: active and closed plans. */
export function listPlans(viewer: Viewer): PlanSummary[] {
  return cachedRead(`plans:${audienceOf(viewer)}`, () => computePlanList(viewer));
}

/** Who an answer is for: everything the public sees, or also drafts and small cells. */
export function audienceOf(viewer: Viewer): "all" | "public" {
  return canReadUnpublished(viewer) ? "all" : "public";
}

function computePlanList(viewer: Viewer): PlanSummary[] {
  const db = getDb();
  const rows = db
    .select({
      slug: s.plans.slug,
      countryCode: s.plans.countryCode,
      countryName: s.plans.countryName,
      title: s.plans.title,
      generation: s.plans.generation,
      startYear: s.plans.startYear,
      endYear: s.plans.endYear,
      status: s.plans.status,
      pillarTerm: s.plans.pillarTerm,
      pillarTermPlural: s.plans.pillarTermPlural,
      // Counted in SQL; correlated on the outer plans row (column names qualified by hand,
      // since Drizzle leaves a bare column unqualified inside a raw subquery).
      pillarCount: sql<number>`(select count(*) from pillars p where p.plan_id = "plans"."id")`,
      outputCount: sql<number>`(select count(*) from outputs o join pillars p on p.id = o.pillar_id where p.plan_id = "plans"."id")`,
      indicatorCount: sql<number>`(select count(*) from indicators i where i.plan_id = "plans"."id")`,
    })
    .from(s.plans)
    .where(inArray(s.plans.status, [...visibleStatuses(viewer)]))
    .orderBy(asc(s.plans.countryName), desc(s.plans.startYear))
    .all();
  return rows;
}

/** The plan's row when it exists and the viewer may read it (drafts: reviewers and admins only). */
export function findVisiblePlan(viewer: Viewer, slug: string): s.Plan | undefined {
  return getDb()
    .select()
    .from(s.plans)
    .where(and(eq(s.plans.slug, slug), inArray(s.plans.status, [...visibleStatuses(viewer)])))
    .get();
}

/**
 * One plan as a tree, or null when it does not exist or the viewer may not read it. Statuses
 * depend on the day (stale values, overdue milestones), so `now` is part of the cache key.
 */
export function getPlanTree(viewer: Viewer, slug: string, now = new Date()): PlanTree | null {
  return cachedRead(`tree:${audienceOf(viewer)}:${slug}:${utcDay(now)}`, () =>
    computePlanTree(viewer, slug, now),
  );
}

function computePlanTree(viewer: Viewer, slug: string, now: Date): PlanTree | null {
  const db = getDb();
  const plan = findVisiblePlan(viewer, slug);
  if (!plan) return null;

  const institutionRows = db
    .select({ id: s.institutions.id, acronym: s.institutions.acronym, name: s.institutions.name })
    .from(s.institutions)
    .where(eq(s.institutions.countryCode, plan.countryCode))
    .all();
  const institutions = new Map(
    institutionRows.map((i) => [i.id, { acronym: i.acronym, name: i.name }]),
  );
  const ref = (id: number | null) => (id === null ? null : (institutions.get(id) ?? null));

  const rows = loadFrameworkRows(db, plan.id);
  const former = formerCodesOf(db, plan.id);
  const {
    pillars: pillarRows,
    outputs: outputRows,
    matrix,
    milestones: milestoneRows,
    indicators: indicatorRows,
    targets,
  } = rows;
  // The latest approved headline value per indicator: one index seek per indicator through the
  // partial index observations_headline_idx (scripts/bench.ts measured the window-function form
  // it replaces at ~120 ms on a plan with a million broken-down observations; this takes ~1 ms).
  const latestRows = db.all<{
    indicatorId: number;
    value: number | null;
    year: number;
    periodCode: string;
    approvedAt: string;
  }>(sql`
    select o.indicator_id as indicatorId, o.value, o.year, o.period_code as periodCode,
      o.approved_at as approvedAt
    from ${s.indicators} i
    join ${s.observations} o on o.id = (
      select h.id from ${s.observations} h
      where h.indicator_id = i.id and h.breakdown = '' and h.value is not null
      order by h.year desc, h.period_code desc
      limit 1
    )
    where i.plan_id = ${plan.id}`);

  const privileged = canReadUnpublished(viewer);
  const thresholds = { tolerance: plan.statusTolerance, atRiskShare: plan.statusAtRiskShare };
  const latestBy = new Map(latestRows.map((r) => [r.indicatorId, r]));

  const indicatorNode = (row: (typeof indicatorRows)[number]): IndicatorNode => {
    const own = targets
      .filter((t) => t.indicatorId === row.id && t.value !== null)
      .map((t) => ({ year: t.year, value: t.value as number }));
    const endValue = row.endTarget ?? own.at(-1)?.value ?? null;
    const endTarget = endValue === null ? null : { value: endValue, year: plan.endYear };
    const baseline =
      row.baselineValue !== null && row.baselineYear !== null
        ? { value: row.baselineValue, year: row.baselineYear }
        : null;
    const latestRow = latestBy.get(row.id);
    // The headline cell is withheld as its period's whole table decides (its total may be
    // withheld to protect a small category), so that table is read through the one public path.
    const suppressed =
      !privileged &&
      row.sensitive &&
      latestRow !== undefined &&
      readObservations(db, { id: row.id, sensitive: true }, false, latestRow).some(
        (o) => o.breakdown === "" && o.suppressed,
      );
    const computed = computeStatus({
      direction: row.direction,
      baseline,
      target: endTarget,
      latest: latestRow?.value != null ? { value: latestRow.value, year: latestRow.year } : null,
      thresholds,
      planEndYear: plan.endYear,
      now,
    });
    const asOf = latestRow
      ? { year: latestRow.year, periodCode: latestRow.periodCode, approvedAt: latestRow.approvedAt }
      : null;
    // A status computed from a withheld value would hint at it, so none is shown.
    const status: IndicatorStatusNode = suppressed
      ? { code: "withheld", label: "Not shown", assessment: null, basis: null, asOf }
      : {
          code: computed.status,
          label: STATUS_LABELS[computed.status],
          assessment: computed.assessment,
          basis: computed.basis,
          asOf: computed.asOfYear !== null ? asOf : null,
        };
    return {
      code: row.code,
      previousCodes: former.get(`indicator:${row.id}`) ?? [],
      title: row.title,
      definition: row.definition,
      unit: row.unit,
      direction: row.direction,
      baseline,
      targets: own,
      endTarget,
      dataSource: row.dataSource,
      collectionFrequency: row.collectionFrequency,
      responsible: ref(row.responsibleInstitutionId),
      sensitive: row.sensitive,
      disaggregations: dimensionsOf(rows, row.id).map((d) => ({ key: d.key, name: d.name })),
      provenance: row.provenance,
      illustrative: row.illustrative,
      latest: latestRow
        ? {
            value: suppressed ? null : latestRow.value,
            year: latestRow.year,
            periodCode: latestRow.periodCode,
            approvedAt: latestRow.approvedAt,
            suppressed,
          }
        : null,
      status,
    };
  };

  const pillars: PillarNode[] = pillarRows.map((pillar) => ({
    number: pillar.number,
    previousCodes: former.get(`pillar:${pillar.id}`) ?? [],
    title: pillar.title,
    description: pillar.description,
    outcomeIndicators: indicatorRows
      .filter((i) => i.pillarId === pillar.id && i.outputId === null)
      .map(indicatorNode),
    outputs: outputRows
      .filter((o) => o.pillarId === pillar.id)
      .map((output) => {
        const links = matrix.filter((m) => m.outputId === output.id);
        const lead = links.find((m) => m.role === "lead");
        return {
          code: `${pillar.number}.${output.number}`,
          previousCodes: former.get(`output:${output.id}`) ?? [],
          number: output.number,
          title: output.title,
          description: output.description,
          lead: lead ? ref(lead.institutionId) : null,
          supporting: links
            .filter((m) => m.role === "supporting")
            .map((m) => ref(m.institutionId))
            .filter((r): r is InstitutionRef => r !== null)
            .sort((a, b) => a.acronym.localeCompare(b.acronym)),
          indicators: indicatorRows.filter((i) => i.outputId === output.id).map(indicatorNode),
          milestones: milestoneRows
            .filter((m) => m.outputId === output.id)
            .map((m) => ({
              title: m.title,
              description: m.description,
              dueDate: m.dueDate,
              status: milestoneDisplayStatus(m, now),
              recordedStatus: m.status,
              responsible: ref(m.responsibleInstitutionId),
              illustrative: m.illustrative,
            })),
        };
      }),
  }));

  return {
    slug: plan.slug,
    countryCode: plan.countryCode,
    countryName: plan.countryName,
    title: plan.title,
    generation: plan.generation,
    startYear: plan.startYear,
    endYear: plan.endYear,
    status: plan.status,
    pillarTerm: plan.pillarTerm,
    pillarTermPlural: plan.pillarTermPlural,
    pillarCount: pillars.length,
    outputCount: outputRows.length,
    indicatorCount: indicatorRows.length,
    summary: plan.summary,
    leadInstitution: ref(plan.leadInstitutionId),
    budgetStatement: plan.budgetStatement,
    civilSocietyParticipation: plan.civilSocietyParticipation,
    currency: plan.currency,
    fiscalYearStartMonth: plan.fiscalYearStartMonth,
    originalLanguage: plan.originalLanguage,
    sourceDocumentUrl: plan.sourceDocumentUrl,
    thresholds,
    pillars,
  };
}

/** Whether demo data is loaded (the UI then shows a visible notice). */
export function isDemoDataLoaded(): boolean {
  const db = getDb();
  return (
    db
      .select({ key: s.appSettings.key })
      .from(s.appSettings)
      .where(and(eq(s.appSettings.key, "demo_data"), ne(s.appSettings.value, "")))
      .get() !== undefined
  );
}
