/**
 * Editing a plan's indicators and their targets (admins, `framework.manage`). Every write is one
 * IMMEDIATE transaction holding the change, its rows in the public change log
 * (framework_changes, lib/framework/edit-log.ts) and its audit event: all three or none.
 *
 * The form's rules (lib/framework/edit-schema.ts) depend on the plan and on the indicator's
 * values before the edit, so this module builds the schema from the database inside the
 * transaction and parses the submitted fields there: the browser runs the same schema as the
 * admin types, but only this parse decides. Changing a baseline or a target of a published
 * (active or closed) plan needs a reason, which the public change log shows.
 */
import "server-only";
import { and, asc, count, eq, isNull, max } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import * as s from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { assertAllowed } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import type { IndicatorDirection, IndicatorUnit } from "@/lib/domain/enums";
import { AppError } from "@/lib/errors";
import { loadFrameworkRows } from "@/lib/plans/framework-rows";
import { actorOf, immediate } from "@/lib/server/db";
import { fieldErrorsOf } from "@/lib/server/validation";
import {
  claimCode,
  codeRefusal,
  publishedReason,
  requirePublishedReason,
  retireCode,
} from "./addresses";
import { type ChangeRecord, recordChanges } from "./edit-log";
import { moveInList } from "./edit-order";
import {
  dimensionField,
  type IndicatorFigures,
  type IndicatorFormContext,
  type IndicatorInput,
  indicatorFormSchema,
  targetField,
} from "./edit-schema";
import { assertCurrentVersion, versionOf } from "./edit-version";

export function findPlan(db: Db, slug: string): s.Plan {
  const plan = db.select().from(s.plans).where(eq(s.plans.slug, slug)).get();
  if (!plan) throw new AppError("NOT_FOUND", "This plan was not found.");
  return plan;
}

export type PlanOption = {
  slug: string;
  title: string;
  status: s.Plan["status"];
  startYear: number;
  endYear: number;
};

/** Admins: every plan, drafts included, to choose one to edit. */
export function listPlansForEditing(viewer: Viewer): PlanOption[] {
  assertAllowed(viewer, "framework.manage");
  return getDb()
    .select({
      slug: s.plans.slug,
      title: s.plans.title,
      status: s.plans.status,
      startYear: s.plans.startYear,
      endYear: s.plans.endYear,
    })
    .from(s.plans)
    .orderBy(asc(s.plans.countryName), asc(s.plans.startYear))
    .all();
}

type IndicatorItem = { code: string; title: string };
export type EditablePlan = PlanOption & {
  pillarTerm: string;
  pillars: {
    number: number;
    title: string;
    outcomeIndicators: IndicatorItem[];
    outputs: { code: string; title: string; indicators: IndicatorItem[]; milestones: number }[];
  }[];
};

/** Admins: the plan's pillars, outputs and indicators in their order; null when there is no such plan. */
export function getPlanForEditing(viewer: Viewer, slug: string): EditablePlan | null {
  assertAllowed(viewer, "framework.manage");
  const db = getDb();
  const plan = db.select().from(s.plans).where(eq(s.plans.slug, slug)).get();
  if (!plan) return null;
  const rows = loadFrameworkRows(db, plan.id);
  const item = (i: s.Indicator): IndicatorItem => ({ code: i.code, title: i.title });
  return {
    slug: plan.slug,
    title: plan.title,
    status: plan.status,
    startYear: plan.startYear,
    endYear: plan.endYear,
    pillarTerm: plan.pillarTerm,
    pillars: rows.pillars.map((pillar) => ({
      number: pillar.number,
      title: pillar.title,
      outcomeIndicators: rows.indicators
        .filter((i) => i.pillarId === pillar.id && i.outputId === null)
        .map(item),
      outputs: rows.outputs
        .filter((o) => o.pillarId === pillar.id)
        .map((output) => ({
          code: `${pillar.number}.${output.number}`,
          title: output.title,
          indicators: rows.indicators.filter((i) => i.outputId === output.id).map(item),
          milestones: rows.milestones.filter((m) => m.outputId === output.id).length,
        })),
    })),
  };
}

