/**
 * Whole plans in and out as plan files (lib/framework/plan-file.ts). Exporting a published plan
 * is open data; importing is for admins, checks the whole file before writing anything, and
 * writes it in one transaction with its audit event.
 */
import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import * as s from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { assertAllowed } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import type { PLAN_STATUSES } from "@/lib/domain/enums";
import { AppError } from "@/lib/errors";
import { findVisiblePlan } from "@/lib/plans/data";
import { dimensionsOf, loadFrameworkRows } from "@/lib/plans/framework-rows";
import {
  checkPlanFile,
  PLAN_FILE_FORMAT,
  PLAN_FILE_VERSION,
  type PlanFile,
  type PlanFileProblem,
} from "./plan-file";

type IndicatorRow = typeof s.indicators.$inferSelect;

/** A plan the viewer may read, as a plan file; null when it does not exist for them. */
export function exportPlanFile(viewer: Viewer, slug: string): PlanFile | null {
  const db = getDb();
  const plan = findVisiblePlan(viewer, slug);
  if (!plan) return null;

  const rows = loadFrameworkRows(db, plan.id);
  const { pillars, outputs, matrix, milestones, indicators, targets, dimensions, categories } =
    rows;

  // The institutions the plan refers to, and only those.
  const referenced = new Set<number>(
    [
      plan.leadInstitutionId,
      ...matrix.map((m) => m.institutionId),
      ...indicators.map((i) => i.responsibleInstitutionId),
      ...milestones.map((m) => m.responsibleInstitutionId),
    ].filter((id): id is number => id !== null),
  );
  const institutions = referenced.size
    ? db
        .select()
        .from(s.institutions)
        .where(inArray(s.institutions.id, [...referenced]))
        .orderBy(asc(s.institutions.acronym))
        .all()
    : [];
  const acronymOf = (id: number | null) =>
    id === null ? null : (institutions.find((i) => i.id === id)?.acronym ?? null);
  const categoryPath = new Map(
    categories.map((c) => [
      c.id,
      `${dimensions.find((d) => d.id === c.dimensionId)?.key}/${c.key}`,
    ]),
  );

  const indicatorEntry = (row: IndicatorRow) => ({
    code: row.code,
    title: row.title,
    definition: row.definition,
    unit: row.unit,
    direction: row.direction,
    baseline:
      row.baselineValue !== null && row.baselineYear !== null
        ? { value: row.baselineValue, year: row.baselineYear }
        : null,
    targets: targets
      .filter((t) => t.indicatorId === row.id && t.value !== null)
      .map((t) => ({ year: t.year, value: t.value as number })),
    endTarget: row.endTarget,
    dataSource: row.dataSource,
    collectionFrequency: row.collectionFrequency,
    responsible: acronymOf(row.responsibleInstitutionId),
    sensitive: row.sensitive,
    dimensions: dimensionsOf(rows, row.id).map((d) => d.key),
    provenance: row.provenance,
    illustrative: row.illustrative,
  });

  return {
    format: PLAN_FILE_FORMAT,
    version: PLAN_FILE_VERSION,
    plan: {
      slug: plan.slug,
      countryCode: plan.countryCode,
      countryName: plan.countryName,
      title: plan.title,
      generation: plan.generation,
      startYear: plan.startYear,
      endYear: plan.endYear,
      status: plan.status,
      summary: plan.summary,
      leadInstitution: acronymOf(plan.leadInstitutionId),
      budgetStatement: plan.budgetStatement,
      civilSocietyParticipation: plan.civilSocietyParticipation,
      pillarTerm: plan.pillarTerm,
      pillarTermPlural: plan.pillarTermPlural,
      currency: plan.currency,
      fiscalYearStartMonth: plan.fiscalYearStartMonth,
      originalLanguage: plan.originalLanguage,
      statusTolerance: plan.statusTolerance,
      statusAtRiskShare: plan.statusAtRiskShare,
    },
    institutions: institutions.map((i) => ({ acronym: i.acronym, name: i.name, kind: i.kind })),
    dimensions: dimensions.map((d) => ({
      key: d.key,
      name: d.name,
      categories: categories
        .filter((c) => c.dimensionId === d.id)
        .map((c) => ({
          key: c.key,
          label: c.label,
          parent: c.parentId === null ? null : (categoryPath.get(c.parentId) ?? null),
        })),
    })),
    pillars: pillars.map((pillar) => ({
      number: pillar.number,
      title: pillar.title,
      description: pillar.description,
      outcomeIndicators: indicators
        .filter((i) => i.pillarId === pillar.id && i.outputId === null)
        .map(indicatorEntry),
      outputs: outputs
        .filter((o) => o.pillarId === pillar.id)
        .map((output) => {
          const links = matrix.filter((m) => m.outputId === output.id);
          return {
            number: output.number,
            title: output.title,
            description: output.description,
            lead: acronymOf(links.find((m) => m.role === "lead")?.institutionId ?? null),
            supporting: links
              .filter((m) => m.role === "supporting")
              .map((m) => acronymOf(m.institutionId))
              .filter((a): a is string => a !== null)
              .sort(),
            indicators: indicators.filter((i) => i.outputId === output.id).map(indicatorEntry),
            milestones: milestones
              .filter((m) => m.outputId === output.id)
              .map((m) => ({
                title: m.title,
                description: m.description,
                dueDate: m.dueDate,
                status: m.status,
                responsible: acronymOf(m.responsibleInstitutionId),
                illustrative: m.illustrative,
              })),
          };
        }),
    })),
  };
}

