/**
 * The one way public code reads approved observations: every page, download, API answer and
 * status that shows an observation gets it from `readObservations`, which withholds the cells of
 * a sensitive indicator that the public may not see (lib/plans/disclosure.ts: small counts, and
 * the cells that would give them away by subtraction). Reviewers and admins see every value.
 */
import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { type CategoryParents, suppressTable, tableRelations } from "./disclosure";

/** Public pages hide counts of sensitive indicators below this (PRODUCT.md: SGBV counts). */
export const SMALL_CELL_THRESHOLD = 5;

type Observation = typeof s.observations.$inferSelect;
export type ReadObservation = Observation & { suppressed: boolean };

/** Parses a stored breakdown key (`province=east;sex=female`) into its pairs. */
export function parseBreakdown(breakdown: string): Record<string, string> {
  if (!breakdown) return {};
  return Object.fromEntries(
    breakdown.split(";").map((pair) => {
      const [dimension = "", category = ""] = pair.split("=");
      return [dimension, category];
    }),
  );
}

/** The parents of the categories of an indicator's dimensions (a district's province). */
function categoryParents(db: Db, indicatorId: number): CategoryParents {
  const rows = db
    .select({
      dimension: s.dimensions.key,
      category: s.dimensionCategories.key,
      parentId: s.dimensionCategories.parentId,
      id: s.dimensionCategories.id,
    })
    .from(s.indicatorDimensions)
    .innerJoin(s.dimensions, eq(s.dimensions.id, s.indicatorDimensions.dimensionId))
    .innerJoin(s.dimensionCategories, eq(s.dimensionCategories.dimensionId, s.dimensions.id))
    .where(eq(s.indicatorDimensions.indicatorId, indicatorId))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const parents = new Map<string, { dimension: string; category: string }>();
  for (const r of rows) {
    const parent = r.parentId === null ? undefined : byId.get(r.parentId);
    if (parent) parents.set(`${r.dimension}=${r.category}`, parent);
  }
  return parents;
}

/**
 * Marks the withheld cells of a sensitive indicator's observations, one table per period: each
 * period's cells are suppressed together, so no withheld cell follows from that period's
 * published totals, margins or other categories. Nothing is withheld for privileged readers or
 * indicators that are not sensitive. Withheld values are set to null.
 */
export function withholdCells(
  db: Db,
  indicator: { id: number; sensitive: boolean },
  rows: readonly Observation[],
  privileged: boolean,
): ReadObservation[] {
  if (privileged || !indicator.sensitive) return rows.map((o) => ({ ...o, suppressed: false }));
  const parents = categoryParents(db, indicator.id);
  const tables = new Map<string, Observation[]>();
  for (const o of rows) {
    if (o.value === null) continue;
    const key = `${o.year}\u0000${o.periodCode}`;
    tables.set(key, [...(tables.get(key) ?? []), o]);
  }
  const withheld = new Set<number>();
  for (const table of tables.values()) {
    const flags = suppressTable(
      table.map((o) => o.value as number),
      tableRelations(
        table.map((o) => parseBreakdown(o.breakdown)),
        parents,
      ),
      SMALL_CELL_THRESHOLD,
    );
    table.forEach((o, i) => {
      if (flags[i]) withheld.add(o.id);
    });
  }
  return rows.map((o) =>
    withheld.has(o.id)
      ? { ...o, value: null, valueText: null, suppressed: true }
      : { ...o, suppressed: false },
  );
}

/**
 * An indicator's approved observations as `privileged` (reviewers, admins) or the public may
 * see them, ordered by year, period and breakdown; `periods` limits them to some periods (each
 * period is still read whole, since suppression needs the whole table).
 */
export function readObservations(
  db: Db,
  indicator: { id: number; sensitive: boolean },
  privileged: boolean,
  periods?: { year: number; periodCode: string },
): ReadObservation[] {
  const rows = db
    .select()
    .from(s.observations)
    .where(
      and(
        eq(s.observations.indicatorId, indicator.id),
        ...(periods
          ? [
              eq(s.observations.year, periods.year),
              inArray(s.observations.periodCode, [periods.periodCode]),
            ]
          : []),
      ),
    )
    .orderBy(
      asc(s.observations.year),
      asc(s.observations.periodCode),
      asc(s.observations.breakdown),
    )
    .all();
  return withholdCells(db, indicator, rows, privileged);
}
