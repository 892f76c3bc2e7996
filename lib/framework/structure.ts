/**
 * Building a plan's structure (admins, `framework.manage`): the plan itself (details and its
 * life draft → active → closed), its pillars and outputs (add, edit, delete, reorder) and the
 * responsibility matrix (one lead and any supporting institutions per output).
 *
 * Every write is one IMMEDIATE transaction holding the change, its rows in the change log
 * (framework_changes: public once the plan is active or closed, labels copied at the time, so
 * the log still reads right after a later rename or delete) and its audit event.
 *
 * Pillar and output numbers are the number people cite, unique per plan (per pillar for
 * outputs). In a draft they are also the order: reordering and deleting renumber the siblings
 * so numbers stay contiguous from 1; the unique index is checked per row, so the renumbering
 * first moves every sibling to a temporary number above any real one, then hands the final
 * numbers out. Once the plan is published its numbers are public addresses (addresses.ts):
 * reordering needs a reason and sets the display `position` only, deleting needs a reason and
 * leaves a gap, and a number once published is never given to another record.
 */
import "server-only";
import { and, asc, eq, inArray, max, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { type Db, getDb } from "@/db/client";
import * as s from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { assertAllowed } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { capitalise } from "@/lib/format";
import { outputOrder, pillarOrder } from "@/lib/plans/order";
import { actorOf, immediate } from "@/lib/server/db";
import { fieldErrorsOf } from "@/lib/server/validation";
import { claimCode, highestRetired, requirePublishedReason, retireCode } from "./addresses";
import { type ChangeRecord, recordChanges, recordEdit } from "./edit-log";
import { moveInList } from "./edit-order";
import {
  type PlanDetailsInput,
  type PlanFormContext,
  planDetailsSchema,
  type ResponsibilityInput,
  responsibilitySchema,
  type StructureItemInput,
  structureItemSchema,
  supportingField,
} from "./structure-schema";

export type SaveResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; fieldErrors: Record<string, string[]>; message?: string };

function findPlan(db: Db, slug: string): s.Plan {
  const plan = db.select().from(s.plans).where(eq(s.plans.slug, slug)).get();
  if (!plan) throw new AppError("NOT_FOUND", "This plan was not found.");
  return plan;
}

function findPillar(db: Db, plan: s.Plan, number: number): s.Pillar {
  const row = db
    .select()
    .from(s.pillars)
    .where(and(eq(s.pillars.planId, plan.id), eq(s.pillars.number, number)))
    .get();
  if (!row)
    throw new AppError("NOT_FOUND", `${capitalise(plan.pillarTerm)} ${number} was not found.`);
  return row;
}

/** `code` like `1.2`: output 2 of pillar 1. */
function findOutput(db: Db, plan: s.Plan, code: string): { pillar: s.Pillar; output: s.Output } {
  const [p, o] = code.split(".").map(Number);
  const pillar = findPillar(db, plan, p ?? 0);
  const output = db
    .select()
    .from(s.outputs)
    .where(and(eq(s.outputs.pillarId, pillar.id), eq(s.outputs.number, o ?? 0)))
    .get();
  if (!output) throw new AppError("NOT_FOUND", `Output ${code} was not found.`);
  return { pillar, output };
}

const count = (db: Db, query: ReturnType<typeof sql>): number =>
  db.get<{ n: number }>(query)?.n ?? 0;

/** A published plan's reorder or delete: the reason (5–1000 characters), or a refusal listing it. */
function requireReason(plan: s.Plan, raw: string | undefined, what: string): string | null {
  return requirePublishedReason(
    plan,
    raw,
    `This plan is published: say why you ${what}. The public change log shows it`,
  );
}

/** A published plan: writes positions 1…n in this order, numbers untouched. */
function reposition(db: Db, table: typeof s.pillars | typeof s.outputs, ids: number[]): void {
  const t = table as SQLiteTable & typeof s.pillars;
  ids.forEach((id, i) => {
    db.update(t)
      .set({ position: i + 1, updatedAt: new Date().toISOString() })
      .where(eq(t.id, id))
      .run();
  });
}

/**
 * Gives `ids` the numbers 1…n in this order. Numbers are unique among siblings, so everyone
 * first moves to a temporary number above any in use (the CHECK keeps numbers ≥ 1), then to
 * the final one; rows whose number does not change are written twice but end where they were.
 */
function renumber(
  db: Db,
  table: typeof s.pillars | typeof s.outputs,
  ids: number[],
  current: Map<number, number>,
): { id: number; before: number; after: number }[] {
  const offset = 1_000_000;
  const t = table as SQLiteTable & typeof s.pillars;
  ids.forEach((id, i) => {
    db.update(t)
      .set({ number: offset + i + 1 })
      .where(eq(t.id, id))
      .run();
  });
  const moved: { id: number; before: number; after: number }[] = [];
  ids.forEach((id, i) => {
    db.update(t)
      .set({ number: i + 1, position: null, updatedAt: new Date().toISOString() })
      .where(eq(t.id, id))
      .run();
    const before = current.get(id);
    if (before !== undefined && before !== i + 1) moved.push({ id, before, after: i + 1 });
  });
  return moved;
}

// ---------------------------------------------------------------------------------------------
// Plans

export type PlanFormData = {
  plan: { slug: string; title: string; status: s.Plan["status"]; countryCode: string } | null;
  context: PlanFormContext;
  institutions: { id: number; countryCode: string; label: string; active: boolean }[];
  values: Record<string, string>;
  pillarCount: number;
};

