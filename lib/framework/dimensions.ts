/**
 * Editing a plan's disaggregation dimensions and their categories (admins, `framework.manage`).
 * Every write is one IMMEDIATE transaction with its change-log rows (entity "dimension"; the
 * dimension's own fields are `name`, `order`, `created`, `deleted`, a category's are prefixed
 * `category.`) and its audit event.
 *
 * Keys are stable: report values and observations name their cells by them
 * (`province=eastern;sex=female`, lib/reports/fields.ts), as do data files and the API. So a
 * category's key cannot change while any value uses it, and nothing that data, an indicator or
 * a child category (a district under its province) refers to can be deleted. Sex is always
 * there (PRODUCT.md). A category's parent belongs to an earlier dimension, and reordering keeps
 * it so.
 */
import "server-only";
import { and, asc, count, eq, inArray, max } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { assertAllowed } from "@/lib/auth/policy";
import type { SignedInViewer, Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { actorOf, immediate } from "@/lib/server/db";
import { type FieldErrors, fieldErrorsOf } from "@/lib/server/validation";
import { breakdownUses } from "./breakdown-uses";
import {
  type CategoryFormContext,
  categoryFormSchema,
  dimensionNameSchema,
  newDimensionSchema,
  SEX_KEY,
} from "./dimension-schema";
import { findPlan } from "./edit";
import { recordChanges } from "./edit-log";
import { moveInList } from "./edit-order";
import { assertCurrentVersion, versionOf } from "./edit-version";

type Dimension = typeof s.dimensions.$inferSelect;
type Category = typeof s.dimensionCategories.$inferSelect;

function dimensionsOf(db: Db, planId: number): Dimension[] {
  return db
    .select()
    .from(s.dimensions)
    .where(eq(s.dimensions.planId, planId))
    .orderBy(asc(s.dimensions.position), asc(s.dimensions.id))
    .all();
}

function categoriesOf(db: Db, dimensionIds: number[]): Category[] {
  if (dimensionIds.length === 0) return [];
  return db
    .select()
    .from(s.dimensionCategories)
    .where(inArray(s.dimensionCategories.dimensionId, dimensionIds))
    .orderBy(asc(s.dimensionCategories.position), asc(s.dimensionCategories.id))
    .all();
}

function findDimension(db: Db, planId: number, key: string): Dimension {
  const row = db
    .select()
    .from(s.dimensions)
    .where(and(eq(s.dimensions.planId, planId), eq(s.dimensions.key, key)))
    .get();
  if (!row) throw new AppError("NOT_FOUND", "This dimension was not found.");
  return row;
}

function findCategory(db: Db, dimensionId: number, key: string): Category {
  const row = db
    .select()
    .from(s.dimensionCategories)
    .where(
      and(eq(s.dimensionCategories.dimensionId, dimensionId), eq(s.dimensionCategories.key, key)),
    )
    .get();
  if (!row) throw new AppError("NOT_FOUND", "This category was not found.");
  return row;
}

function indicatorsUsing(db: Db, dimensionId: number): string[] {
  return db
    .select({ code: s.indicators.code })
    .from(s.indicatorDimensions)
    .innerJoin(s.indicators, eq(s.indicators.id, s.indicatorDimensions.indicatorId))
    .where(eq(s.indicatorDimensions.dimensionId, dimensionId))
    .orderBy(asc(s.indicators.position))
    .all()
    .map((r) => r.code);
}

const dimensionSnapshot = (d: Pick<Dimension, "key" | "name">) => ({ key: d.key, name: d.name });
const dimensionLabel = (d: Pick<Dimension, "name">) => `Dimension: ${d.name}`;
const categoryLabel = (d: Pick<Dimension, "name">, c: Pick<Category, "label">) =>
  `Dimension: ${d.name}, category ${c.label}`;

/** `province/eastern`: how a parent is named in plan files and the change log. */
function pathOf(db: Db, categoryId: number | null): string | null {
  if (categoryId === null) return null;
  const row = db
    .select({ key: s.dimensionCategories.key, dimension: s.dimensions.key })
    .from(s.dimensionCategories)
    .innerJoin(s.dimensions, eq(s.dimensions.id, s.dimensionCategories.dimensionId))
    .where(eq(s.dimensionCategories.id, categoryId))
    .get();
  return row ? `${row.dimension}/${row.key}` : String(categoryId);
}

const categorySnapshot = (db: Db, c: Pick<Category, "key" | "label" | "parentId">) => ({
  key: c.key,
  label: c.label,
  parent: pathOf(db, c.parentId),
});

/** Whether every category's parent sits in a dimension before its own, in this order. */
function parentsBefore(order: Dimension[], categories: Category[]): boolean {
  const rank = new Map(order.map((d, i) => [d.id, i]));
  const dimensionOf = new Map(categories.map((c) => [c.id, c.dimensionId]));
  return categories.every((c) => {
    if (c.parentId === null) return true;
    const parentDimension = dimensionOf.get(c.parentId);
    if (parentDimension === undefined) return true;
    return (rank.get(parentDimension) ?? 0) < (rank.get(c.dimensionId) ?? 0);
  });
}

type PlanHead = { slug: string; title: string; status: s.Plan["status"]; published: boolean };
const headOf = (plan: s.Plan): PlanHead => ({
  slug: plan.slug,
  title: plan.title,
  status: plan.status,
  published: plan.status !== "draft",
});

export type DimensionSummary = {
  key: string;
  name: string;
  categories: number;
  indicators: number;
  canMoveUp: boolean;
  canMoveDown: boolean;
};

/** Admins: a plan's dimensions in order; null when there is no such plan. */
export function listDimensions(
  viewer: Viewer,
  slug: string,
): { plan: PlanHead; dimensions: DimensionSummary[] } | null {
  assertAllowed(viewer, "framework.manage");
  const db = getDb();
  const plan = db.select().from(s.plans).where(eq(s.plans.slug, slug)).get();
  if (!plan) return null;
  const dims = dimensionsOf(db, plan.id);
  const cats = categoriesOf(
    db,
    dims.map((d) => d.id),
  );
  const canMove = (d: Dimension, direction: "up" | "down") => {
    const move = moveInList(dims, d.id, direction);
    return move !== null && parentsBefore(move.order, cats);
  };
  return {
    plan: headOf(plan),
    dimensions: dims.map((d) => ({
      key: d.key,
      name: d.name,
      categories: cats.filter((c) => c.dimensionId === d.id).length,
      indicators: indicatorsUsing(db, d.id).length,
      canMoveUp: canMove(d, "up"),
      canMoveDown: canMove(d, "down"),
    })),
  };
}

export type CategoryItem = {
  key: string;
  label: string;
  parent: string | null;
  canMoveUp: boolean;
  canMoveDown: boolean;
};

export type DimensionDetail = {
  plan: PlanHead;
  dimension: { key: string; name: string; version: string; isSex: boolean };
  categories: CategoryItem[];
  indicators: string[];
  values: number;
  /** Why it cannot be deleted, or null when it can. */
  deleteBlocked: string | null;
  /** Choices of parent for a category: categories of earlier dimensions. */
  parents: { value: string; label: string }[];
  categoryContext: CategoryFormContext;
};

function parentChoices(db: Db, dims: Dimension[], dimension: Dimension) {
  const before = dims.slice(
    0,
    Math.max(
      dims.findIndex((d) => d.id === dimension.id),
      0,
    ),
  );
  const cats = categoriesOf(
    db,
    before.map((d) => d.id),
  );
  return before.flatMap((d) =>
    cats
      .filter((c) => c.dimensionId === d.id)
      .map((c) => ({ value: String(c.id), label: `${d.name}: ${c.label}` })),
  );
}

function deleteBlockedReason(db: Db, plan: s.Plan, dimension: Dimension): string | null {
  if (dimension.key === SEX_KEY)
    return "Sex is always available for disaggregation and cannot be deleted.";
  const codes = indicatorsUsing(db, dimension.id);
  if (codes.length)
    return `Indicators ${codes.join(", ")} are broken down by it: untick it on them first.`;
  const values = breakdownUses(db, plan.id, { dimension: dimension.key });
  if (values)
    return `${values} reported or approved ${values === 1 ? "value uses" : "values use"} it.`;
  const own = categoriesOf(db, [dimension.id]).map((c) => c.id);
  const children = own.length
    ? (db
        .select({ n: count() })
        .from(s.dimensionCategories)
        .where(inArray(s.dimensionCategories.parentId, own))
        .get()?.n ?? 0)
    : 0;
  if (children)
    return `${children} ${children === 1 ? "category" : "categories"} of other dimensions sit under its categories.`;
  return null;
}

/** Admins: one dimension with its categories and what uses it; null when there is none. */
export function getDimension(viewer: Viewer, slug: string, key: string): DimensionDetail | null {
  assertAllowed(viewer, "framework.manage");
  const db = getDb();
  const plan = db.select().from(s.plans).where(eq(s.plans.slug, slug)).get();
  if (!plan) return null;
  const dims = dimensionsOf(db, plan.id);
  const dimension = dims.find((d) => d.key === key);
  if (!dimension) return null;
  const cats = categoriesOf(db, [dimension.id]);
  return {
    plan: headOf(plan),
    dimension: {
      key: dimension.key,
      name: dimension.name,
      version: versionOf(dimensionSnapshot(dimension)),
      isSex: dimension.key === SEX_KEY,
    },
    categories: cats.map((c, i) => ({
      key: c.key,
      label: c.label,
      parent: pathOf(db, c.parentId),
      canMoveUp: i > 0,
      canMoveDown: i < cats.length - 1,
    })),
    indicators: indicatorsUsing(db, dimension.id),
    values: breakdownUses(db, plan.id, { dimension: dimension.key }),
    deleteBlocked: deleteBlockedReason(db, plan, dimension),
    parents: parentChoices(db, dims, dimension),
    categoryContext: {
      takenKeys: cats.map((c) => c.key),
      parentIds: parentChoices(db, dims, dimension).map((p) => p.value),
      lockedKey: null,
    },
  };
}

export type CategoryForm = {
  plan: PlanHead;
  dimension: { key: string; name: string };
  category: { key: string; label: string };
  parents: { value: string; label: string }[];
  context: CategoryFormContext;
  values: Record<string, string>;
  /** Report values and observations that use the key. */
  usedBy: number;
  deleteBlocked: string | null;
};

function categoryDeleteBlocked(
  db: Db,
  plan: s.Plan,
  dimension: Dimension,
  category: Category,
): string | null {
  if (categoriesOf(db, [dimension.id]).length === 1)
    return "It is the dimension's only category: a dimension needs at least one (delete the dimension instead).";
  const used = breakdownUses(db, plan.id, { dimension: dimension.key, category: category.key });
  if (used)
    return `${used} reported or approved ${used === 1 ? "value uses" : "values use"} this category.`;
  const children = db
    .select({ label: s.dimensionCategories.label })
    .from(s.dimensionCategories)
    .where(eq(s.dimensionCategories.parentId, category.id))
    .all();
  if (children.length)
    return `${children.length === 1 ? "A category sits" : `${children.length} categories sit`} under it (${children
      .slice(0, 5)
      .map((c) => c.label)
      .join(", ")}${children.length > 5 ? " …" : ""}).`;
  return null;
}

function categoryContextFor(
  db: Db,
  plan: s.Plan,
  dims: Dimension[],
  dimension: Dimension,
  category: Category,
): CategoryFormContext {
  return {
    takenKeys: categoriesOf(db, [dimension.id])
      .filter((c) => c.id !== category.id)
      .map((c) => c.key),
    parentIds: parentChoices(db, dims, dimension).map((p) => p.value),
    lockedKey:
      breakdownUses(db, plan.id, { dimension: dimension.key, category: category.key }) > 0
        ? category.key
        : null,
  };
}

/** Admins: the form for one category; null when there is none. */
export function getCategoryForm(
  viewer: Viewer,
  slug: string,
  dimensionKey: string,
  categoryKey: string,
): CategoryForm | null {
  assertAllowed(viewer, "framework.manage");
  const db = getDb();
  const plan = db.select().from(s.plans).where(eq(s.plans.slug, slug)).get();
  if (!plan) return null;
  const dims = dimensionsOf(db, plan.id);
  const dimension = dims.find((d) => d.key === dimensionKey);
  if (!dimension) return null;
  const category = categoriesOf(db, [dimension.id]).find((c) => c.key === categoryKey);
  if (!category) return null;
  const context = categoryContextFor(db, plan, dims, dimension, category);
  return {
    plan: headOf(plan),
    dimension: { key: dimension.key, name: dimension.name },
    category: { key: category.key, label: category.label },
    parents: parentChoices(db, dims, dimension),
    context,
    values: {
      key: category.key,
      label: category.label,
      parent: category.parentId === null ? "" : String(category.parentId),
      version: versionOf(categorySnapshot(db, category)),
    },
    usedBy: breakdownUses(db, plan.id, { dimension: dimension.key, category: category.key }),
    deleteBlocked: categoryDeleteBlocked(db, plan, dimension, category),
  };
}

type Written =
  | { ok: true; key: string; version?: string }
  | { ok: false; fieldErrors: FieldErrors };

function audit(
  db: Db,
  admin: SignedInViewer,
  action: string,
  id: number,
  body: { before?: unknown; after?: unknown },
) {
  recordAudit(db, {
    actor: actorOf(admin),
    action: `framework.dimension.${action}`,
    entityType: "dimension",
    entityId: id,
    ...body,
  });
}

/** Admins: adds a dimension (key, name) at the end of the plan's list, with its first category. */
export function createDimension(
  viewer: Viewer,
  slug: string,
  values: Record<string, string>,
): Written {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const dims = dimensionsOf(db, plan.id);
    const parsed = newDimensionSchema({ takenKeys: dims.map((d) => d.key) }).safeParse(values);
    if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrorsOf(parsed.error) };
    const last = db
      .select({ last: max(s.dimensions.position) })
      .from(s.dimensions)
      .where(eq(s.dimensions.planId, plan.id))
      .get()?.last;
    const { key, name, categoryKey, categoryLabel } = parsed.data;
    const id = db
      .insert(s.dimensions)
      .values({ planId: plan.id, key, name, position: (last ?? -1) + 1 })
      .returning({ id: s.dimensions.id })
      .get().id;
    db.insert(s.dimensionCategories)
      .values({ dimensionId: id, key: categoryKey, label: categoryLabel, position: 0 })
      .run();
    const after = { key, name, categories: [categoryKey] };
    recordChanges(db, plan, admin.id, null, [
      {
        entityType: "dimension",
        entityId: id,
        entityLabel: dimensionLabel({ name }),
        field: "created",
        before: null,
        after,
      },
    ]);
    audit(db, admin, "create", id, { after: { plan: plan.slug, ...after } });
    return { ok: true as const, key };
  });
}