/** What the form needs: its rules' context, the choices, and the values to start from. */
export type IndicatorFormData = {
  plan: PlanOption & { pillarTerm: string; published: boolean };
  context: IndicatorFormContext;
  parents: { value: string; label: string }[];
  institutions: { id: number; label: string }[];
  dimensions: { key: string; name: string }[];
  values: Record<string, string>;
  /** Reported and approved values of the indicator (it cannot be deleted while there are any). */
  recorded: { reported: number; approved: number };
};

type Parents = {
  options: { value: string; label: string; pillarId: number; outputId: number | null }[];
};

function parentsOf(db: Db, plan: s.Plan): Parents {
  const rows = loadFrameworkRows(db, plan.id);
  const term = plan.pillarTerm.charAt(0).toUpperCase() + plan.pillarTerm.slice(1);
  const options: Parents["options"] = [];
  for (const pillar of rows.pillars) {
    options.push({
      value: `pillar:${pillar.number}`,
      label: `${term} ${pillar.number} (outcome indicator): ${pillar.title}`,
      pillarId: pillar.id,
      outputId: null,
    });
    for (const output of rows.outputs.filter((o) => o.pillarId === pillar.id)) {
      options.push({
        value: `output:${pillar.number}.${output.number}`,
        label: `Output ${pillar.number}.${output.number}: ${output.title}`,
        pillarId: pillar.id,
        outputId: output.id,
      });
    }
  }
  return { options };
}

export function institutionsOf(db: Db, plan: s.Plan) {
  return db
    .select({ id: s.institutions.id, acronym: s.institutions.acronym, name: s.institutions.name })
    .from(s.institutions)
    .where(and(eq(s.institutions.countryCode, plan.countryCode), eq(s.institutions.active, true)))
    .orderBy(asc(s.institutions.acronym))
    .all();
}

function dimensionsOfPlan(db: Db, planId: number) {
  return db
    .select({ id: s.dimensions.id, key: s.dimensions.key, name: s.dimensions.name })
    .from(s.dimensions)
    .where(eq(s.dimensions.planId, planId))
    .orderBy(asc(s.dimensions.position))
    .all();
}

function findIndicator(db: Db, planId: number, code: string): s.Indicator {
  const row = db
    .select()
    .from(s.indicators)
    .where(and(eq(s.indicators.planId, planId), eq(s.indicators.code, code)))
    .get();
  if (!row) throw new AppError("NOT_FOUND", "This indicator was not found.");
  return row;
}

function targetsOf(db: Db, indicatorId: number): Record<string, number | null> {
  const rows = db
    .select({ year: s.indicatorTargets.year, value: s.indicatorTargets.value })
    .from(s.indicatorTargets)
    .where(eq(s.indicatorTargets.indicatorId, indicatorId))
    .all();
  return Object.fromEntries(rows.map((t) => [String(t.year), t.value]));
}

function dimensionKeysOf(db: Db, indicatorId: number): string[] {
  return db
    .select({ key: s.dimensions.key })
    .from(s.indicatorDimensions)
    .innerJoin(s.dimensions, eq(s.dimensions.id, s.indicatorDimensions.dimensionId))
    .where(eq(s.indicatorDimensions.indicatorId, indicatorId))
    .orderBy(asc(s.dimensions.position))
    .all()
    .map((d) => d.key);
}

function contextFor(db: Db, plan: s.Plan, indicator: s.Indicator | null): IndicatorFormContext {
  const codes = db
    .select({ code: s.indicators.code })
    .from(s.indicators)
    .where(eq(s.indicators.planId, plan.id))
    .all()
    .map((r) => r.code)
    .filter((code) => code !== indicator?.code);
  const current: IndicatorFigures | null = indicator
    ? {
        baselineValue: indicator.baselineValue,
        baselineYear: indicator.baselineYear,
        endTarget: indicator.endTarget,
        targets: targetsOf(db, indicator.id),
      }
    : null;
  return {
    startYear: plan.startYear,
    endYear: plan.endYear,
    published: plan.status !== "draft",
    takenCodes: codes,
    parents: parentsOf(db, plan).options.map((o) => o.value),
    institutionIds: institutionsOf(db, plan).map((i) => i.id),
    dimensionKeys: dimensionsOfPlan(db, plan.id).map((d) => d.key),
    current,
  };
}

