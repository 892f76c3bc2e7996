/**
 * How many report values and approved observations of a plan's indicators name a dimension, or
 * one category of it, in their breakdown: the one count behind "this dimension (category) has
 * reported data", for the dimension editor (lib/framework/dimensions.ts) and the plan-file import
 * (lib/framework/plan-merge.ts).
 *
 * A breakdown key looks like `province=east;sex=female`. The match is exact: the key is wrapped
 * in `;` and searched with `instr`, never with `LIKE` (where `_` and `%` are wildcards, so
 * `age_group` would also count `age-group` figures and refuse an import wrongly), and a pair is
 * matched up to its `;`, so `east` never counts `eastern`.
 */
import { and, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";

/** What to count: every cell of a dimension, or the cells of one of its categories. */
export type BreakdownRef = { dimension: string; category?: string };

/** The text searched for inside `;` + breakdown + `;`. */
export function breakdownNeedle(ref: BreakdownRef): string {
  return ref.category === undefined ? `;${ref.dimension}=` : `;${ref.dimension}=${ref.category};`;
}

/** True when a breakdown key names the dimension (or category): the same rule in plain code. */
export function breakdownNames(breakdown: string, ref: BreakdownRef): boolean {
  return `;${breakdown};`.includes(breakdownNeedle(ref));
}

/** Report values plus approved observations of the plan's indicators whose breakdown names `ref`. */
export function breakdownUses(db: Db, planId: number, ref: BreakdownRef): number {
  const needle = breakdownNeedle(ref);
  const cell = (column: typeof s.reportValues.breakdown | typeof s.observations.breakdown) =>
    sql`instr(';' || ${column} || ';', ${needle}) > 0`;
  const reported =
    db
      .select({ n: count() })
      .from(s.reportValues)
      .innerJoin(s.indicators, eq(s.indicators.id, s.reportValues.indicatorId))
      .where(and(eq(s.indicators.planId, planId), cell(s.reportValues.breakdown)))
      .get()?.n ?? 0;
  const observed =
    db
      .select({ n: count() })
      .from(s.observations)
      .innerJoin(s.indicators, eq(s.indicators.id, s.observations.indicatorId))
      .where(and(eq(s.indicators.planId, planId), cell(s.observations.breakdown)))
      .get()?.n ?? 0;
  return reported + observed;
}
