/**
 * Editing the milestones under a plan's outputs (admins, `framework.manage`): add, edit,
 * reorder, delete. Like indicator edits (edit.ts), every write is one IMMEDIATE transaction
 * holding the change, its change-log rows (entity "milestone", one per changed field; public
 * when the plan is active or closed) and its audit event. A published plan's due-date change
 * and a deletion need a reason; a milestone that progress reports have updated cannot be
 * deleted (its history would point at nothing). Saves carry the version the form started
 * from (edit-version.ts).
 */
import "server-only";
import { and, asc, count, eq, max } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { assertAllowed } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import type { MilestoneStatus } from "@/lib/domain/enums";
import { AppError } from "@/lib/errors";
import { actorOf, immediate } from "@/lib/server/db";
import { type FieldErrors, fieldErrorsOf } from "@/lib/server/validation";
import { publishedReason } from "./addresses";
import { findPlan, institutionsOf } from "./edit";
import { type ChangeRecord, recordChanges, recordEdit } from "./edit-log";
import { moveInList } from "./edit-order";
import { assertCurrentVersion, versionOf } from "./edit-version";
import {
  type MilestoneFormContext,
  type MilestoneInput,
  milestoneFormSchema,
} from "./milestone-schema";
import { type MilestoneDisplayStatus, milestoneDisplayStatus } from "./milestone-status";

type OutputRef = { id: number; code: string; title: string };

function findOutput(db: Db, plan: s.Plan, code: string): OutputRef {
  const m = /^([1-9]\d{0,2})\.([1-9]\d{0,2})$/.exec(code);
  const row = m
    ? db
        .select({ id: s.outputs.id, title: s.outputs.title })
        .from(s.outputs)
        .innerJoin(s.pillars, eq(s.pillars.id, s.outputs.pillarId))
        .where(
          and(
            eq(s.pillars.planId, plan.id),
            eq(s.pillars.number, Number(m[1])),
            eq(s.outputs.number, Number(m[2])),
          ),
        )
        .get()
    : undefined;
  if (!row) throw new AppError("NOT_FOUND", "This output was not found.");
  return { id: row.id, code, title: row.title };
}

/** The milestone with its output, only if it belongs to this plan. */
function findMilestone(db: Db, plan: s.Plan, id: number) {
  const row = db
    .select({
      milestone: s.milestones,
      outputTitle: s.outputs.title,
      outputNumber: s.outputs.number,
      pillarNumber: s.pillars.number,
    })
    .from(s.milestones)
    .innerJoin(s.outputs, eq(s.outputs.id, s.milestones.outputId))
    .innerJoin(s.pillars, eq(s.pillars.id, s.outputs.pillarId))
    .where(and(eq(s.milestones.id, id), eq(s.pillars.planId, plan.id)))
    .get();
  if (!row) throw new AppError("NOT_FOUND", "This milestone was not found.");
  return {
    row: row.milestone,
    output: {
      id: row.milestone.outputId,
      code: `${row.pillarNumber}.${row.outputNumber}`,
      title: row.outputTitle,
    },
  };
}

type Snapshot = {
  title: string;
  description: string | null;
  dueDate: string;
  status: MilestoneStatus;
  responsible: string | null;
  illustrative: boolean;
};

function acronymLookup(db: Db, plan: s.Plan) {
  const list = institutionsOf(db, plan);
  return (id: number | null) =>
    id === null ? null : (list.find((i) => i.id === id)?.acronym ?? String(id));
}

function snapshotOf(
  m: Pick<s.Milestone, "title" | "description" | "dueDate" | "status" | "illustrative"> & {
    responsibleInstitutionId: number | null;
  },
  acronymOf: (id: number | null) => string | null,
): Snapshot {
  return {
    title: m.title,
    description: m.description,
    dueDate: m.dueDate,
    status: m.status,
    responsible: acronymOf(m.responsibleInstitutionId),
    illustrative: m.illustrative,
  };
}

const labelOf = (outputCode: string, title: string) => `Milestone ${outputCode}: ${title}`;

function contextFor(db: Db, plan: s.Plan, current: s.Milestone | null): MilestoneFormContext {
  return {
    startYear: plan.startYear,
    endYear: plan.endYear,
    published: plan.status !== "draft",
    institutionIds: institutionsOf(db, plan).map((i) => i.id),
    currentDueDate: current?.dueDate ?? null,
  };
}

export type MilestoneItem = {
  id: number;
  title: string;
  dueDate: string;
  /** As shown to the public: overdue once past due and not achieved or dropped. */
  status: MilestoneDisplayStatus;
  recordedStatus: MilestoneStatus;
  responsible: string | null;
  illustrative: boolean;
};

/** What a milestone form needs: its rules' context, the choices and the values to start from. */
export type MilestoneFormData = {
  plan: { slug: string; title: string; status: s.Plan["status"]; published: boolean };
  output: { code: string; title: string };
  context: MilestoneFormContext;
  institutions: { id: number; label: string }[];
  values: Record<string, string>;
};