/** Admins: renames a dimension (its key never changes). Refused when the form is stale. */
export function renameDimension(
  viewer: Viewer,
  slug: string,
  key: string,
  values: Record<string, string>,
): Written {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const dimension = findDimension(db, plan.id, key);
    const version = versionOf(dimensionSnapshot(dimension));
    assertCurrentVersion(
      db,
      values.version,
      version,
      "this dimension",
      ["dimension"],
      dimension.id,
    );
    const parsed = dimensionNameSchema.safeParse(values);
    if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrorsOf(parsed.error) };
    const name = parsed.data.name;
    if (name === dimension.name) return { ok: true as const, key, version };
    db.update(s.dimensions).set({ name }).where(eq(s.dimensions.id, dimension.id)).run();
    recordChanges(db, plan, admin.id, null, [
      {
        entityType: "dimension",
        entityId: dimension.id,
        entityLabel: dimensionLabel({ name }),
        field: "name",
        before: dimension.name,
        after: name,
      },
    ]);
    audit(db, admin, "update", dimension.id, { before: { name: dimension.name }, after: { name } });
    return { ok: true as const, key, version: versionOf(dimensionSnapshot({ key, name })) };
  });
}

/**
 * Admins: moves a dimension one place up or down. Refused (VALIDATION) when a category would
 * then sit under a category of a later dimension (a district above its province).
 */