const str = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

function parentValue(plan: Parents, indicator: s.Indicator): string {
  return (
    plan.options.find((o) => o.pillarId === indicator.pillarId && o.outputId === indicator.outputId)
      ?.value ?? ""
  );
}

/**
 * Admins: the form for a new indicator (`code` null; `parent` like `output:1.1` preselects
 * where it goes) or for an existing one. Null when the plan or indicator does not exist.
 */
export function getIndicatorForm(
  viewer: Viewer,
  slug: string,
  code: string | null,
  parent?: string,
): IndicatorFormData | null {
  assertAllowed(viewer, "framework.manage");
  const db = getDb();
  const plan = db.select().from(s.plans).where(eq(s.plans.slug, slug)).get();
  if (!plan) return null;
  const indicator = code
    ? (db
        .select()
        .from(s.indicators)
        .where(and(eq(s.indicators.planId, plan.id), eq(s.indicators.code, code)))
        .get() ?? null)
    : null;
  if (code && !indicator) return null;
  const parents = parentsOf(db, plan);
  const dimensions = dimensionsOfPlan(db, plan.id);
  const context = contextFor(db, plan, indicator);

  let values: Record<string, string>;
  if (indicator) {
    const targets = context.current?.targets ?? {};
    const own = new Set(dimensionKeysOf(db, indicator.id));
    values = {
      parent: parentValue(parents, indicator),
      code: indicator.code,
      title: indicator.title,
      definition: indicator.definition ?? "",
      unit: indicator.unit,
      direction: indicator.direction,
      baselineValue: str(indicator.baselineValue),
      baselineYear: str(indicator.baselineYear),
      endTarget: str(indicator.endTarget),
      dataSource: indicator.dataSource ?? "",
      collectionFrequency: indicator.collectionFrequency,
      responsible: str(indicator.responsibleInstitutionId),
      sensitive: indicator.sensitive ? "on" : "",
      provenance: indicator.provenance ?? "",
      illustrative: indicator.illustrative ? "on" : "",
      reason: "",
      // The version this form starts from: a save from a stale form is refused (edit-version.ts).
      version: versionOf(rowSnapshot(db, plan, indicator, acronymLookup(db, plan))),
    };
    for (let y = plan.startYear; y <= plan.endYear; y++)
      values[targetField(y)] = str(targets[String(y)]);
    for (const d of dimensions) values[dimensionField(d.key)] = own.has(d.key) ? "on" : "";
  } else {
    values = {
      parent: parent && context.parents.includes(parent) ? parent : (context.parents[0] ?? ""),
      code: "",
      title: "",
      definition: "",
      unit: "count",
      direction: "increase",
      baselineValue: "",
      baselineYear: "",
      endTarget: "",
      dataSource: "",
      collectionFrequency: "annual",
      responsible: "",
      sensitive: "",
      provenance: "",
      illustrative: "",
      reason: "",
    };
    for (let y = plan.startYear; y <= plan.endYear; y++) values[targetField(y)] = "";
    // Sex is always available (PRODUCT.md): a new indicator starts broken down by it.
    for (const d of dimensions) values[dimensionField(d.key)] = d.key === "sex" ? "on" : "";
  }

  return {
    plan: {
      slug: plan.slug,
      title: plan.title,
      status: plan.status,
      startYear: plan.startYear,
      endYear: plan.endYear,
      pillarTerm: plan.pillarTerm,
      published: plan.status !== "draft",
    },
    context,
    parents: parents.options.map(({ value, label }) => ({ value, label })),
    institutions: institutionsOf(db, plan).map((i) => ({
      id: i.id,
      label: `${i.acronym}: ${i.name}`,
    })),
    dimensions: dimensions.map(({ key, name }) => ({ key, name })),
    values,
    recorded: indicator ? recordedOf(db, indicator.id) : { reported: 0, approved: 0 },
  };
}

