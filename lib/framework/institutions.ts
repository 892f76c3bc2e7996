/**
 * Institutions (admins, `framework.manage`): the ministries, agencies and organisations of a
 * country that lead or support outputs and report progress. Not plan-specific: changes go to
 * the audit log only. Institutions are deactivated, never deleted (reports, users and the
 * responsibility matrix refer to them); an inactive one is no longer offered for new roles.
 */
import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import * as s from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { assertAllowed } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { actorOf, immediate } from "@/lib/server/db";
import { fieldErrorsOf } from "@/lib/server/validation";
import type { SaveResult } from "./structure";
import { type InstitutionInput, institutionSchema } from "./structure-schema";

export type InstitutionItem = {
  id: number;
  countryCode: string;
  acronym: string;
  name: string;
  kind: s.Institution["kind"];
  website: string | null;
  active: boolean;
  /** Outputs it leads or supports, in any plan. */
  roles: number;
};

/** Admins: every institution, by country and acronym, with how many outputs it has a role in. */
export function listInstitutions(viewer: Viewer): InstitutionItem[] {
  assertAllowed(viewer, "framework.manage");
  return getDb()
    .select({
      id: s.institutions.id,
      countryCode: s.institutions.countryCode,
      acronym: s.institutions.acronym,
      name: s.institutions.name,
      kind: s.institutions.kind,
      website: s.institutions.website,
      active: s.institutions.active,
      roles: sql<number>`(select count(*) from output_institutions oi where oi.institution_id = ${s.institutions.id})`,
    })
    .from(s.institutions)
    .orderBy(asc(s.institutions.countryCode), asc(s.institutions.acronym))
    .all();
}

/** Admins: one institution's form values; null when there is none. */
export function getInstitutionForm(viewer: Viewer, id: number): InstitutionItem | null {
  assertAllowed(viewer, "framework.manage");
  return listInstitutionsById(getDb(), id);
}

function listInstitutionsById(db: Db, id: number): InstitutionItem | null {
  return (
    db
      .select({
        id: s.institutions.id,
        countryCode: s.institutions.countryCode,
        acronym: s.institutions.acronym,
        name: s.institutions.name,
        kind: s.institutions.kind,
        website: s.institutions.website,
        active: s.institutions.active,
        roles: sql<number>`(select count(*) from output_institutions oi where oi.institution_id = ${s.institutions.id})`,
      })
      .from(s.institutions)
      .where(eq(s.institutions.id, id))
      .get() ?? null
  );
}

function acronymTaken(db: Db, input: InstitutionInput, exceptId: number | null): boolean {
  return (
    db
      .select({ id: s.institutions.id })
      .from(s.institutions)
      .where(
        and(
          eq(s.institutions.countryCode, input.countryCode),
          sql`lower(${s.institutions.acronym}) = lower(${input.acronym})`,
          exceptId === null ? undefined : ne(s.institutions.id, exceptId),
        ),
      )
      .get() !== undefined
  );
}

const TAKEN = {
  ok: false as const,
  fieldErrors: { acronym: ["Another institution of this country has this acronym."] },
};

/** Admins: adds an institution to a country. */
export function createInstitution(
  viewer: Viewer,
  values: Record<string, string>,
): SaveResult<{ id: number }> {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const parsed = institutionSchema({ creating: true }).safeParse(values);
    if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrorsOf(parsed.error) };
    const input = parsed.data;
    if (acronymTaken(db, input, null)) return TAKEN;
    const id = db
      .insert(s.institutions)
      .values({ ...input, active: true })
      .returning({ id: s.institutions.id })
      .get().id;
    recordAudit(db, {
      actor: actorOf(admin),
      action: "institution.create",
      entityType: "institution",
      entityId: id,
      after: input,
    });
    return { ok: true as const, id };
  });
}

/** Admins: changes an institution's acronym, name, kind and website (its country stays). */
export function updateInstitution(
  viewer: Viewer,
  id: number,
  values: Record<string, string>,
): SaveResult<{ changes: number }> {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const row = db.select().from(s.institutions).where(eq(s.institutions.id, id)).get();
    if (!row) throw new AppError("NOT_FOUND", "This institution was not found.");
    const parsed = institutionSchema({ creating: false, countryCode: row.countryCode }).safeParse(
      values,
    );
    if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrorsOf(parsed.error) };
    const input = parsed.data;
    if (acronymTaken(db, input, id)) return TAKEN;
    const fields = ["acronym", "name", "kind", "website"] as const;
    const changed = fields.filter((f) => row[f] !== input[f]);
    if (changed.length === 0) return { ok: true as const, changes: 0 };
    db.update(s.institutions)
      .set({ ...input, updatedAt: new Date().toISOString() })
      .where(eq(s.institutions.id, id))
      .run();
    recordAudit(db, {
      actor: actorOf(admin),
      action: "institution.update",
      entityType: "institution",
      entityId: id,
      before: Object.fromEntries(changed.map((f) => [f, row[f]])),
      after: Object.fromEntries(changed.map((f) => [f, input[f]])),
    });
    return { ok: true as const, changes: changed.length };
  });
}

/**
 * Admins: deactivates (no longer offered as an output's lead or supporter or an indicator's
 * responsible institution; the roles, reports and accounts it has stay) or reactivates an
 * institution.
 */
export function setInstitutionActive(
  viewer: Viewer,
  id: number,
  active: boolean,
): { changed: boolean } {
  const admin = assertAllowed(viewer, "framework.manage");
  return immediate((db) => {
    const row = db.select().from(s.institutions).where(eq(s.institutions.id, id)).get();
    if (!row) throw new AppError("NOT_FOUND", "This institution was not found.");
    if (row.active === active) return { changed: false };
    db.update(s.institutions)
      .set({ active, updatedAt: new Date().toISOString() })
      .where(eq(s.institutions.id, id))
      .run();
    recordAudit(db, {
      actor: actorOf(admin),
      action: active ? "institution.reactivate" : "institution.deactivate",
      entityType: "institution",
      entityId: id,
      before: { active: row.active },
      after: { active },
    });
    return { changed: true };
  });
}