export function moveDimension(
  viewer: Viewer,
  slug: string,
  key: string,
  direction: "up" | "down",
): { moved: boolean } {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const dims = dimensionsOf(db, plan.id);
    const dimension = dims.find((d) => d.key === key);
    if (!dimension) throw new AppError("NOT_FOUND", "This dimension was not found.");
    const move = moveInList(dims, dimension.id, direction);
    if (!move) return { moved: false };
    if (
      !parentsBefore(
        move.order,
        categoriesOf(
          db,
          dims.map((d) => d.id),
        ),
      )
    )
      throw new AppError(
        "VALIDATION",
        "A dimension whose categories sit under another's (districts under provinces) stays after it.",
      );
    move.order.forEach((d, position) => {
      if (d.position !== position)
        db.update(s.dimensions).set({ position }).where(eq(s.dimensions.id, d.id)).run();
    });
    recordChanges(db, plan, admin.id, null, [
      {
        entityType: "dimension",
        entityId: dimension.id,
        entityLabel: dimensionLabel(dimension),
        field: "order",
        before: move.from + 1,
        after: move.to + 1,
      },
    ]);
    audit(db, admin, "move", dimension.id, {
      before: { order: move.from + 1 },
      after: { order: move.to + 1 },
    });
    return { moved: true };
  });
}

