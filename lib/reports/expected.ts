/**
 * Which institutions are expected to report for a plan: those responsible for at least one of
 * its indicators or milestones, or leading one of its outputs. Reminders, compliance figures and
 * the workspace all use this one definition.
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

export function expectedInstitutionIds(db: Pick<Db, "all">, planId: number): number[] {
  const rows = db.all<{ id: number }>(sql`
    select responsible_institution_id as id from indicators
      where plan_id = ${planId} and responsible_institution_id is not null
    union
    select m.responsible_institution_id from milestones m
      join outputs o on o.id = m.output_id
      join pillars p on p.id = o.pillar_id
      where p.plan_id = ${planId} and m.responsible_institution_id is not null
    union
    select oi.institution_id from output_institutions oi
      join outputs o on o.id = oi.output_id
      join pillars p on p.id = o.pillar_id
      where p.plan_id = ${planId} and oi.role = 'lead'
    order by 1`);
  return rows.map((row) => row.id);
}