function institutionChoices(db: Db) {
  return db
    .select({
      id: s.institutions.id,
      countryCode: s.institutions.countryCode,
      acronym: s.institutions.acronym,
      name: s.institutions.name,
      active: s.institutions.active,
    })
    .from(s.institutions)
    .orderBy(asc(s.institutions.countryCode), asc(s.institutions.acronym))
    .all();
}

const str = (v: number | string | null | undefined) =>
  v === null || v === undefined ? "" : String(v);
const toPoints = (fraction: number) => String(Math.round(fraction * 10000) / 100);

function planValues(plan: s.Plan): Record<string, string> {
  return {
    slug: plan.slug,
    countryCode: plan.countryCode,
    countryName: plan.countryName,
    title: plan.title,
    generation: str(plan.generation),
    startYear: str(plan.startYear),
    endYear: str(plan.endYear),
    currency: plan.currency,
    fiscalYearStartMonth: str(plan.fiscalYearStartMonth),
    pillarTerm: plan.pillarTerm,
    pillarTermPlural: plan.pillarTermPlural,
    originalLanguage: plan.originalLanguage,
    summary: plan.summary ?? "",
    leadInstitution: str(plan.leadInstitutionId),
    budgetStatement: plan.budgetStatement ?? "",
    civilSocietyParticipation: plan.civilSocietyParticipation ?? "",
    statusTolerance: toPoints(plan.statusTolerance),
    statusAtRiskShare: toPoints(plan.statusAtRiskShare),
  };
}

function planContext(db: Db, plan: s.Plan | null): PlanFormContext {
  return {
    creating: plan === null,
    institutions: institutionChoices(db).map(({ id, countryCode }) => ({ id, countryCode })),
    ...(plan ? { countryCode: plan.countryCode } : {}),
  };
}

/**
 * Admins: the plan form, empty (slug null: a new plan, with usual defaults) or with a plan's
 * details. Null when there is no such plan.
 */
export function getPlanForm(viewer: Viewer, slug: string | null): PlanFormData | null {
  assertAllowed(viewer, "framework.manage");
  const db = getDb();
  const plan = slug ? db.select().from(s.plans).where(eq(s.plans.slug, slug)).get() : null;
  if (slug && !plan) return null;
  const year = new Date().getUTCFullYear();
  const values: Record<string, string> = plan
    ? planValues(plan)
    : {
        slug: "",
        countryCode: "",
        countryName: "",
        title: "",
        generation: "1",
        startYear: String(year),
        endYear: String(year + 4),
        currency: "",
        fiscalYearStartMonth: "1",
        pillarTerm: "pillar",
        pillarTermPlural: "pillars",
        originalLanguage: "en",
        summary: "",
        leadInstitution: "",
        budgetStatement: "",
        civilSocietyParticipation: "",
        statusTolerance: "10",
        statusAtRiskShare: "50",
      };
  return {
    plan: plan
      ? {
          slug: plan.slug,
          title: plan.title,
          status: plan.status,
          countryCode: plan.countryCode,
        }
      : null,
    context: planContext(db, plan ?? null),
    institutions: institutionChoices(db).map((i) => ({
      id: i.id,
      countryCode: i.countryCode,
      label: `${i.acronym}: ${i.name}`,
      active: i.active,
    })),
    values,
    pillarCount: plan
      ? count(db, sql`select count(*) as n from pillars where plan_id = ${plan.id}`)
      : 0,
  };
}

function parsePlan(
  db: Db,
  plan: s.Plan | null,
  values: Record<string, string>,
): SaveResult<{ input: PlanDetailsInput }> {
  const parsed = planDetailsSchema(planContext(db, plan)).safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  return { ok: true, input: parsed.data };
}

/** What the change log and audit log say about a plan's details. */
function planSnapshot(db: Db, p: PlanDetailsInput | s.Plan): Record<string, unknown> {
  const leadId = "leadInstitutionId" in p ? p.leadInstitutionId : null;
  const lead = leadId
    ? (db
        .select({ acronym: s.institutions.acronym })
        .from(s.institutions)
        .where(eq(s.institutions.id, leadId))
        .get()?.acronym ?? String(leadId))
    : null;
  return {
    countryName: p.countryName,
    title: p.title,
    generation: p.generation,
    startYear: p.startYear,
    endYear: p.endYear,
    currency: p.currency,
    fiscalYearStartMonth: p.fiscalYearStartMonth,
    pillarTerm: p.pillarTerm,
    pillarTermPlural: p.pillarTermPlural,
    originalLanguage: p.originalLanguage,
    summary: p.summary,
    lead,
    budgetStatement: p.budgetStatement,
    civilSocietyParticipation: p.civilSocietyParticipation,
    statusTolerance: p.statusTolerance,
    statusAtRiskShare: p.statusAtRiskShare,
  };
}

function planColumns(input: PlanDetailsInput) {
  const { slug: _slug, countryCode: _country, ...rest } = input;
  return rest;
}

/**
 * Admins: creates a plan from nothing, as a draft (nobody else sees it until it is activated),
 * with the sex dimension every plan offers (PRODUCT.md: "sex always available").
 */