/** Admins: deletes a dimension and its categories when nothing uses it (CONFLICT otherwise). */
export function deleteDimension(
  viewer: Viewer,
  slug: string,
  key: string,
  values: { version?: string },
): { ok: true } {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const dimension = findDimension(db, plan.id, key);
    assertCurrentVersion(
      db,
      values.version,
      versionOf(dimensionSnapshot(dimension)),
      "this dimension",
      ["dimension"],
      dimension.id,
    );
    const blocked = deleteBlockedReason(db, plan, dimension);
    if (blocked)
      throw new AppError(
        "CONFLICT",
        `The dimension ${dimension.name} cannot be deleted. ${blocked}`,
      );
    const before = {
      ...dimensionSnapshot(dimension),
      categories: categoriesOf(db, [dimension.id]).map((c) => c.key),
    };
    db.delete(s.dimensions).where(eq(s.dimensions.id, dimension.id)).run();
    recordChanges(db, plan, admin.id, null, [
      {
        entityType: "dimension",
        entityId: dimension.id,
        entityLabel: dimensionLabel(dimension),
        field: "deleted",
        before,
        after: null,
      },
    ]);
    audit(db, admin, "delete", dimension.id, { before: { plan: plan.slug, ...before } });
    return { ok: true as const };
  });
}