function recordedOf(db: Db, indicatorId: number) {
  const reported =
    db
      .select({ n: count() })
      .from(s.reportValues)
      .where(eq(s.reportValues.indicatorId, indicatorId))
      .get()?.n ?? 0;
  const approved =
    db
      .select({ n: count() })
      .from(s.observations)
      .where(eq(s.observations.indicatorId, indicatorId))
      .get()?.n ?? 0;
  return { reported, approved };
}

export type SaveIndicatorResult =
  | { ok: true; code: string; changes: number; version?: string }
  | { ok: false; fieldErrors: Record<string, string[]> };

function parse(
  ctx: IndicatorFormContext,
  values: Record<string, string>,
): { ok: true; input: IndicatorInput } | { ok: false; fieldErrors: Record<string, string[]> } {
  const parsed = indicatorFormSchema(ctx).safeParse(values);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
}

/** The snapshot of an indicator the change log and the audit log describe. */
type Snapshot = {
  parent: string;
  code: string;
  title: string;
  definition: string | null;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  baseline: { value: number; year: number } | null;
  endTarget: number | null;
  dataSource: string | null;
  collectionFrequency: string;
  responsible: string | null;
  sensitive: boolean;
  dimensions: string[];
  provenance: string | null;
  illustrative: boolean;
  targets: Record<string, number | null>;
};

function snapshotOf(
  input: IndicatorInput,
  acronymOf: (id: number | null) => string | null,
): Snapshot {
  return {
    parent:
      input.parent.kind === "output"
        ? `output ${input.parent.pillar}.${input.parent.output}`
        : `outcome of ${input.parent.pillar}`,
    code: input.code,
    title: input.title,
    definition: input.definition,
    unit: input.unit,
    direction: input.direction,
    baseline:
      input.baselineValue !== null && input.baselineYear !== null
        ? { value: input.baselineValue, year: input.baselineYear }
        : null,
    endTarget: input.endTarget,
    dataSource: input.dataSource,
    collectionFrequency: input.collectionFrequency,
    responsible: acronymOf(input.responsibleInstitutionId),
    sensitive: input.sensitive,
    dimensions: input.dimensions,
    provenance: input.provenance,
    illustrative: input.illustrative,
    targets: Object.fromEntries(input.targets.map((t) => [String(t.year), t.value])),
  };
}

