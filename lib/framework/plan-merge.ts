/**
 * Importing a plan file into the plan it names (admins, `framework.manage`): first a preview of
 * what would change (lib/framework/plan-diff.ts) with the refusals only the database can tell
 * (removing what has reported data), then the update itself.
 *
 * The update keeps the ids of every record it matches (pillars, outputs, indicators, milestones,
 * dimensions, categories), so reports, observations, activities and milestone updates stay
 * linked; it adds what is new and deletes what the file no longer has. It is one IMMEDIATE
 * transaction with its rows in the public change log and one audit event, all or nothing.
 *
 * A preview carries a fingerprint of the plan as it was (a hash of its export). Applying checks
 * it inside the transaction, and recomputes the whole comparison and every refusal from the
 * file there: nothing the browser sends back is trusted, and a plan changed since the preview is
 * refused with a request to preview again.
 */
import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import * as s from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { assertAllowed } from "@/lib/auth/policy";
import type { SignedInViewer, Viewer } from "@/lib/auth/viewer";
import { loadFrameworkRows } from "@/lib/plans/framework-rows";
import { checkReason } from "@/lib/server/validation";
import { codeRefusal, retireCode } from "./addresses";
import { breakdownUses } from "./breakdown-uses";
import { ensureInstitutions, exportPlanFile } from "./data";
import { type ChangeRecord, recordChanges } from "./edit-log";
import {
  countChanges,
  diffPlanFiles,
  matchMilestones,
  needsReason,
  type PlanChange,
} from "./plan-diff";
import { checkPlanFile, type PlanFile, type PlanFileProblem } from "./plan-file";

export type PlanUpdatePreview = {
  slug: string;
  title: string;
  /** The plan's word for its pillars ("objectives"), for headings. */
  pillarTermPlural: string;
  /** Active or closed: changes go to the public change log, figures need a reason. */
  published: boolean;
  /** The plan as it was when previewed; applying refuses a plan that has changed since. */
  fingerprint: string;
  changes: PlanChange[];
  counts: ReturnType<typeof countChanges>;
  /** What blocks the update, each with where it is; nothing can be applied while any remain. */
  refusals: PlanFileProblem[];
  reasonRequired: boolean;
};

export type UploadCheck =
  | { kind: "invalid"; problems: PlanFileProblem[] }
  | { kind: "new"; file: PlanFile }
  | { kind: "update"; preview: PlanUpdatePreview };

const fingerprintOf = (file: PlanFile) =>
  createHash("sha256").update(JSON.stringify(file)).digest("hex");