/** Admins: adds a category (key, label, optional parent of an earlier dimension) at the end. */
export function createCategory(
  viewer: Viewer,
  slug: string,
  dimensionKey: string,
  values: Record<string, string>,
): Written {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const dims = dimensionsOf(db, plan.id);
    const dimension = findDimension(db, plan.id, dimensionKey);
    const own = categoriesOf(db, [dimension.id]);
    const parsed = categoryFormSchema({
      takenKeys: own.map((c) => c.key),
      parentIds: parentChoices(db, dims, dimension).map((p) => p.value),
      lockedKey: null,
    }).safeParse(values);
    if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrorsOf(parsed.error) };
    const { key, label, parent } = parsed.data;
    const position = own.reduce((m, c) => Math.max(m, c.position), -1) + 1;
    const id = db
      .insert(s.dimensionCategories)
      .values({ dimensionId: dimension.id, key, label, parentId: parent, position })
      .returning({ id: s.dimensionCategories.id })
      .get().id;
    const after = categorySnapshot(db, { key, label, parentId: parent });
    recordChanges(db, plan, admin.id, null, [
      {
        entityType: "dimension",
        entityId: dimension.id,
        entityLabel: categoryLabel(dimension, { label }),
        field: "category.created",
        before: null,
        after,
      },
    ]);
    audit(db, admin, "category.create", dimension.id, {
      after: { plan: plan.slug, dimension: dimension.key, categoryId: id, ...after },
    });
    return { ok: true as const, key };
  });
}

/**
 * Admins: changes a category's key, label or parent. The key stays while report values or
 * observations use it (the form says so); a stale form is refused (CONFLICT).
 */