function rowSnapshot(
  db: Db,
  plan: s.Plan,
  row: s.Indicator,
  acronymOf: (id: number | null) => string | null,
): Snapshot {
  const parents = parentsOf(db, plan);
  const parent = parents.options.find(
    (o) => o.pillarId === row.pillarId && o.outputId === row.outputId,
  );
  const [, kind, number] = /^(output|pillar):(.+)$/.exec(parent?.value ?? "") ?? [];
  return {
    parent: kind === "output" ? `output ${number}` : `outcome of ${number}`,
    code: row.code,
    title: row.title,
    definition: row.definition,
    unit: row.unit,
    direction: row.direction,
    baseline:
      row.baselineValue !== null && row.baselineYear !== null
        ? { value: row.baselineValue, year: row.baselineYear }
        : null,
    endTarget: row.endTarget,
    dataSource: row.dataSource,
    collectionFrequency: row.collectionFrequency,
    responsible: acronymOf(row.responsibleInstitutionId),
    sensitive: row.sensitive,
    dimensions: dimensionKeysOf(db, row.id),
    provenance: row.provenance,
    illustrative: row.illustrative,
    targets: targetsOf(db, row.id),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** One change record per field that differs; targets one per year. */
function diff(id: number, label: string, before: Snapshot, after: Snapshot): ChangeRecord[] {
  const out: ChangeRecord[] = [];
  const fields = Object.keys(after).filter((k) => k !== "targets") as (keyof Snapshot)[];
  for (const field of fields) {
    if (!same(before[field], after[field]))
      out.push({
        entityType: "indicator",
        entityId: id,
        entityLabel: label,
        field,
        before: before[field],
        after: after[field],
      });
  }
  const years = [
    ...new Set([...Object.keys(before.targets), ...Object.keys(after.targets)]),
  ].sort();
  for (const year of years) {
    const b = before.targets[year] ?? null;
    const a = after.targets[year] ?? null;
    if (b !== a)
      out.push({
        entityType: "target",
        entityId: id,
        entityLabel: label,
        field: year,
        before: b,
        after: a,
      });
  }
  return out;
}

function placeOf(db: Db, plan: s.Plan, input: IndicatorInput) {
  const parent = parentsOf(db, plan).options.find(
    (o) =>
      o.value ===
      (input.parent.kind === "output"
        ? `output:${input.parent.pillar}.${input.parent.output}`
        : `pillar:${input.parent.pillar}`),
  );
  if (!parent) throw new AppError("VALIDATION", "Choose an output or an outcome of this plan.");
  return { pillarId: parent.pillarId, outputId: parent.outputId };
}

function nextPosition(db: Db, planId: number): number {
  const row = db
    .select({ last: max(s.indicators.position) })
    .from(s.indicators)
    .where(eq(s.indicators.planId, planId))
    .get();
  return (row?.last ?? -1) + 1;
}

function writeTargetsAndDimensions(db: Db, planId: number, id: number, input: IndicatorInput) {
  db.delete(s.indicatorTargets).where(eq(s.indicatorTargets.indicatorId, id)).run();
  if (input.targets.length)
    db.insert(s.indicatorTargets)
      .values(input.targets.map((t) => ({ indicatorId: id, year: t.year, value: t.value })))
      .run();
  db.delete(s.indicatorDimensions).where(eq(s.indicatorDimensions.indicatorId, id)).run();
  const dimensionIds = dimensionsOfPlan(db, planId)
    .filter((d) => input.dimensions.includes(d.key))
    .map((d) => d.id);
  if (dimensionIds.length)
    db.insert(s.indicatorDimensions)
      .values(dimensionIds.map((dimensionId) => ({ indicatorId: id, dimensionId })))
      .run();
}

function indicatorColumns(input: IndicatorInput) {
  return {
    code: input.code,
    title: input.title,
    definition: input.definition,
    unit: input.unit,
    direction: input.direction,
    baselineValue: input.baselineValue,
    baselineYear: input.baselineYear,
    endTarget: input.endTarget,
    dataSource: input.dataSource,
    collectionFrequency: input.collectionFrequency,
    responsibleInstitutionId: input.responsibleInstitutionId,
    sensitive: input.sensitive,
    provenance: input.provenance,
    illustrative: input.illustrative,
  };
}

function acronymLookup(db: Db, plan: s.Plan) {
  const list = institutionsOf(db, plan);
  return (id: number | null) =>
    id === null ? null : (list.find((i) => i.id === id)?.acronym ?? String(id));
}

/**
 * Admins: adds an indicator to an output (or to a pillar, as an outcome indicator) with its
 * targets and dimensions. In a published plan this needs a reason and appears in the public
 * change log as one "created" record holding the new indicator's figures.
 */
export function createIndicator(
  viewer: Viewer,
  slug: string,
  values: Record<string, string>,
): SaveIndicatorResult {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const parsed = parse(contextFor(db, plan, null), values);
    if (!parsed.ok) return parsed;
    const input = parsed.input;
    const taken = codeRefusal(db, plan.id, "indicator", input.code, null);
    if (taken) return { ok: false as const, fieldErrors: { code: [taken] } };
    const place = placeOf(db, plan, input);
    const id = db
      .insert(s.indicators)
      .values({
        planId: plan.id,
        ...place,
        ...indicatorColumns(input),
        position: nextPosition(db, plan.id),
      })
      .returning({ id: s.indicators.id })
      .get().id;
    writeTargetsAndDimensions(db, plan.id, id, input);
    const snapshot = snapshotOf(input, acronymLookup(db, plan));
    recordChanges(db, plan, admin.id, input.reason, [
      {
        entityType: "indicator",
        entityId: id,
        entityLabel: `${input.code} ${input.title}`,
        field: "created",
        before: null,
        after: snapshot,
      },
    ]);
    recordAudit(db, {
      actor: actorOf(admin),
      action: "framework.indicator.create",
      entityType: "indicator",
      entityId: id,
      after: { plan: plan.slug, ...snapshot },
      reason: input.reason,
    });
    return { ok: true as const, code: input.code, changes: 1 };
  });
}