export function createPlan(
  viewer: Viewer,
  values: Record<string, string>,
): SaveResult<{ slug: string }> {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const parsed = parsePlan(db, null, values);
    if (!parsed.ok) return parsed;
    const input = parsed.input;
    const taken = db
      .select({ id: s.plans.id })
      .from(s.plans)
      .where(eq(s.plans.slug, input.slug))
      .get();
    if (taken)
      return {
        ok: false as const,
        fieldErrors: { slug: ["Another plan has this address: choose another."] },
      };
    const plan = db
      .insert(s.plans)
      .values({
        slug: input.slug,
        countryCode: input.countryCode,
        ...planColumns(input),
        status: "draft",
      })
      .returning()
      .get();
    const sex = db
      .insert(s.dimensions)
      .values({ planId: plan.id, key: "sex", name: "Sex", position: 0 })
      .returning({ id: s.dimensions.id })
      .get().id;
    db.insert(s.dimensionCategories)
      .values([
        { dimensionId: sex, key: "female", label: "Women", position: 0 },
        { dimensionId: sex, key: "male", label: "Men", position: 1 },
      ])
      .run();
    const snapshot = {
      slug: input.slug,
      countryCode: input.countryCode,
      ...planSnapshot(db, input),
    };
    recordChanges(db, plan, admin.id, null, [
      {
        entityType: "plan",
        entityId: plan.id,
        entityLabel: input.title,
        field: "created",
        before: null,
        after: snapshot,
      },
    ]);
    recordAudit(db, {
      actor: actorOf(admin),
      action: "framework.plan.create",
      entityType: "plan",
      entityId: plan.id,
      after: snapshot,
    });
    return { ok: true as const, slug: plan.slug };
  });
}

/**
 * What would be left outside the plan's years if they became start…end: targets, baselines
 * after the end, approved values, action plans and reporting periods. Empty when nothing is.
 */
function outsideYears(db: Db, planId: number, start: number, end: number): string[] {
  const found: string[] = [];
  const targets = db.all<{ code: string; year: number }>(
    sql`select i.code, t.year from indicator_targets t join indicators i on i.id = t.indicator_id
         where i.plan_id = ${planId} and (t.year < ${start} or t.year > ${end}) order by i.code, t.year`,
  );
  if (targets.length)
    found.push(
      `${targets.length} ${targets.length === 1 ? "target" : "targets"} (${targets
        .slice(0, 5)
        .map((t) => `${t.code} ${t.year}`)
        .join(", ")}${targets.length > 5 ? " …" : ""})`,
    );
  const baselines = count(
    db,
    sql`select count(*) as n from indicators where plan_id = ${planId} and baseline_year > ${end}`,
  );
  if (baselines)
    found.push(`${baselines} ${baselines === 1 ? "baseline" : "baselines"} after ${end}`);
  const values = count(
    db,
    sql`select count(*) as n from observations o join indicators i on i.id = o.indicator_id
         where i.plan_id = ${planId} and (o.year < ${start} or o.year > ${end})`,
  );
  if (values) found.push(`${values} approved ${values === 1 ? "value" : "values"}`);
  const actionPlans = count(
    db,
    sql`select count(*) as n from action_plans where plan_id = ${planId} and (year < ${start} or year > ${end})`,
  );
  if (actionPlans)
    found.push(`${actionPlans} yearly action ${actionPlans === 1 ? "plan" : "plans"}`);
  const periods = db.all<{ code: string }>(
    sql`select code from reporting_periods where plan_id = ${planId}
         and (cast(substr(code, 1, 4) as integer) < ${start} or cast(substr(code, 1, 4) as integer) > ${end})
         order by code`,
  );
  if (periods.length)
    found.push(
      `${periods.length} reporting ${periods.length === 1 ? "period" : "periods"} (${periods
        .slice(0, 5)
        .map((p) => p.code)
        .join(", ")}${periods.length > 5 ? " …" : ""})`,
    );
  return found;
}

/**
 * Admins: changes a plan's details (its address and country stay). Refused, with what is in
 * the way, when shrinking its years would leave targets, values, action plans or periods
 * outside them. Each changed field is a change-log row (public once the plan is active).
 */
export function updatePlanDetails(
  viewer: Viewer,
  slug: string,
  values: Record<string, string>,
): SaveResult<{ changes: number }> {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const parsed = parsePlan(db, plan, values);
    if (!parsed.ok) return parsed;
    const input = parsed.input;
    if (input.startYear > plan.startYear || input.endYear < plan.endYear) {
      const outside = outsideYears(db, plan.id, input.startYear, input.endYear);
      if (outside.length) {
        const message = `The plan's years cannot become ${input.startYear}–${input.endYear}: ${outside.join("; ")} lie outside them. Change or remove those first.`;
        return {
          ok: false as const,
          message,
          fieldErrors: {
            [input.startYear > plan.startYear ? "startYear" : "endYear"]: [message],
          },
        };
      }
    }
    const before = planSnapshot(db, plan);
    const after = planSnapshot(db, input);
    const label = input.title;
    const changes: ChangeRecord[] = Object.keys(after)
      .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      .map((field) => ({
        entityType: "plan",
        entityId: plan.id,
        entityLabel: label,
        field,
        before: before[field],
        after: after[field],
      }));
    if (changes.length === 0) return { ok: true as const, changes: 0 };
    db.update(s.plans)
      .set({ ...planColumns(input), updatedAt: new Date().toISOString() })
      .where(eq(s.plans.id, plan.id))
      .run();
    recordEdit(
      db,
      plan,
      admin,
      { action: "framework.plan.update", entityType: "plan", entityId: plan.id },
      changes,
    );
    return { ok: true as const, changes: changes.length };
  });
}

/**
 * Admins: draft → active (publishes the plan: the public sees it, and every later framework
 * change is in its public change log; refused without any pillar) or active → closed. Nothing
 * else: a published plan never goes back to draft.
 */