function currentFile(admin: SignedInViewer, slug: string): PlanFile {
  const file = exportPlanFile(admin, slug);
  if (!file) throw new Error(`plan ${slug} vanished`);
  return file;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Counts of the reported data hanging on each record the file would remove. */
function findRefusals(
  db: Db,
  plan: s.Plan,
  before: PlanFile,
  after: PlanFile,
  changes: PlanChange[],
): PlanFileProblem[] {
  const problems: PlanFileProblem[] = [];
  if (after.plan.countryCode !== before.plan.countryCode)
    problems.push({
      path: "plan.countryCode",
      message: `the plan ${plan.slug} is ${before.plan.countryCode}'s; a file for ${after.plan.countryCode} cannot update it (give the file another address to import it as a new plan)`,
    });
  // A published plan never goes back to draft (as in the structure editor): that would take
  // it, and everything approved under it, off the public site.
  if (before.plan.status !== "draft" && after.plan.status === "draft")
    problems.push({
      path: "plan.status",
      message: `the plan ${plan.slug} is ${before.plan.status}; a published plan cannot go back to draft (write "${before.plan.status}")`,
    });
  const rows = loadFrameworkRows(db, plan.id);
  const count = (query: ReturnType<typeof sql>) =>
    (db.get<{ n: number }>(query) as { n: number } | undefined)?.n ?? 0;
  const dataSummary = (parts: [number, string, string?][]) =>
    parts
      .filter(([n]) => n > 0)
      .map(([n, one, many]) => plural(n, one, many))
      .join(", ");
  const refuse = (change: PlanChange, what: string, data: string) =>
    problems.push({
      path: change.path,
      message: `${what} is not in the file, but it has reported data (${data}); it cannot be removed. Put it back in the file.`,
    });

  const outputByCode = new Map(
    rows.outputs.map((o) => {
      const pillar = rows.pillars.find((p) => p.id === o.pillarId);
      return [`${pillar?.number}.${o.number}`, o];
    }),
  );
  for (const change of changes) {
    if (change.kind !== "removed" || change.field !== "removed") continue;
    const [type, ...rest] = change.key.split(":");
    const ref = rest.join(":");
    if (type === "indicator") {
      const indicator = rows.indicators.find((i) => i.code === ref);
      if (!indicator) continue;
      const data = dataSummary([
        [
          count(sql`select count(*) as n from report_values where indicator_id = ${indicator.id}`),
          "reported value",
        ],
        [
          count(sql`select count(*) as n from observations where indicator_id = ${indicator.id}`),
          "approved observation",
        ],
      ]);
      if (data) refuse(change, `Indicator ${change.label}`, data);
    } else if (type === "output") {
      const output = outputByCode.get(ref);
      if (!output) continue;
      const data = dataSummary([
        [
          count(sql`select count(*) as n from activities where output_id = ${output.id}`),
          "action-plan activity",
          "action-plan activities",
        ],
        [
          count(sql`select count(*) as n from output_ratings where output_id = ${output.id}`),
          "institution rating",
        ],
        [
          count(sql`select count(*) as n from shadow_observations where output_id = ${output.id}`),
          "civil-society observation",
        ],
      ]);
      if (data) refuse(change, change.label, data);
    } else if (type === "milestone") {
      const [code, , index] = ref.split(":");
      const output = outputByCode.get(code as string);
      const milestone = rows.milestones.filter((m) => m.outputId === output?.id)[Number(index)];
      if (!milestone) continue;
      const n = count(
        sql`select count(*) as n from milestone_updates where milestone_id = ${milestone.id}`,
      );
      if (n) refuse(change, `The milestone "${milestone.title}"`, plural(n, "progress update"));
    } else if (type === "category") {
      const [dimension, category] = ref.split("/");
      const n = breakdownUses(db, plan.id, {
        dimension: dimension ?? "",
        category: category ?? "",
      });
      if (n) refuse(change, `The category ${change.label}`, plural(n, "reported figure"));
    } else if (type === "dimension") {
      const n = breakdownUses(db, plan.id, { dimension: ref });
      if (n) refuse(change, `The dimension ${change.label}`, plural(n, "reported figure"));
    }
    // A removed pillar holds nothing of its own: its outputs and indicators are listed (and
    // refused) one by one.
  }
  // A code once published is never given to another record (docs/architecture.md, "Stable public addresses").
  for (const change of changes) {
    if (change.kind !== "added" || change.field !== "created") continue;
    const [type, ...rest] = change.key.split(":");
    if (type !== "pillar" && type !== "output" && type !== "indicator") continue;
    const taken = codeRefusal(db, plan.id, type, rest.join(":"), null);
    if (taken) problems.push({ path: change.path, message: taken });
  }
  return problems;
}

function previewIn(db: Db, admin: SignedInViewer, plan: s.Plan, file: PlanFile) {
  const before = currentFile(admin, plan.slug);
  const changes = diffPlanFiles(before, file);
  const published = plan.status !== "draft";
  return {
    before,
    preview: {
      slug: plan.slug,
      title: plan.title,
      pillarTermPlural: plan.pillarTermPlural,
      published,
      fingerprint: fingerprintOf(before),
      changes,
      counts: countChanges(changes),
      refusals: findRefusals(db, plan, before, file, changes),
      reasonRequired: published && changes.some(needsReason),
    } satisfies PlanUpdatePreview,
  };
}

/**
 * Admins: reads an uploaded plan file. Invalid: every problem. A new address: the file, to
 * import as a new plan (importPlanFile). An existing plan: what importing it would change.
 * Writes nothing.
 */
export function checkPlanUpload(viewer: Viewer, input: unknown): UploadCheck {
  const admin = assertAllowed(viewer, "framework.manage");
  const checked = checkPlanFile(input);
  if (!checked.ok) return { kind: "invalid", problems: checked.problems };
  const db = getDb();
  const plan = db.select().from(s.plans).where(eq(s.plans.slug, checked.file.plan.slug)).get();
  if (!plan) return { kind: "new", file: checked.file };
  return { kind: "update", preview: previewIn(db, admin, plan, checked.file).preview };
}

export type ApplyPlanUpdateResult =
  | { ok: true; slug: string; published: boolean; changes: number }
  | { ok: false; stale: true; message: string }
  | { ok: false; problems: PlanFileProblem[]; message: string }
  | { ok: false; fieldErrors: Record<string, string[]>; message: string };

/**
 * Admins: applies a previewed plan file to the plan it names. `fingerprint` is the preview's;
 * `reason` is required when the plan is published and baselines, targets or due dates change.
 */
export function applyPlanUpdate(
  viewer: Viewer,
  input: unknown,
  confirmation: { fingerprint: string; reason: unknown },
): ApplyPlanUpdateResult {
  const admin = assertAllowed(viewer, "framework.manage");
  const checked = checkPlanFile(input);
  if (!checked.ok)
    return {
      ok: false,
      problems: checked.problems,
      message: "Nothing was changed: the file has problems.",
    };
  const file = checked.file;

  return getDb().transaction(
    (tx): ApplyPlanUpdateResult => {
      const db = tx as unknown as Db;
      const plan = db.select().from(s.plans).where(eq(s.plans.slug, file.plan.slug)).get();
      if (!plan)
        return {
          ok: false,
          stale: true,
          message: `The plan ${file.plan.slug} no longer exists. Upload the file again.`,
        };
      const { before, preview } = previewIn(db, admin, plan, file);
      if (preview.fingerprint !== confirmation.fingerprint)
        return {
          ok: false,
          stale: true,
          message:
            "The plan has changed since this preview was made. Nothing was changed: upload the file again to see what would change now.",
        };
      if (preview.refusals.length)
        return {
          ok: false,
          problems: preview.refusals,
          message: "Nothing was changed: the file removes records that have reported data.",
        };
      const checkedReason = checkReason(
        confirmation.reason,
        preview.reasonRequired,
        "This plan is published and the file changes baselines, targets or due dates: say why, for the public change log",
      );
      if (!checkedReason.ok)
        return {
          ok: false,
          fieldErrors: checkedReason.fieldErrors,
          message: "Give a reason for the changes.",
        };
      const reason = checkedReason.reason;
      if (preview.changes.length === 0)
        return { ok: true, slug: plan.slug, published: preview.published, changes: 0 };

      const ids = writeUpdate(db, plan, before, file);
      // Removed pillars, outputs and indicators of a published plan keep their address, saying
      // why (docs/architecture.md, "Stable public addresses").
      for (const change of preview.changes) {
        if (change.kind !== "removed" || change.field !== "removed") continue;
        const [type, ...rest] = change.key.split(":");
        if (type !== "pillar" && type !== "output" && type !== "indicator") continue;
        const id = ids.get(change.key);
        if (id !== undefined)
          retireCode(db, plan, type, rest.join(":"), id, change.label, { reason });
      }
      const records: ChangeRecord[] = [];
      for (const change of preview.changes) {
        if (!change.entityType) continue;
        const id = ids.get(change.key);
        if (id === undefined) throw new Error(`no id for ${change.key}`);
        records.push({
          entityType: change.entityType,
          entityId: id,
          entityLabel: change.label,
          field: change.field,
          before: change.before,
          after: change.after,
        });
      }
      // Public when the plan was published at the time of the change (edit-log.ts).
      recordChanges(db, plan, admin.id, reason, records);
      recordAudit(db, {
        actor: { id: admin.id, label: admin.email ?? `user:${admin.id}` },
        action: "plan.import.update",
        entityType: "plan",
        entityId: plan.slug,
        before: { fingerprint: preview.fingerprint },
        after: { changes: preview.changes.length, counts: preview.counts },
        reason,
      });
      return {
        ok: true,
        slug: plan.slug,
        published: preview.published,
        changes: preview.changes.length,
      };
    },
    { behavior: "immediate" },
  );
}

/**
 * Brings the plan's rows in line with the file, keeping the id of every matched record. Returns
 * the id of every record a change names (PlanChange.key), removed ones included.
 */
function writeUpdate(db: Db, plan: s.Plan, before: PlanFile, file: PlanFile) {
  const ids = new Map<string, number>([["plan", plan.id]]);
  const rows = loadFrameworkRows(db, plan.id);
  const now = new Date().toISOString();
  const institutionIds = ensureInstitutions(db, file);
  const idOf = (acronym: string | null) =>
    acronym === null ? null : (institutionIds.get(acronym) ?? null);

  const { slug: _slug, countryCode: _country, leadInstitution, ...fields } = file.plan;
  db.update(s.plans)
    .set({
      ...fields,
      leadInstitutionId: idOf(leadInstitution),
      activatedAt: plan.activatedAt ?? (fields.status === "draft" ? null : now),
      updatedAt: now,
    })
    .where(eq(s.plans.id, plan.id))
    .run();

  // Dimensions and categories: upsert by key, then parents (which may point at new ones).
  const categoryIds = new Map<string, number>();
  const keptCategoryIds = new Set<number>();
  const keptDimensionIds = new Set<number>();
  for (const category of rows.categories) {
    const dimension = rows.dimensions.find((d) => d.id === category.dimensionId);
    categoryIds.set(`${dimension?.key}/${category.key}`, category.id);
    ids.set(`category:${dimension?.key}/${category.key}`, category.dimensionId);
  }
  for (const dimension of rows.dimensions) ids.set(`dimension:${dimension.key}`, dimension.id);
  file.dimensions.forEach((dimension, position) => {
    const existing = rows.dimensions.find((d) => d.key === dimension.key);
    let dimensionId: number;
    if (existing) {
      dimensionId = existing.id;
      db.update(s.dimensions)
        .set({ name: dimension.name, position })
        .where(eq(s.dimensions.id, dimensionId))
        .run();
    } else {
      dimensionId = db
        .insert(s.dimensions)
        .values({ planId: plan.id, key: dimension.key, name: dimension.name, position })
        .returning({ id: s.dimensions.id })
        .get().id;
    }
    keptDimensionIds.add(dimensionId);
    ids.set(`dimension:${dimension.key}`, dimensionId);
    dimension.categories.forEach((category, categoryPosition) => {
      const path = `${dimension.key}/${category.key}`;
      const existingId = existing ? categoryIds.get(path) : undefined;
      let id: number;
      if (existingId !== undefined) {
        id = existingId;
        db.update(s.dimensionCategories)
          .set({ label: category.label, position: categoryPosition })
          .where(eq(s.dimensionCategories.id, id))
          .run();
      } else {
        id = db
          .insert(s.dimensionCategories)
          .values({
            dimensionId,
            key: category.key,
            label: category.label,
            position: categoryPosition,
          })
          .returning({ id: s.dimensionCategories.id })
          .get().id;
      }
      categoryIds.set(path, id);
      keptCategoryIds.add(id);
      ids.set(`category:${path}`, dimensionId);
    });
  });
  for (const dimension of file.dimensions) {
    for (const category of dimension.categories) {
      db.update(s.dimensionCategories)
        .set({ parentId: category.parent ? (categoryIds.get(category.parent) ?? null) : null })
        .where(
          eq(
            s.dimensionCategories.id,
            categoryIds.get(`${dimension.key}/${category.key}`) as number,
          ),
        )
        .run();
    }
  }
  const dimensionIdOf = (key: string) => ids.get(`dimension:${key}`) as number;

  // Pillars and outputs by number, with the responsibility matrix rewritten per output.
  const keptPillarIds = new Set<number>();
  const keptOutputIds = new Set<number>();
  for (const pillar of rows.pillars) ids.set(`pillar:${pillar.number}`, pillar.id);
  for (const output of rows.outputs) {
    const pillar = rows.pillars.find((p) => p.id === output.pillarId);
    ids.set(`output:${pillar?.number}.${output.number}`, output.id);
  }
  let position = 0;
  const indicatorIds = new Map(rows.indicators.map((i) => [i.code, i.id]));
  for (const [code, id] of indicatorIds) ids.set(`indicator:${code}`, id);
  const keptIndicatorIds = new Set<number>();
  const writeIndicator = (
    indicator: PlanFile["pillars"][number]["outcomeIndicators"][number],
    pillarId: number,
    outputId: number | null,
  ) => {
    const columns = {
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
    };
    let id = indicatorIds.get(indicator.code);
    if (id !== undefined) {
      db.update(s.indicators)
        .set({ ...columns, updatedAt: now })
        .where(eq(s.indicators.id, id))
        .run();
      db.delete(s.indicatorTargets).where(eq(s.indicatorTargets.indicatorId, id)).run();
      db.delete(s.indicatorDimensions).where(eq(s.indicatorDimensions.indicatorId, id)).run();
    } else {
      id = db
        .insert(s.indicators)
        .values({ planId: plan.id, ...columns })
        .returning({ id: s.indicators.id })
        .get().id;
    }
    const indicatorId = id;
    keptIndicatorIds.add(indicatorId);
    ids.set(`indicator:${indicator.code}`, indicatorId);
    if (indicator.targets.length)
      db.insert(s.indicatorTargets)
        .values(indicator.targets.map((t) => ({ indicatorId, year: t.year, value: t.value })))
        .run();
    if (indicator.dimensions.length)
      db.insert(s.indicatorDimensions)
        .values(
          indicator.dimensions.map((key) => ({ indicatorId, dimensionId: dimensionIdOf(key) })),
        )
        .run();
  };

  const oldOutputs = new Map<string, PlanFile["pillars"][number]["outputs"][number]>(
    before.pillars.flatMap((p) => p.outputs.map((o) => [`${p.number}.${o.number}`, o] as const)),
  );
  const keptMilestoneIds = new Set<number>();
  for (const pillar of file.pillars) {
    let pillarId = ids.get(`pillar:${pillar.number}`);
    const pillarValues = { title: pillar.title, description: pillar.description };
    if (pillarId !== undefined && rows.pillars.some((p) => p.id === pillarId)) {
      db.update(s.pillars)
        .set({ ...pillarValues, updatedAt: now })
        .where(eq(s.pillars.id, pillarId))
        .run();
    } else {
      pillarId = db
        .insert(s.pillars)
        .values({ planId: plan.id, number: pillar.number, ...pillarValues })
        .returning({ id: s.pillars.id })
        .get().id;
      ids.set(`pillar:${pillar.number}`, pillarId);
    }
    keptPillarIds.add(pillarId);
    for (const indicator of pillar.outcomeIndicators) writeIndicator(indicator, pillarId, null);

    for (const output of pillar.outputs) {
      const code = `${pillar.number}.${output.number}`;
      const existing = rows.outputs.find((o) => o.id === ids.get(`output:${code}`));
      const outputValues = { title: output.title, description: output.description };
      let outputId: number;
      if (existing) {
        outputId = existing.id;
        db.update(s.outputs)
          .set({ ...outputValues, updatedAt: now })
          .where(eq(s.outputs.id, outputId))
          .run();
        db.delete(s.outputInstitutions).where(eq(s.outputInstitutions.outputId, outputId)).run();
      } else {
        outputId = db
          .insert(s.outputs)
          .values({ pillarId, number: output.number, ...outputValues })
          .returning({ id: s.outputs.id })
          .get().id;
        ids.set(`output:${code}`, outputId);
      }
      keptOutputIds.add(outputId);
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
      for (const indicator of output.indicators) writeIndicator(indicator, pillarId, outputId);

      // Milestones: matched as the preview matched them (plan-diff.ts), in the file's order.
      const oldRows = existing ? rows.milestones.filter((m) => m.outputId === existing.id) : [];
      oldRows.forEach((row, b) => {
        ids.set(`milestone:${code}:old:${b}`, row.id);
      });
      const match = matchMilestones(oldOutputs.get(code)?.milestones ?? [], output.milestones);
      output.milestones.forEach((milestone, a) => {
        const values = {
          title: milestone.title,
          description: milestone.description,
          dueDate: milestone.dueDate,
          status: milestone.status,
          responsibleInstitutionId: idOf(milestone.responsible),
          illustrative: milestone.illustrative,
          position: a,
        };
        const pair = match.pairs.find(([, x]) => x === a);
        const row = pair ? oldRows[pair[0]] : undefined;
        if (row) {
          db.update(s.milestones)
            .set({ ...values, updatedAt: now })
            .where(eq(s.milestones.id, row.id))
            .run();
          keptMilestoneIds.add(row.id);
        } else {
          const id = db
            .insert(s.milestones)
            .values({ outputId, ...values })
            .returning({ id: s.milestones.id })
            .get().id;
          keptMilestoneIds.add(id);
          ids.set(`milestone:${code}:new:${a}`, id);
        }
      });
    }
  }
  // The milestones of removed outputs, by their place, for the change log.
  for (const output of rows.outputs) {
    if (keptOutputIds.has(output.id)) continue;
    const pillar = rows.pillars.find((p) => p.id === output.pillarId);
    rows.milestones
      .filter((m) => m.outputId === output.id)
      .forEach((row, b) => {
        ids.set(`milestone:${pillar?.number}.${output.number}:old:${b}`, row.id);
      });
  }

  // What the file no longer has, children first (the refusals made sure no data hangs on it).
  const gone = <T extends { id: number }>(list: T[], kept: Set<number>) =>
    list.filter((r) => !kept.has(r.id)).map((r) => r.id);
  const goneMilestones = gone(rows.milestones, keptMilestoneIds);
  if (goneMilestones.length)
    db.delete(s.milestones).where(inArray(s.milestones.id, goneMilestones)).run();
  const goneIndicators = gone(rows.indicators, keptIndicatorIds);
  if (goneIndicators.length)
    db.delete(s.indicators).where(inArray(s.indicators.id, goneIndicators)).run();
  const goneOutputs = gone(rows.outputs, keptOutputIds);
  if (goneOutputs.length) db.delete(s.outputs).where(inArray(s.outputs.id, goneOutputs)).run();
  const gonePillars = gone(rows.pillars, keptPillarIds);
  if (gonePillars.length) db.delete(s.pillars).where(inArray(s.pillars.id, gonePillars)).run();
  const goneCategories = gone(rows.categories, keptCategoryIds);
  if (goneCategories.length)
    db.delete(s.dimensionCategories).where(inArray(s.dimensionCategories.id, goneCategories)).run();
  const goneDimensions = gone(rows.dimensions, keptDimensionIds);
  if (goneDimensions.length)
    db.delete(s.dimensions)
      .where(and(eq(s.dimensions.planId, plan.id), inArray(s.dimensions.id, goneDimensions)))
      .run();
  return ids;
}