/**
 * Admins: changes an indicator (any field, its place, targets, dimensions). One change record
 * per changed field or target year, all with the save's reason; nothing is written when nothing
 * changed.
 */
export function updateIndicator(
  viewer: Viewer,
  slug: string,
  code: string,
  values: Record<string, string>,
): SaveIndicatorResult {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const row = findIndicator(db, plan.id, code);
    const acronymOf = acronymLookup(db, plan);
    const before = rowSnapshot(db, plan, row, acronymOf);
    const version = versionOf(before);
    assertCurrentVersion(
      db,
      values.version,
      version,
      "this indicator",
      ["indicator", "target"],
      row.id,
    );
    const parsed = parse(contextFor(db, plan, row), values);
    if (!parsed.ok) return parsed;
    const input = parsed.input;
    const after = snapshotOf(input, acronymOf);
    const changes = diff(row.id, `${input.code} ${input.title}`, before, after);
    if (changes.length === 0) return { ok: true as const, code: row.code, changes: 0, version };
    if (input.code !== row.code) {
      // A published code is an address: the old one redirects here, and needs a reason.
      const reason = publishedReason(
        input.reason ?? undefined,
        plan.status !== "draft",
        "This plan is published: say why the code changes. The public change log shows it",
      );
      if (!reason.ok) return reason;
      const taken = codeRefusal(db, plan.id, "indicator", input.code, row.id);
      if (taken) return { ok: false as const, fieldErrors: { code: [taken] } };
      claimCode(db, plan.id, "indicator", input.code, row.id);
      retireCode(db, plan, "indicator", row.code, row.id, `${row.code} ${row.title}`, null);
    }

    const place = placeOf(db, plan, input);
    const moved = place.pillarId !== row.pillarId || place.outputId !== row.outputId;
    db.update(s.indicators)
      .set({
        ...place,
        ...indicatorColumns(input),
        ...(moved ? { position: nextPosition(db, plan.id) } : {}),
        updatedAt: new Date().toISOString(),
      })
      .where(eq(s.indicators.id, row.id))
      .run();
    writeTargetsAndDimensions(db, plan.id, row.id, input);
    recordChanges(db, plan, admin.id, input.reason, changes);
    recordAudit(db, {
      actor: actorOf(admin),
      action: "framework.indicator.update",
      entityType: "indicator",
      entityId: row.id,
      before: Object.fromEntries(
        changes.map((c) => [c.entityType === "target" ? `target ${c.field}` : c.field, c.before]),
      ),
      after: Object.fromEntries(
        changes.map((c) => [c.entityType === "target" ? `target ${c.field}` : c.field, c.after]),
      ),
      reason: input.reason,
    });
    const saved = findIndicator(db, plan.id, input.code);
    return {
      ok: true as const,
      code: input.code,
      changes: changes.length,
      version: versionOf(rowSnapshot(db, plan, saved, acronymOf)),
    };
  });
}

/**
 * Admins: moves an indicator one place up or down among its siblings (the indicators of the
 * same output, or the outcome indicators of the same pillar). At either end it stays put.
 */