function formData(
  db: Db,
  plan: s.Plan,
  output: OutputRef,
  milestone: s.Milestone | null,
): MilestoneFormData {
  const values: Record<string, string> = milestone
    ? {
        title: milestone.title,
        description: milestone.description ?? "",
        dueDate: milestone.dueDate,
        status: milestone.status,
        responsible:
          milestone.responsibleInstitutionId === null
            ? ""
            : String(milestone.responsibleInstitutionId),
        illustrative: milestone.illustrative ? "on" : "",
        reason: "",
        version: versionOf(snapshotOf(milestone, acronymLookup(db, plan))),
      }
    : {
        title: "",
        description: "",
        dueDate: "",
        status: "not_started",
        responsible: "",
        illustrative: "",
        reason: "",
      };
  return {
    plan: {
      slug: plan.slug,
      title: plan.title,
      status: plan.status,
      published: plan.status !== "draft",
    },
    output: { code: output.code, title: output.title },
    context: contextFor(db, plan, milestone),
    institutions: institutionsOf(db, plan).map((i) => ({
      id: i.id,
      label: `${i.acronym}: ${i.name}`,
    })),
    values,
  };
}

function milestonesOf(db: Db, outputId: number) {
  return db
    .select()
    .from(s.milestones)
    .where(eq(s.milestones.outputId, outputId))
    .orderBy(asc(s.milestones.position), asc(s.milestones.id))
    .all();
}

/**
 * Admins: an output's milestones in order, with the form for a new one. Null when the plan or
 * the output does not exist.
 */
export function getOutputMilestones(
  viewer: Viewer,
  slug: string,
  outputCode: string,
): { form: MilestoneFormData; milestones: MilestoneItem[] } | null {
  assertAllowed(viewer, "framework.manage");
  const db = getDb();
  const plan = db.select().from(s.plans).where(eq(s.plans.slug, slug)).get();
  if (!plan) return null;
  let output: OutputRef;
  try {
    output = findOutput(db, plan, outputCode);
  } catch {
    return null;
  }
  const acronymOf = acronymLookup(db, plan);
  return {
    form: formData(db, plan, output, null),
    milestones: milestonesOf(db, output.id).map((m) => ({
      id: m.id,
      title: m.title,
      dueDate: m.dueDate,
      // What the public page shows (overdue once past due and not achieved); the form keeps
      // the recorded status.
      status: milestoneDisplayStatus(m, new Date()),
      recordedStatus: m.status,
      responsible: acronymOf(m.responsibleInstitutionId),
      illustrative: m.illustrative,
    })),
  };
}

/** Admins: the form for one milestone of the plan; null when there is no such milestone. */
export function getMilestoneForm(
  viewer: Viewer,
  slug: string,
  id: number,
): (MilestoneFormData & { id: number; updates: number }) | null {
  assertAllowed(viewer, "framework.manage");
  const db = getDb();
  const plan = db.select().from(s.plans).where(eq(s.plans.slug, slug)).get();
  if (!plan) return null;
  let found: ReturnType<typeof findMilestone>;
  try {
    found = findMilestone(db, plan, id);
  } catch {
    return null;
  }
  return {
    ...formData(db, plan, found.output, found.row),
    id,
    updates: updatesOf(db, id),
  };
}

function updatesOf(db: Db, milestoneId: number): number {
  return (
    db
      .select({ n: count() })
      .from(s.milestoneUpdates)
      .where(eq(s.milestoneUpdates.milestoneId, milestoneId))
      .get()?.n ?? 0
  );
}

function parse(
  ctx: MilestoneFormContext,
  values: Record<string, string>,
): { ok: true; input: MilestoneInput } | { ok: false; fieldErrors: FieldErrors } {
  const parsed = milestoneFormSchema(ctx).safeParse(values);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
}

const columnsOf = (input: MilestoneInput) => ({
  title: input.title,
  description: input.description,
  dueDate: input.dueDate,
  status: input.status,
  responsibleInstitutionId: input.responsibleInstitutionId,
  illustrative: input.illustrative,
});

export type SaveMilestoneResult =
  | { ok: true; id: number; changes: number; version: string }
  | { ok: false; fieldErrors: FieldErrors };

/** Admins: adds a milestone at the end of an output's list; recorded as "created". */
export function createMilestone(
  viewer: Viewer,
  slug: string,
  outputCode: string,
  values: Record<string, string>,
): SaveMilestoneResult {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const output = findOutput(db, plan, outputCode);
    const parsed = parse(contextFor(db, plan, null), values);
    if (!parsed.ok) return parsed;
    const input = parsed.input;
    const last = db
      .select({ last: max(s.milestones.position) })
      .from(s.milestones)
      .where(eq(s.milestones.outputId, output.id))
      .get()?.last;
    const id = db
      .insert(s.milestones)
      .values({ outputId: output.id, ...columnsOf(input), position: (last ?? -1) + 1 })
      .returning({ id: s.milestones.id })
      .get().id;
    const snapshot = snapshotOf(input, acronymLookup(db, plan));
    recordChanges(db, plan, admin.id, input.reason, [
      {
        entityType: "milestone",
        entityId: id,
        entityLabel: labelOf(output.code, input.title),
        field: "created",
        before: null,
        after: snapshot,
      },
    ]);
    recordAudit(db, {
      actor: actorOf(admin),
      action: "framework.milestone.create",
      entityType: "milestone",
      entityId: id,
      after: { plan: plan.slug, output: output.code, ...snapshot },
      reason: input.reason,
    });
    return { ok: true as const, id, changes: 1, version: versionOf(snapshot) };
  });
}