export type ImportResult =
  | { ok: true; slug: string; status: (typeof PLAN_STATUSES)[number] }
  | { ok: false; problems: PlanFileProblem[] };

/**
 * Admins: creates a plan from a plan file. Every problem is reported, with where it is, before
 * anything is written; then everything is written in one transaction, or nothing. Institutions
 * already known for the country (by acronym) are reused, new ones are added.
 */
export function importPlanFile(viewer: Viewer, input: unknown): ImportResult {
  const admin = assertAllowed(viewer, "framework.manage");
  const checked = checkPlanFile(input);
  if (!checked.ok) return checked;
  const file = checked.file;
  const db = getDb();
  if (db.select({ id: s.plans.id }).from(s.plans).where(eq(s.plans.slug, file.plan.slug)).get()) {
    return {
      ok: false,
      problems: [
        { path: "plan.slug", message: `a plan with the address ${file.plan.slug} already exists` },
      ],
    };
  }
  db.transaction((tx) => {
    writePlanFile(tx as unknown as Db, file);
    recordAudit(tx as unknown as Db, {
      actor: { id: admin.id, label: admin.email ?? `user:${admin.id}` },
      action: "plan.import",
      entityType: "plan",
      entityId: file.plan.slug,
      after: { pillars: file.pillars.length, institutions: file.institutions.length },
    });
  });
  return { ok: true, slug: file.plan.slug, status: file.plan.status };
}

/**
 * The file's institutions as ids by acronym: those the country already has (by acronym) are
 * reused as they are, the others are added. Institutions are shared by a country's plans, so an
 * import never renames one.
 */
export function ensureInstitutions(db: Db, file: PlanFile): Map<string, number> {
  const institutionIds = new Map<string, number>();
  for (const institution of file.institutions) {
    const existing = db
      .select({ id: s.institutions.id })
      .from(s.institutions)
      .where(
        and(
          eq(s.institutions.countryCode, file.plan.countryCode),
          eq(s.institutions.acronym, institution.acronym),
        ),
      )
      .get();
    const id =
      existing?.id ??
      db
        .insert(s.institutions)
        .values({ countryCode: file.plan.countryCode, ...institution })
        .returning({ id: s.institutions.id })
        .get().id;
    institutionIds.set(institution.acronym, id);
  }
  return institutionIds;
}

