/**
 * The plan's public change log ("Changes to this plan"): written by the framework's editing
 * functions in the same transaction as each change, read by the public page. Only rows marked
 * public (the plan was published, active or closed, when the change was made) are ever read
 * back here, and without who made them: the log says what moved and why, not who typed it
 * (the admin-only audit log has that).
 */
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import * as s from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import type { SignedInViewer, Viewer } from "@/lib/auth/viewer";
import type { FRAMEWORK_ENTITY_TYPES } from "@/lib/domain/enums";
import { findVisiblePlan } from "@/lib/plans/data";

export type ChangeEntity = (typeof FRAMEWORK_ENTITY_TYPES)[number];

export type ChangeRecord = {
  entityType: ChangeEntity;
  entityId: number;
  entityLabel: string;
  field: string;
  before: unknown;
  after: unknown;
};

/** Writes one row per changed field; call inside the change's own transaction. */
export function recordChanges(
  db: Pick<Db, "insert">,
  plan: { id: number; status: s.Plan["status"] },
  actorId: number,
  reason: string | null,
  changes: ChangeRecord[],
): void {
  if (changes.length === 0) return;
  db.insert(s.frameworkChanges)
    .values(
      changes.map((change) => ({
        planId: plan.id,
        actorId,
        entityType: change.entityType,
        entityId: change.entityId,
        entityLabel: change.entityLabel.slice(0, 600),
        field: change.field,
        before: change.before ?? null,
        after: change.after ?? null,
        reason,
        public: plan.status !== "draft",
      })),
    )
    .run();
}

/**
 * An edit's two records in one step: its change-log rows and one audit event holding each
 * changed field's before and after (under the field's name). Call inside the edit's transaction.
 */
export function recordEdit(
  db: Pick<Db, "insert">,
  plan: { id: number; status: s.Plan["status"] },
  admin: SignedInViewer,
  event: { action: string; entityType: string; entityId: number; reason?: string | null },
  changes: ChangeRecord[],
): void {
  recordChanges(db, plan, admin.id, event.reason ?? null, changes);
  recordAudit(db, {
    actor: { id: admin.id, label: admin.email ?? `user:${admin.id}` },
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
    after: Object.fromEntries(changes.map((c) => [c.field, c.after])),
    ...(event.reason === undefined ? {} : { reason: event.reason }),
  });
}

export type PublicChange = {
  id: number;
  at: string;
  entityType: ChangeEntity;
  entityLabel: string;
  field: string;
  before: unknown;
  after: unknown;
  reason: string | null;
};

/**
 * Everyone: the public changes of a plan the viewer may read, newest first; null when the plan
 * does not exist for them (drafts answer null to the public, and have no public changes anyway).
 */
export function listPublicChanges(
  viewer: Viewer,
  slug: string,
): {
  plan: { slug: string; title: string; activatedAt: string | null };
  changes: PublicChange[];
} | null {
  const plan = findVisiblePlan(viewer, slug);
  if (!plan) return null;
  const changes = getDb()
    .select({
      id: s.frameworkChanges.id,
      at: s.frameworkChanges.at,
      entityType: s.frameworkChanges.entityType,
      entityLabel: s.frameworkChanges.entityLabel,
      field: s.frameworkChanges.field,
      before: s.frameworkChanges.before,
      after: s.frameworkChanges.after,
      reason: s.frameworkChanges.reason,
    })
    .from(s.frameworkChanges)
    .where(and(eq(s.frameworkChanges.planId, plan.id), eq(s.frameworkChanges.public, true)))
    .orderBy(desc(s.frameworkChanges.at), desc(s.frameworkChanges.id))
    .all();
  return {
    plan: { slug: plan.slug, title: plan.title, activatedAt: plan.activatedAt },
    changes,
  };
}