export function changePlanStatus(
  viewer: Viewer,
  slug: string,
  status: "active" | "closed",
): { status: s.Plan["status"] } {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const from = plan.status;
    if (status === "active" && from !== "draft")
      throw new AppError("CONFLICT", `Only a draft plan can be activated; this one is ${from}.`);
    if (status === "closed" && from !== "active")
      throw new AppError("CONFLICT", `Only an active plan can be closed; this one is ${from}.`);
    if (status === "active") {
      const pillars = count(db, sql`select count(*) as n from pillars where plan_id = ${plan.id}`);
      if (pillars === 0)
        throw new AppError(
          "CONFLICT",
          `This plan has no ${plan.pillarTermPlural} yet: add at least one before activating it.`,
        );
    }
    const now = new Date().toISOString();
    db.update(s.plans)
      .set({ status, updatedAt: now, ...(status === "active" ? { activatedAt: now } : {}) })
      .where(eq(s.plans.id, plan.id))
      .run();
    recordChanges(db, { id: plan.id, status }, admin.id, null, [
      {
        entityType: "plan",
        entityId: plan.id,
        entityLabel: plan.title,
        field: "status",
        before: from,
        after: status,
      },
    ]);
    recordAudit(db, {
      actor: actorOf(admin),
      action: status === "active" ? "framework.plan.activate" : "framework.plan.close",
      entityType: "plan",
      entityId: plan.id,
      before: { status: from },
      after: { status },
    });
    return { status };
  });
}

// ---------------------------------------------------------------------------------------------
// Pillars

function parseItem(values: Record<string, string>): SaveResult<{ input: StructureItemInput }> {
  const parsed = structureItemSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  return { ok: true, input: parsed.data };
}

const pillarLabel = (plan: s.Plan, number: number, title: string) =>
  `${capitalise(plan.pillarTerm)} ${number}: ${title}`;
const outputLabel = (code: string, title: string) => `Output ${code}: ${title}`;

export type PlanHead = {
  slug: string;
  title: string;
  status: s.Plan["status"];
  pillarTerm: string;
  pillarTermPlural: string;
};
const planHead = (plan: s.Plan): PlanHead => ({
  slug: plan.slug,
  title: plan.title,
  status: plan.status,
  pillarTerm: plan.pillarTerm,
  pillarTermPlural: plan.pillarTermPlural,
});

export type StructureItemForm = {
  plan: PlanHead;
  values: Record<string, string>;
};

/** Admins: a pillar's form values (number null: a new pillar); null when there is none. */
export function getPillarForm(
  viewer: Viewer,
  slug: string,
  number: number | null,
): (StructureItemForm & { number: number | null; outputs: number; indicators: number }) | null {
  assertAllowed(viewer, "framework.manage");
  const db = getDb();
  const plan = db.select().from(s.plans).where(eq(s.plans.slug, slug)).get();
  if (!plan) return null;
  const pillar =
    number === null
      ? null
      : (db
          .select()
          .from(s.pillars)
          .where(and(eq(s.pillars.planId, plan.id), eq(s.pillars.number, number)))
          .get() ?? null);
  if (number !== null && !pillar) return null;
  return {
    plan: planHead(plan),
    number,
    values: { title: pillar?.title ?? "", description: pillar?.description ?? "" },
    outputs: pillar
      ? count(db, sql`select count(*) as n from outputs where pillar_id = ${pillar.id}`)
      : 0,
    indicators: pillar
      ? count(db, sql`select count(*) as n from indicators where pillar_id = ${pillar.id}`)
      : 0,
  };
}

/** Admins: adds a pillar after the last one. */
export function createPillar(
  viewer: Viewer,
  slug: string,
  values: Record<string, string>,
): SaveResult<{ number: number }> {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const parsed = parseItem(values);
    if (!parsed.ok) return parsed;
    const last = db
      .select({ last: max(s.pillars.number) })
      .from(s.pillars)
      .where(eq(s.pillars.planId, plan.id))
      .get()?.last;
    const number = Math.max(last ?? 0, highestRetired(db, plan.id, "pillar", "")) + 1;
    claimCode(db, plan.id, "pillar", String(number), null);
    const id = db
      .insert(s.pillars)
      .values({ planId: plan.id, number, ...parsed.input })
      .returning({ id: s.pillars.id })
      .get().id;
    const after = { number, ...parsed.input };
    recordChanges(db, plan, admin.id, null, [
      {
        entityType: "pillar",
        entityId: id,
        entityLabel: pillarLabel(plan, number, parsed.input.title),
        field: "created",
        before: null,
        after,
      },
    ]);
    recordAudit(db, {
      actor: actorOf(admin),
      action: "framework.pillar.create",
      entityType: "pillar",
      entityId: id,
      after: { plan: plan.slug, ...after },
    });
    return { ok: true as const, number };
  });
}

/** One change record per differing field of a pillar or output. */
function itemChanges(
  entityType: "pillar" | "output",
  id: number,
  label: string,
  before: StructureItemInput,
  after: StructureItemInput,
): ChangeRecord[] {
  return (["title", "description"] as const)
    .filter((field) => before[field] !== after[field])
    .map((field) => ({
      entityType,
      entityId: id,
      entityLabel: label,
      field,
      before: before[field],
      after: after[field],
    }));
}

/** Admins: changes a pillar's title and description. */
export function updatePillar(
  viewer: Viewer,
  slug: string,
  number: number,
  values: Record<string, string>,
): SaveResult<{ changes: number }> {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const pillar = findPillar(db, plan, number);
    const parsed = parseItem(values);
    if (!parsed.ok) return parsed;
    const changes = itemChanges(
      "pillar",
      pillar.id,
      pillarLabel(plan, number, parsed.input.title),
      { title: pillar.title, description: pillar.description },
      parsed.input,
    );
    if (changes.length === 0) return { ok: true as const, changes: 0 };
    db.update(s.pillars)
      .set({ ...parsed.input, updatedAt: new Date().toISOString() })
      .where(eq(s.pillars.id, pillar.id))
      .run();
    recordEdit(
      db,
      plan,
      admin,
      { action: "framework.pillar.update", entityType: "pillar", entityId: pillar.id },
      changes,
    );
    return { ok: true as const, changes: changes.length };
  });
}