function writePlanFile(db: Db, file: PlanFile) {
  const institutionIds = ensureInstitutions(db, file);
  const idOf = (acronym: string | null) =>
    acronym === null ? null : (institutionIds.get(acronym) ?? null);
  const { leadInstitution, ...plan } = file.plan;
  const planId = db
    .insert(s.plans)
    .values({
      ...plan,
      leadInstitutionId: idOf(leadInstitution),
      activatedAt: plan.status === "draft" ? null : new Date().toISOString(),
    })
    .returning({ id: s.plans.id })
    .get().id;

  const dimensionIds = new Map<string, number>();
  const categoryIds = new Map<string, number>();
  file.dimensions.forEach((dimension, position) => {
    const dimensionId = db
      .insert(s.dimensions)
      .values({ planId, key: dimension.key, name: dimension.name, position })
      .returning({ id: s.dimensions.id })
      .get().id;
    dimensionIds.set(dimension.key, dimensionId);
    dimension.categories.forEach((category, categoryPosition) => {
      const id = db
        .insert(s.dimensionCategories)
        .values({
          dimensionId,
          key: category.key,
          label: category.label,
          parentId: category.parent ? (categoryIds.get(category.parent) ?? null) : null,
          position: categoryPosition,
        })
        .returning({ id: s.dimensionCategories.id })
        .get().id;
      categoryIds.set(`${dimension.key}/${category.key}`, id);
    });
  });

  let position = 0;
  const insertIndicator = (
    indicator: PlanFile["pillars"][number]["outcomeIndicators"][number],
    pillarId: number,
    outputId: number | null,
  ) => {
    const indicatorId = db
      .insert(s.indicators)
      .values({
        planId,
        pillarId,
        outputId,
        code: indicator.code,
        title: indicator.title,
        definition: indicator.definition,
        unit: indicator.unit,
        direction: indicator.direction,
        baselineValue: indicator.baseline?.value ?? null,
        baselineYear: indicator.baseline?.year ?? null,
        endTarget: indicator.endTarget,
        dataSource: indicator.dataSource,
        collectionFrequency: indicator.collectionFrequency,
        responsibleInstitutionId: idOf(indicator.responsible),
        sensitive: indicator.sensitive,
        provenance: indicator.provenance,
        illustrative: indicator.illustrative,
        position: position++,
      })
      .returning({ id: s.indicators.id })
      .get().id;
    if (indicator.targets.length) {
      db.insert(s.indicatorTargets)
        .values(indicator.targets.map((t) => ({ indicatorId, year: t.year, value: t.value })))
        .run();
    }
    for (const key of indicator.dimensions) {
      db.insert(s.indicatorDimensions)
        .values({ indicatorId, dimensionId: dimensionIds.get(key) as number })
        .run();
    }
  };

  for (const pillar of file.pillars) {
    const pillarId = db
      .insert(s.pillars)
      .values({
        planId,
        number: pillar.number,
        title: pillar.title,
        description: pillar.description,
      })
      .returning({ id: s.pillars.id })
      .get().id;
    for (const indicator of pillar.outcomeIndicators) insertIndicator(indicator, pillarId, null);
    for (const output of pillar.outputs) {
      const outputId = db
        .insert(s.outputs)
        .values({
          pillarId,
          number: output.number,
          title: output.title,
          description: output.description,
        })
        .returning({ id: s.outputs.id })
        .get().id;
      const links = [
        ...(output.lead
          ? [{ outputId, institutionId: idOf(output.lead) as number, role: "lead" as const }]
          : []),
        ...output.supporting.map((acronym) => ({
          outputId,
          institutionId: idOf(acronym) as number,
          role: "supporting" as const,
        })),
      ];
      if (links.length) db.insert(s.outputInstitutions).values(links).run();
      for (const indicator of output.indicators) insertIndicator(indicator, pillarId, outputId);
      output.milestones.forEach((milestone, milestonePosition) => {
        db.insert(s.milestones)
          .values({
            outputId,
            ...milestone,
            responsibleInstitutionId: idOf(milestone.responsible),
            position: milestonePosition,
          })
          .run();
      });
    }
  }
}

/** Thrown by callers that need a plan file and got none. */
export const planNotFound = (slug: string) =>
  new AppError("NOT_FOUND", `The plan "${slug.slice(0, 100)}" was not found.`);
