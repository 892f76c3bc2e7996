/**
 * Writes audit events. Call it inside the same transaction as the change it records, so the
 * change and its record are committed together or not at all. The table refuses updates and
 * deletes (db/migrations/0001_audit_append_only.sql).
 */
import "server-only";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { logSecurityEvent } from "@/lib/log/logger";

export type AuditActor = { id: number | null; label: string };

export type AuditEvent = {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  ip?: string | null;
};

export const SYSTEM_ACTOR: AuditActor = { id: null, label: "system" };

export function recordAudit(db: Pick<Db, "insert">, event: AuditEvent): void {
  db.insert(auditEvents)
    .values({
      actorId: event.actor.id,
      actorLabel: event.actor.label.slice(0, 320),
      action: event.action,
      entityType: event.entityType,
      entityId:
        event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
      before: event.before ?? null,
      after: event.after ?? null,
      reason: event.reason ?? null,
      ip: event.ip ?? null,
    })
    .run();
  // Sign-ins and refusals also go to the operational log, by user id only.
  if (event.action.startsWith("auth.") || event.action.startsWith("authz.")) {
    const after = (event.after ?? {}) as { reason?: unknown; attempted?: unknown };
    logSecurityEvent(event.action, {
      userId: event.actor.id,
      entityType: event.entityType,
      reason: after.reason,
      attempted: after.attempted,
    });
  }
}