function pillarsOf(db: Db, planId: number) {
  return db
    .select({ id: s.pillars.id, number: s.pillars.number, title: s.pillars.title })
    .from(s.pillars)
    .where(eq(s.pillars.planId, planId))
    .orderBy(...pillarOrder)
    .all();
}

function pillarRenumberChanges(
  plan: s.Plan,
  rows: { id: number; title: string }[],
  moved: { id: number; before: number; after: number }[],
): ChangeRecord[] {
  return moved.map((m) => ({
    entityType: "pillar",
    entityId: m.id,
    entityLabel: pillarLabel(plan, m.after, rows.find((r) => r.id === m.id)?.title ?? ""),
    field: "number",
    before: m.before,
    after: m.after,
  }));
}

/**
 * Admins: deletes a pillar that has no outputs and no indicators (refused otherwise, saying
 * what is in the way); the pillars after it move up one number.
 */
export function deletePillar(
  viewer: Viewer,
  slug: string,
  number: number,
  rawReason?: string,
): { deleted: true } {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const pillar = findPillar(db, plan, number);
    const outputs = count(
      db,
      sql`select count(*) as n from outputs where pillar_id = ${pillar.id}`,
    );
    const indicators = count(
      db,
      sql`select count(*) as n from indicators where pillar_id = ${pillar.id}`,
    );
    if (outputs || indicators) {
      const parts = [
        outputs ? `${outputs} ${outputs === 1 ? "output" : "outputs"}` : null,
        indicators ? `${indicators} ${indicators === 1 ? "indicator" : "indicators"}` : null,
      ].filter(Boolean);
      throw new AppError(
        "CONFLICT",
        `${capitalise(plan.pillarTerm)} ${number} still has ${parts.join(" and ")}: delete or move them first.`,
      );
    }
    const reason = requireReason(plan, rawReason, `delete ${plan.pillarTerm} ${number}`);
    const label = pillarLabel(plan, number, pillar.title);
    db.delete(s.pillars).where(eq(s.pillars.id, pillar.id)).run();
    const rest = pillarsOf(db, plan.id);
    // A published plan keeps the others' numbers: the deleted one's address says "removed".
    const moved =
      plan.status === "draft"
        ? renumber(
            db,
            s.pillars,
            rest.map((r) => r.id),
            new Map(rest.map((r) => [r.id, r.number])),
          )
        : [];
    retireCode(db, plan, "pillar", String(number), pillar.id, label, { reason });
    recordChanges(db, plan, admin.id, reason, [
      {
        entityType: "pillar",
        entityId: pillar.id,
        entityLabel: label,
        field: "deleted",
        before: { number, title: pillar.title, description: pillar.description },
        after: null,
      },
      ...pillarRenumberChanges(plan, rest, moved),
    ]);
    recordAudit(db, {
      actor: actorOf(admin),
      action: "framework.pillar.delete",
      entityType: "pillar",
      entityId: pillar.id,
      before: { plan: plan.slug, number, title: pillar.title, description: pillar.description },
      after: { renumbered: moved },
      reason,
    });
    return { deleted: true as const };
  });
}

/** Moves one item of `rows` (in order) one place up or down; the new order of ids, or null at an end. */
const reordered = <T extends { id: number }>(rows: T[], id: number, direction: "up" | "down") =>
  moveInList(rows, id, direction)?.order.map((r) => r.id) ?? null;

/**
 * Admins: swaps a pillar with the one above or below it. In a draft their numbers (the order)
 * swap; in a published plan, with a reason, only the display order does.
 */
export function movePillar(
  viewer: Viewer,
  slug: string,
  number: number,
  direction: "up" | "down",
  rawReason?: string,
): { moved: boolean } {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const pillar = findPillar(db, plan, number);
    const rows = pillarsOf(db, plan.id);
    const order = reordered(rows, pillar.id, direction);
    if (!order) return { moved: false };
    if (plan.status !== "draft") {
      const reason = requireReason(plan, rawReason, `move ${plan.pillarTerm} ${number}`);
      reposition(db, s.pillars, order);
      const changes: ChangeRecord[] = rows
        .map((r, from) => ({ r, from, to: order.indexOf(r.id) }))
        .filter(({ from, to }) => from !== to)
        .map(({ r, from, to }) => ({
          entityType: "pillar",
          entityId: r.id,
          entityLabel: pillarLabel(plan, r.number, r.title),
          field: "order",
          before: from + 1,
          after: to + 1,
        }));
      recordChanges(db, plan, admin.id, reason, changes);
      recordAudit(db, {
        actor: actorOf(admin),
        action: "framework.pillar.move",
        entityType: "pillar",
        entityId: pillar.id,
        before: Object.fromEntries(changes.map((c) => [`pillar ${c.entityId}`, c.before])),
        after: Object.fromEntries(changes.map((c) => [`pillar ${c.entityId}`, c.after])),
        reason,
      });
      return { moved: true };
    }
    const moved = renumber(db, s.pillars, order, new Map(rows.map((r) => [r.id, r.number])));
    const changes = pillarRenumberChanges(plan, rows, moved);
    recordChanges(db, plan, admin.id, null, changes);
    recordAudit(db, {
      actor: actorOf(admin),
      action: "framework.pillar.move",
      entityType: "pillar",
      entityId: pillar.id,
      before: Object.fromEntries(moved.map((m) => [`pillar ${m.id}`, m.before])),
      after: Object.fromEntries(moved.map((m) => [`pillar ${m.id}`, m.after])),
    });
    return { moved: true };
  });
}

// ---------------------------------------------------------------------------------------------
// Outputs

