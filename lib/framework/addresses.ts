/**
 * Stable public addresses of published plans (docs/architecture.md, "Stable public addresses"). Once a plan
 * is not a draft, the public codes of its pillars ("2"), outputs ("1.1") and indicators
 * ("1.1.a") are addresses people link to and cite, so:
 *
 * - reordering changes the display order only (`position`), never a number;
 * - deleting leaves a gap: no sibling is renumbered, and the deleted record's code is kept here
 *   as removed, with the reason, so its address answers "removed" (410), never another record;
 * - an indicator whose code is changed keeps its old code here, and the old address redirects
 *   (308) to the new one;
 * - a code listed here is never handed to another record (new pillars and outputs number past
 *   it; an indicator may not take it).
 *
 * Every write here happens in the caller's transaction, beside the change it records.
 */
import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import type { ADDRESS_KINDS } from "@/lib/domain/enums";
import { AppError, DetailedError } from "@/lib/errors";
import { checkReason } from "@/lib/server/validation";

export type AddressKind = (typeof ADDRESS_KINDS)[number];

/**
 * The rule for a reason on a published plan: the reason rule of the whole product (at least 5
 * characters besides spaces, lib/server/validation.ts), at most 1000. A draft needs none.
 */
export function publishedReason(
  raw: unknown,
  required: boolean,
  why: string,
): { ok: true; reason: string | null } | { ok: false; fieldErrors: Record<string, string[]> } {
  return checkReason(raw, required, why);
}

/** As publishedReason, for the steps that answer by throwing: a VALIDATION error with the field. */
export function requirePublishedReason(plan: s.Plan, raw: unknown, why: string): string | null {
  const reason = publishedReason(raw, plan.status !== "draft", why);
  if (!reason.ok)
    throw new DetailedError("VALIDATION", reason.fieldErrors.reason?.[0] ?? "Give a reason.", {
      fieldErrors: reason.fieldErrors,
    });
  return reason.reason;
}

/** Why `code` cannot be given to record `entityId` (null: a new one), or null when it can. */
export function codeRefusal(
  db: Db,
  planId: number,
  kind: AddressKind,
  code: string,
  entityId: number | null,
): string | null {
  const held = formerAddress(db, planId, kind, code);
  if (!held || (held.entityId === entityId && !held.removedAt)) return null;
  return `${code} was the code of "${held.label}" in this published plan${held.removedAt ? " (removed)" : ""}: a published code is never given to another record. Choose another.`;
}

/** The former holder of `code`, if the plan ever gave it to a record that no longer has it. */
export function formerAddress(db: Db, planId: number, kind: AddressKind, code: string) {
  return (
    db
      .select()
      .from(s.frameworkAddresses)
      .where(
        and(
          eq(s.frameworkAddresses.planId, planId),
          eq(s.frameworkAddresses.entityType, kind),
          eq(s.frameworkAddresses.code, code),
        ),
      )
      .get() ?? null
  );
}

/**
 * Keeps `code` as a former address of record `entityId` (moved: it lives on under another
 * code; removed: deleted, with the reason). Only for published plans.
 */
export function retireCode(
  db: Db,
  plan: s.Plan,
  kind: AddressKind,
  code: string,
  entityId: number,
  label: string,
  removed: { reason: string | null } | null,
): void {
  if (plan.status === "draft") return;
  const now = new Date().toISOString();
  const held = formerAddress(db, plan.id, kind, code);
  if (held && held.entityId !== entityId)
    throw new AppError("CONFLICT", `The address ${code} already belongs to another record.`);
  const row = {
    planId: plan.id,
    entityType: kind,
    code,
    entityId,
    label,
    at: now,
    removedAt: removed ? now : null,
    reason: removed?.reason ?? null,
  };
  if (held)
    db.update(s.frameworkAddresses).set(row).where(eq(s.frameworkAddresses.id, held.id)).run();
  else db.insert(s.frameworkAddresses).values(row).run();
  // A record deleted keeps every code it once had as removed, so each old address says so.
  if (removed)
    db.update(s.frameworkAddresses)
      .set({ removedAt: now, reason: removed.reason })
      .where(
        and(
          eq(s.frameworkAddresses.planId, plan.id),
          eq(s.frameworkAddresses.entityType, kind),
          eq(s.frameworkAddresses.entityId, entityId),
        ),
      )
      .run();
}

/**
 * Before record `entityId` (null: a new one) takes `code`: refused when the code was another
 * record's; when it was this record's own former code, it is simply current again.
 */
export function claimCode(
  db: Db,
  planId: number,
  kind: AddressKind,
  code: string,
  entityId: number | null,
): void {
  const refusal = codeRefusal(db, planId, kind, code, entityId);
  if (refusal) throw new DetailedError("CONFLICT", refusal, { fieldErrors: { code: [refusal] } });
  const held = formerAddress(db, planId, kind, code);
  if (held) db.delete(s.frameworkAddresses).where(eq(s.frameworkAddresses.id, held.id)).run();
}

/** Highest number among the retired codes under `prefix` ("" for pillars, "1." for outputs of pillar 1). */
export function highestRetired(db: Db, planId: number, kind: "pillar" | "output", prefix: string) {
  const rows = db
    .select({ code: s.frameworkAddresses.code })
    .from(s.frameworkAddresses)
    .where(and(eq(s.frameworkAddresses.planId, planId), eq(s.frameworkAddresses.entityType, kind)))
    .all();
  let highest = 0;
  for (const { code } of rows) {
    if (!code.startsWith(prefix)) continue;
    const rest = code.slice(prefix.length);
    if (/^\d+$/.test(rest)) highest = Math.max(highest, Number(rest));
  }
  return highest;
}

/** Former codes of every record of the plan still there: `${kind}:${id}` → codes, oldest first. */
export function formerCodesOf(db: Db, planId: number): Map<string, string[]> {
  const rows = db
    .select()
    .from(s.frameworkAddresses)
    .where(eq(s.frameworkAddresses.planId, planId))
    .orderBy(s.frameworkAddresses.at, s.frameworkAddresses.id)
    .all();
  const map = new Map<string, string[]>();
  for (const r of rows) {
    if (r.removedAt) continue;
    const key = `${r.entityType}:${r.entityId}`;
    map.set(key, [...(map.get(key) ?? []), r.code]);
  }
  return map;
}