export function updateCategory(
  viewer: Viewer,
  slug: string,
  dimensionKey: string,
  categoryKey: string,
  values: Record<string, string>,
): Written {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const dims = dimensionsOf(db, plan.id);
    const dimension = findDimension(db, plan.id, dimensionKey);
    const category = findCategory(db, dimension.id, categoryKey);
    const before = categorySnapshot(db, category);
    const version = versionOf(before);
    assertCurrentVersion(db, values.version, version, "this category", ["dimension"], dimension.id);
    const parsed = categoryFormSchema(
      categoryContextFor(db, plan, dims, dimension, category),
    ).safeParse(values);
    if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrorsOf(parsed.error) };
    const { key, label, parent } = parsed.data;
    const after = categorySnapshot(db, { key, label, parentId: parent });
    const fields = (["key", "label", "parent"] as const).filter((f) => before[f] !== after[f]);
    if (fields.length === 0) return { ok: true as const, key, version };
    db.update(s.dimensionCategories)
      .set({ key, label, parentId: parent })
      .where(eq(s.dimensionCategories.id, category.id))
      .run();
    recordChanges(
      db,
      plan,
      admin.id,
      null,
      fields.map((f) => ({
        entityType: "dimension" as const,
        entityId: dimension.id,
        entityLabel: categoryLabel(dimension, { label }),
        field: `category.${f}`,
        before: before[f],
        after: after[f],
      })),
    );
    audit(db, admin, "category.update", dimension.id, {
      before: {
        dimension: dimension.key,
        ...Object.fromEntries(fields.map((f) => [f, before[f]])),
      },
      after: { dimension: dimension.key, ...Object.fromEntries(fields.map((f) => [f, after[f]])) },
    });
    return { ok: true as const, key, version: versionOf(after) };
  });
}

/** Admins: moves a category one place up or down within its dimension. */
export function moveCategory(
  viewer: Viewer,
  slug: string,
  dimensionKey: string,
  categoryKey: string,
  direction: "up" | "down",
): { moved: boolean } {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const dimension = findDimension(db, plan.id, dimensionKey);
    const category = findCategory(db, dimension.id, categoryKey);
    const move = moveInList(categoriesOf(db, [dimension.id]), category.id, direction);
    if (!move) return { moved: false };
    move.order.forEach((c, position) => {
      if (c.position !== position)
        db.update(s.dimensionCategories)
          .set({ position })
          .where(eq(s.dimensionCategories.id, c.id))
          .run();
    });
    recordChanges(db, plan, admin.id, null, [
      {
        entityType: "dimension",
        entityId: dimension.id,
        entityLabel: categoryLabel(dimension, category),
        field: "category.order",
        before: move.from + 1,
        after: move.to + 1,
      },
    ]);
    audit(db, admin, "category.move", dimension.id, {
      before: { category: category.key, order: move.from + 1 },
      after: { category: category.key, order: move.to + 1 },
    });
    return { moved: true };
  });
}

/** Admins: deletes a category no value uses and no other category sits under (CONFLICT otherwise). */
export function deleteCategory(
  viewer: Viewer,
  slug: string,
  dimensionKey: string,
  categoryKey: string,
  values: { version?: string },
): { ok: true } {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const plan = findPlan(db, slug);
    const dimension = findDimension(db, plan.id, dimensionKey);
    const category = findCategory(db, dimension.id, categoryKey);
    const before = categorySnapshot(db, category);
    assertCurrentVersion(
      db,
      values.version,
      versionOf(before),
      "this category",
      ["dimension"],
      dimension.id,
    );
    const blocked = categoryDeleteBlocked(db, plan, dimension, category);
    if (blocked)
      throw new AppError(
        "CONFLICT",
        `The category ${category.label} cannot be deleted. ${blocked}`,
      );
    db.delete(s.dimensionCategories).where(eq(s.dimensionCategories.id, category.id)).run();
    recordChanges(db, plan, admin.id, null, [
      {
        entityType: "dimension",
        entityId: dimension.id,
        entityLabel: categoryLabel(dimension, category),
        field: "category.deleted",
        before,
        after: null,
      },
    ]);
    audit(db, admin, "category.delete", dimension.id, {
      before: { plan: plan.slug, dimension: dimension.key, ...before },
    });
    return { ok: true as const };
  });
}