function outputsOf(db: Db, pillarId: number) {
  return db
    .select({ id: s.outputs.id, number: s.outputs.number, title: s.outputs.title })
    .from(s.outputs)
    .where(eq(s.outputs.pillarId, pillarId))
    .orderBy(...outputOrder)
    .all();
}

export type OutputForm = StructureItemForm & {
  code: string | null;
  pillar: { number: number; title: string };
  pillars: { number: number; title: string }[];
  responsibility: ResponsibilityForm | null;
};

export type ResponsibilityForm = {
  institutions: { id: number; label: string; active: boolean }[];
  values: Record<string, string>;
};

/** The institutions an output's lead and supporters are chosen from: the plan's country's active ones, plus any already assigned. */
function responsibilityChoices(db: Db, plan: s.Plan, outputId: number | null) {
  const assigned = outputId
    ? db
        .select({ id: s.outputInstitutions.institutionId })
        .from(s.outputInstitutions)
        .where(eq(s.outputInstitutions.outputId, outputId))
        .all()
        .map((r) => r.id)
    : [];
  return db
    .select({
      id: s.institutions.id,
      acronym: s.institutions.acronym,
      name: s.institutions.name,
      active: s.institutions.active,
    })
    .from(s.institutions)
    .where(eq(s.institutions.countryCode, plan.countryCode))
    .orderBy(asc(s.institutions.acronym))
    .all()
    .filter((i) => i.active || assigned.includes(i.id));
}

function responsibilitiesOf(db: Db, outputId: number) {
  return db
    .select({
      id: s.outputInstitutions.institutionId,
      role: s.outputInstitutions.role,
      acronym: s.institutions.acronym,
    })
    .from(s.outputInstitutions)
    .innerJoin(s.institutions, eq(s.institutions.id, s.outputInstitutions.institutionId))
    .where(eq(s.outputInstitutions.outputId, outputId))
    .orderBy(asc(s.institutions.acronym))
    .all();
}

/**
 * Admins: an output's form (code null: a new output under `pillarNumber`) with, for an existing
 * one, its responsibility form. Null when the plan, pillar or output does not exist.
 */
export function getOutputForm(
  viewer: Viewer,
  slug: string,
  code: string | null,
  pillarNumber?: number,
): OutputForm | null {
  assertAllowed(viewer, "framework.manage");
  const db = getDb();
  const plan = db.select().from(s.plans).where(eq(s.plans.slug, slug)).get();
  if (!plan) return null;
  const pillars = pillarsOf(db, plan.id);
  let pillar: { number: number; title: string; id: number } | undefined;
  let output: s.Output | null = null;
  if (code) {
    const [p, o] = code.split(".").map(Number);
    pillar = pillars.find((x) => x.number === p);
    output = pillar
      ? (db
          .select()
          .from(s.outputs)
          .where(and(eq(s.outputs.pillarId, pillar.id), eq(s.outputs.number, o ?? 0)))
          .get() ?? null)
      : null;
    if (!pillar || !output) return null;
  } else {
    pillar = pillars.find((x) => x.number === pillarNumber) ?? pillars[0];
    if (!pillar) return null;
  }
  let responsibility: ResponsibilityForm | null = null;
  if (output) {
    const current = responsibilitiesOf(db, output.id);
    const values: Record<string, string> = {
      lead: str(current.find((r) => r.role === "lead")?.id),
    };
    const choices = responsibilityChoices(db, plan, output.id);
    for (const i of choices)
      values[supportingField(i.id)] = current.some((r) => r.id === i.id && r.role === "supporting")
        ? "on"
        : "";
    responsibility = {
      institutions: choices.map((i) => ({
        id: i.id,
        label: `${i.acronym}: ${i.name}`,
        active: i.active,
      })),
      values,
    };
  }
  return {
    plan: planHead(plan),
    code,
    pillar: { number: pillar.number, title: pillar.title },
    pillars: pillars.map(({ number, title }) => ({ number, title })),
    values: {
      pillar: String(pillar.number),
      title: output?.title ?? "",
      description: output?.description ?? "",
    },
    responsibility,
  };
}

/** Admins: adds an output after the last one of a pillar. */
export function createOutput(
  viewer: Viewer,
  slug: string,
  pillarNumber: number,
  values: Record<string, string>,
): SaveResult<{ code: string }> {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const pillar = findPillar(db, plan, pillarNumber);
    const parsed = parseItem(values);
    if (!parsed.ok) return parsed;
    const last = db
      .select({ last: max(s.outputs.number) })
      .from(s.outputs)
      .where(eq(s.outputs.pillarId, pillar.id))
      .get()?.last;
    const number =
      Math.max(last ?? 0, highestRetired(db, plan.id, "output", `${pillar.number}.`)) + 1;
    const code = `${pillar.number}.${number}`;
    claimCode(db, plan.id, "output", code, null);
    const id = db
      .insert(s.outputs)
      .values({ pillarId: pillar.id, number, ...parsed.input })
      .returning({ id: s.outputs.id })
      .get().id;
    const after = { code, ...parsed.input };
    recordChanges(db, plan, admin.id, null, [
      {
        entityType: "output",
        entityId: id,
        entityLabel: outputLabel(code, parsed.input.title),
        field: "created",
        before: null,
        after,
      },
    ]);
    recordAudit(db, {
      actor: actorOf(admin),
      action: "framework.output.create",
      entityType: "output",
      entityId: id,
      after: { plan: plan.slug, ...after },
    });
    return { ok: true as const, code };
  });
}

