/** Reading the audit log: admins only. */
import "server-only";
import { and, desc, eq, gte, like, lte, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { assertAllowed } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";

export const auditFilterSchema = z.object({
  actor: z.string().trim().max(254).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  entity: z.string().trim().max(100).optional().catch(undefined),
  /** The record's number (with a record type: e.g. progress_report 38). */
  record: z.string().trim().max(100).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 200;

export function listAuditEvents(viewer: Viewer, filter: AuditFilter = {}) {
  assertAllowed(viewer, "audit.read");
  const where: SQL[] = [];
  if (filter.actor) where.push(like(auditEvents.actorLabel, `%${filter.actor}%`));
  if (filter.action) where.push(like(auditEvents.action, `${filter.action}%`));
  if (filter.entity) where.push(eq(auditEvents.entityType, filter.entity));
  if (filter.record) where.push(eq(auditEvents.entityId, filter.record));
  if (filter.from) where.push(gte(auditEvents.at, filter.from));
  if (filter.to) where.push(lte(auditEvents.at, `${filter.to}T23:59:59.999Z`));
  return getDb()
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actor: auditEvents.actorLabel,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
      reason: auditEvents.reason,
      ip: auditEvents.ip,
    })
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE)
    .all();
}