export function moveIndicator(
  viewer: Viewer,
  slug: string,
  code: string,
  direction: "up" | "down",
  rawReason?: string,
): { moved: boolean } {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const row = findIndicator(db, plan.id, code);
    const siblings = db
      .select({ id: s.indicators.id, position: s.indicators.position })
      .from(s.indicators)
      .where(
        and(
          eq(s.indicators.planId, plan.id),
          eq(s.indicators.pillarId, row.pillarId),
          row.outputId === null
            ? isNull(s.indicators.outputId)
            : eq(s.indicators.outputId, row.outputId),
        ),
      )
      .orderBy(asc(s.indicators.position), asc(s.indicators.id))
      .all();
    const move = moveInList(siblings, row.id, direction);
    if (!move) return { moved: false };
    const { from, to, order } = move;
    const reason = requirePublishedReason(
      plan,
      rawReason,
      `This plan is published: say why you move indicator ${row.code}. The public change log shows it`,
    );

    // Keep the positions the siblings already occupy (the plan counts positions across all its
    // indicators), and hand them out again in the new order; distinct even if they were not.
    const slots = siblings.map((i) => i.position).sort((a, b) => a - b);
    const distinct = new Set(slots).size === slots.length;
    order.forEach((sibling, i) => {
      const position = distinct ? (slots[i] as number) : (slots[0] as number) + i;
      if (position !== sibling.position)
        db.update(s.indicators).set({ position }).where(eq(s.indicators.id, sibling.id)).run();
    });
    const label = `${row.code} ${row.title}`;
    recordChanges(db, plan, admin.id, reason, [
      {
        entityType: "indicator",
        entityId: row.id,
        entityLabel: label,
        field: "order",
        before: from + 1,
        after: to + 1,
      },
    ]);
    recordAudit(db, {
      actor: actorOf(admin),
      action: "framework.indicator.move",
      entityType: "indicator",
      entityId: row.id,
      before: { order: from + 1 },
      after: { order: to + 1 },
      reason,
    });
    return { moved: true };
  });
}

export type DeleteResult = { ok: true } | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * Admins: deletes an indicator with its targets and dimensions, only while no report value or
 * approved observation refers to it (history would lose its meaning: edit it instead). In a
 * published plan it needs a reason and the public change log keeps a "deleted" record with the
 * indicator's last figures. `version` is the one the admin's page showed.
 */
export function deleteIndicator(
  viewer: Viewer,
  slug: string,
  code: string,
  values: { reason?: string; version?: string },
): DeleteResult {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const row = findIndicator(db, plan.id, code);
    const acronymOf = acronymLookup(db, plan);
    const before = rowSnapshot(db, plan, row, acronymOf);
    assertCurrentVersion(
      db,
      values.version,
      versionOf(before),
      "this indicator",
      ["indicator", "target"],
      row.id,
    );
    const { reported, approved: observed } = recordedOf(db, row.id);
    if (reported || observed)
      throw new AppError(
        "CONFLICT",
        `Indicator ${row.code} cannot be deleted: ${[
          reported ? `${reported} reported ${reported === 1 ? "value" : "values"}` : null,
          observed ? `${observed} approved ${observed === 1 ? "value" : "values"}` : null,
        ]
          .filter(Boolean)
          .join(
            " and ",
          )} refer to it. Edit it instead (its title, definition or targets), so its history keeps its meaning.`,
      );
    const reason = publishedReason(
      values.reason,
      plan.status !== "draft",
      "This plan is published: say why this indicator is deleted. The public change log shows it",
    );
    if (!reason.ok) return reason;
    retireCode(db, plan, "indicator", row.code, row.id, `${row.code} ${row.title}`, {
      reason: reason.reason,
    });
    db.delete(s.translations)
      .where(and(eq(s.translations.entityType, "indicator"), eq(s.translations.entityId, row.id)))
      .run();
    db.delete(s.indicators).where(eq(s.indicators.id, row.id)).run();
    recordChanges(db, plan, admin.id, reason.reason, [
      {
        entityType: "indicator",
        entityId: row.id,
        entityLabel: `${row.code} ${row.title}`,
        field: "deleted",
        before,
        after: null,
      },
    ]);
    recordAudit(db, {
      actor: actorOf(admin),
      action: "framework.indicator.delete",
      entityType: "indicator",
      entityId: row.id,
      before: { plan: plan.slug, ...before },
      reason: reason.reason,
    });
    return { ok: true as const };
  });
}