/** Admins: changes an output's title and description. */
export function updateOutput(
  viewer: Viewer,
  slug: string,
  code: string,
  values: Record<string, string>,
): SaveResult<{ changes: number }> {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const { output } = findOutput(db, plan, code);
    const parsed = parseItem(values);
    if (!parsed.ok) return parsed;
    const changes = itemChanges(
      "output",
      output.id,
      outputLabel(code, parsed.input.title),
      { title: output.title, description: output.description },
      parsed.input,
    );
    if (changes.length === 0) return { ok: true as const, changes: 0 };
    db.update(s.outputs)
      .set({ ...parsed.input, updatedAt: new Date().toISOString() })
      .where(eq(s.outputs.id, output.id))
      .run();
    recordEdit(
      db,
      plan,
      admin,
      { action: "framework.output.update", entityType: "output", entityId: output.id },
      changes,
    );
    return { ok: true as const, changes: changes.length };
  });
}

function outputRenumberChanges(
  pillarNumber: number,
  rows: { id: number; title: string }[],
  moved: { id: number; before: number; after: number }[],
): ChangeRecord[] {
  return moved.map((m) => ({
    entityType: "output",
    entityId: m.id,
    entityLabel: outputLabel(
      `${pillarNumber}.${m.after}`,
      rows.find((r) => r.id === m.id)?.title ?? "",
    ),
    field: "number",
    before: `${pillarNumber}.${m.before}`,
    after: `${pillarNumber}.${m.after}`,
  }));
}

/**
 * Admins: deletes an output nothing refers to: no indicators, milestones, activities of action
 * plans, ratings in progress reports or civil-society observations (refused otherwise, saying
 * what). Its responsibility rows go with it; the outputs after it move up one number.
 */
export function deleteOutput(
  viewer: Viewer,
  slug: string,
  code: string,
  rawReason?: string,
): { deleted: true } {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const { pillar, output } = findOutput(db, plan, code);
    const uses: [number, string, string][] = [
      [
        count(db, sql`select count(*) as n from indicators where output_id = ${output.id}`),
        "indicator",
        "indicators",
      ],
      [
        count(db, sql`select count(*) as n from milestones where output_id = ${output.id}`),
        "milestone",
        "milestones",
      ],
      [
        count(db, sql`select count(*) as n from activities where output_id = ${output.id}`),
        "action-plan activity",
        "action-plan activities",
      ],
      [
        count(
          db,
          sql`select count(*) as n from action_plan_version_activities where output_id = ${output.id}`,
        ),
        "activity of an approved action-plan version",
        "activities of approved action-plan versions",
      ],
      [
        count(db, sql`select count(*) as n from output_ratings where output_id = ${output.id}`),
        "rating in a progress report",
        "ratings in progress reports",
      ],
      [
        count(
          db,
          sql`select count(*) as n from shadow_observations where output_id = ${output.id}`,
        ),
        "civil-society observation",
        "civil-society observations",
      ],
    ];
    const found = uses
      .filter(([n]) => n > 0)
      .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
    if (found.length)
      throw new AppError(
        "CONFLICT",
        `Output ${code} cannot be deleted: ${found.join(", ")} refer to it.`,
      );
    const reason = requireReason(plan, rawReason, `delete output ${code}`);
    const responsibilities = responsibilitiesOf(db, output.id);
    const label = outputLabel(code, output.title);
    db.delete(s.outputs).where(eq(s.outputs.id, output.id)).run();
    const rest = outputsOf(db, pillar.id);
    const moved =
      plan.status === "draft"
        ? renumber(
            db,
            s.outputs,
            rest.map((r) => r.id),
            new Map(rest.map((r) => [r.id, r.number])),
          )
        : [];
    retireCode(db, plan, "output", code, output.id, label, { reason });
    const before = {
      code,
      title: output.title,
      description: output.description,
      lead: responsibilities.find((r) => r.role === "lead")?.acronym ?? null,
      supporting: responsibilities.filter((r) => r.role === "supporting").map((r) => r.acronym),
    };
    recordChanges(db, plan, admin.id, reason, [
      {
        entityType: "output",
        entityId: output.id,
        entityLabel: label,
        field: "deleted",
        before,
        after: null,
      },
      ...outputRenumberChanges(pillar.number, rest, moved),
    ]);
    recordAudit(db, {
      actor: actorOf(admin),
      action: "framework.output.delete",
      entityType: "output",
      entityId: output.id,
      before: { plan: plan.slug, ...before },
      after: { renumbered: moved },
      reason,
    });
    return { deleted: true as const };
  });
}

/**
 * Admins: swaps an output with the one above or below it within its pillar: in a draft their
 * numbers, in a published plan (with a reason) the display order only.
 */
export function moveOutput(
  viewer: Viewer,
  slug: string,
  code: string,
  direction: "up" | "down",
  rawReason?: string,
): { moved: boolean } {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const { pillar, output } = findOutput(db, plan, code);
    const rows = outputsOf(db, pillar.id);
    const order = reordered(rows, output.id, direction);
    if (!order) return { moved: false };
    if (plan.status !== "draft") {
      const reason = requireReason(plan, rawReason, `move output ${code}`);
      reposition(db, s.outputs, order);
      const changes: ChangeRecord[] = rows
        .map((r, from) => ({ r, from, to: order.indexOf(r.id) }))
        .filter(({ from, to }) => from !== to)
        .map(({ r, from, to }) => ({
          entityType: "output",
          entityId: r.id,
          entityLabel: outputLabel(`${pillar.number}.${r.number}`, r.title),
          field: "order",
          before: from + 1,
          after: to + 1,
        }));
      recordChanges(db, plan, admin.id, reason, changes);
      recordAudit(db, {
        actor: actorOf(admin),
        action: "framework.output.move",
        entityType: "output",
        entityId: output.id,
        before: Object.fromEntries(changes.map((c) => [`output ${c.entityId}`, c.before])),
        after: Object.fromEntries(changes.map((c) => [`output ${c.entityId}`, c.after])),
        reason,
      });
      return { moved: true };
    }
    const moved = renumber(db, s.outputs, order, new Map(rows.map((r) => [r.id, r.number])));
    recordChanges(db, plan, admin.id, null, outputRenumberChanges(pillar.number, rows, moved));
    recordAudit(db, {
      actor: actorOf(admin),
      action: "framework.output.move",
      entityType: "output",
      entityId: output.id,
      before: Object.fromEntries(
        moved.map((m) => [`output ${m.id}`, `${pillar.number}.${m.before}`]),
      ),
      after: Object.fromEntries(
        moved.map((m) => [`output ${m.id}`, `${pillar.number}.${m.after}`]),
      ),
    });
    return { moved: true };
  });
}