/**
 * Admins: changes a milestone's fields. One change record per changed field, all with the
 * save's reason (required when a published plan's due date moves); nothing is written when
 * nothing changed. A form older than the milestone's last change is refused (CONFLICT).
 */
export function updateMilestone(
  viewer: Viewer,
  slug: string,
  id: number,
  values: Record<string, string>,
): SaveMilestoneResult {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const { row, output } = findMilestone(db, plan, id);
    const acronymOf = acronymLookup(db, plan);
    const before = snapshotOf(row, acronymOf);
    const version = versionOf(before);
    assertCurrentVersion(db, values.version, version, "this milestone", ["milestone"], id);
    const parsed = parse(contextFor(db, plan, row), values);
    if (!parsed.ok) return parsed;
    const input = parsed.input;
    const after = snapshotOf(input, acronymOf);
    const label = labelOf(output.code, input.title);
    const changes: ChangeRecord[] = (Object.keys(after) as (keyof Snapshot)[])
      .filter((field) => before[field] !== after[field])
      .map((field) => ({
        entityType: "milestone",
        entityId: id,
        entityLabel: label,
        field,
        before: before[field],
        after: after[field],
      }));
    if (changes.length === 0) return { ok: true as const, id, changes: 0, version };
    db.update(s.milestones)
      .set({ ...columnsOf(input), updatedAt: new Date().toISOString() })
      .where(eq(s.milestones.id, id))
      .run();
    recordEdit(
      db,
      plan,
      admin,
      {
        action: "framework.milestone.update",
        entityType: "milestone",
        entityId: id,
        reason: input.reason,
      },
      changes,
    );
    return { ok: true as const, id, changes: changes.length, version: versionOf(after) };
  });
}

/**
 * Admins: deletes a milestone no progress report has updated (CONFLICT otherwise: change its
 * status to "dropped" instead). In a published plan it needs a reason and the public change
 * log keeps a "deleted" record.
 */
export function deleteMilestone(
  viewer: Viewer,
  slug: string,
  id: number,
  values: { reason?: string; version?: string },
): { ok: true; outputCode: string } | { ok: false; fieldErrors: FieldErrors } {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const { row, output } = findMilestone(db, plan, id);
    const before = snapshotOf(row, acronymLookup(db, plan));
    assertCurrentVersion(
      db,
      values.version,
      versionOf(before),
      "this milestone",
      ["milestone"],
      id,
    );
    const updates = updatesOf(db, id);
    if (updates > 0)
      throw new AppError(
        "CONFLICT",
        `This milestone cannot be deleted: ${updates} progress ${updates === 1 ? "report has" : "reports have"} updated it. Set its status to "Dropped" instead, so its history stays readable.`,
      );
    const reason = publishedReason(
      values.reason,
      plan.status !== "draft",
      "This plan is published: say why this milestone is deleted. The public change log shows it.",
    );
    if (!reason.ok) return reason;
    db.delete(s.milestones).where(eq(s.milestones.id, id)).run();
    recordChanges(db, plan, admin.id, reason.reason, [
      {
        entityType: "milestone",
        entityId: id,
        entityLabel: labelOf(output.code, row.title),
        field: "deleted",
        before,
        after: null,
      },
    ]);
    recordAudit(db, {
      actor: actorOf(admin),
      action: "framework.milestone.delete",
      entityType: "milestone",
      entityId: id,
      before: { plan: plan.slug, output: output.code, ...before },
      reason: reason.reason,
    });
    return { ok: true as const, outputCode: output.code };
  });
}

/** Admins: moves a milestone one place up or down within its output; at either end it stays. */
export function moveMilestone(
  viewer: Viewer,
  slug: string,
  id: number,
  direction: "up" | "down",
): { moved: boolean } {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const { row, output } = findMilestone(db, plan, id);
    const move = moveInList(milestonesOf(db, output.id), id, direction);
    if (!move) return { moved: false };
    move.order.forEach((m, position) => {
      if (m.position !== position)
        db.update(s.milestones).set({ position }).where(eq(s.milestones.id, m.id)).run();
    });
    recordChanges(db, plan, admin.id, null, [
      {
        entityType: "milestone",
        entityId: id,
        entityLabel: labelOf(output.code, row.title),
        field: "order",
        before: move.from + 1,
        after: move.to + 1,
      },
    ]);
    recordAudit(db, {
      actor: actorOf(admin),
      action: "framework.milestone.move",
      entityType: "milestone",
      entityId: id,
      before: { order: move.from + 1 },
      after: { order: move.to + 1 },
    });
    return { moved: true };
  });
}