// ---------------------------------------------------------------------------------------------
// The responsibility matrix

/**
 * Admins: sets an output's lead (at most one) and supporting institutions, chosen among the
 * plan's country's institutions; an institution is never both. Reports and action plans
 * follow the matrix (lib/reports/expected.ts). Writes nothing when nothing changed.
 */
export function setResponsibilities(
  viewer: Viewer,
  slug: string,
  code: string,
  values: Record<string, string>,
): SaveResult<{ changes: number }> {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const { output } = findOutput(db, plan, code);
    const choices = responsibilityChoices(db, plan, output.id);
    const parsed = responsibilitySchema(choices.map((i) => i.id)).safeParse(values);
    if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrorsOf(parsed.error) };
    const input: ResponsibilityInput = parsed.data;
    const acronym = (id: number) => choices.find((i) => i.id === id)?.acronym ?? String(id);
    const current = responsibilitiesOf(db, output.id);
    const before = {
      lead: current.find((r) => r.role === "lead")?.acronym ?? null,
      supporting: current.filter((r) => r.role === "supporting").map((r) => r.acronym),
    };
    const after = {
      lead: input.lead === null ? null : acronym(input.lead),
      supporting: input.supporting.map(acronym).sort(),
    };
    before.supporting.sort();
    const label = outputLabel(code, output.title);
    const changes: ChangeRecord[] = (["lead", "supporting"] as const)
      .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      .map((field) => ({
        entityType: "responsibility",
        entityId: output.id,
        entityLabel: label,
        field,
        before: before[field],
        after: after[field],
      }));
    if (changes.length === 0) return { ok: true as const, changes: 0 };
    db.delete(s.outputInstitutions).where(eq(s.outputInstitutions.outputId, output.id)).run();
    const rows = [
      ...(input.lead === null
        ? []
        : [{ outputId: output.id, institutionId: input.lead, role: "lead" as const }]),
      ...input.supporting.map((institutionId) => ({
        outputId: output.id,
        institutionId,
        role: "supporting" as const,
      })),
    ];
    if (rows.length) db.insert(s.outputInstitutions).values(rows).run();
    recordEdit(
      db,
      plan,
      admin,
      { action: "framework.responsibility.update", entityType: "output", entityId: output.id },
      changes,
    );
    return { ok: true as const, changes: changes.length };
  });
}

export type ResponsibilityMatrix = {
  plan: PlanHead;
  institutions: { id: number; acronym: string; name: string }[];
  pillars: {
    number: number;
    title: string;
    outputs: { code: string; title: string; roles: Record<number, "lead" | "supporting"> }[];
  }[];
};

/**
 * Admins: the plan's responsibility matrix, outputs by institutions (only institutions that
 * hold a role somewhere, by acronym); null when there is no such plan.
 */
export function getResponsibilityMatrix(viewer: Viewer, slug: string): ResponsibilityMatrix | null {
  assertAllowed(viewer, "framework.manage");
  const db = getDb();
  const plan = db.select().from(s.plans).where(eq(s.plans.slug, slug)).get();
  if (!plan) return null;
  const pillars = pillarsOf(db, plan.id);
  const outputs = pillars.length
    ? db
        .select({
          id: s.outputs.id,
          pillarId: s.outputs.pillarId,
          number: s.outputs.number,
          title: s.outputs.title,
        })
        .from(s.outputs)
        .where(
          inArray(
            s.outputs.pillarId,
            pillars.map((p) => p.id),
          ),
        )
        .orderBy(...outputOrder)
        .all()
    : [];
  const roles = outputs.length
    ? db
        .select({
          outputId: s.outputInstitutions.outputId,
          institutionId: s.outputInstitutions.institutionId,
          role: s.outputInstitutions.role,
          acronym: s.institutions.acronym,
          name: s.institutions.name,
        })
        .from(s.outputInstitutions)
        .innerJoin(s.institutions, eq(s.institutions.id, s.outputInstitutions.institutionId))
        .where(
          inArray(
            s.outputInstitutions.outputId,
            outputs.map((o) => o.id),
          ),
        )
        .all()
    : [];
  const institutions = [
    ...new Map(
      roles.map((r) => [
        r.institutionId,
        { id: r.institutionId, acronym: r.acronym, name: r.name },
      ]),
    ).values(),
  ].sort((a, b) => a.acronym.localeCompare(b.acronym));
  return {
    plan: planHead(plan),
    institutions,
    pillars: pillars.map((p) => ({
      number: p.number,
      title: p.title,
      outputs: outputs
        .filter((o) => o.pillarId === p.id)
        .map((o) => ({
          code: `${p.number}.${o.number}`,
          title: o.title,
          roles: Object.fromEntries(
            roles.filter((r) => r.outputId === o.id).map((r) => [r.institutionId, r.role]),
          ),
        })),
    })),
  };
}
