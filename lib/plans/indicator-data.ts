/**
 * An indicator's approved observations, for downloads: as JSON, and as CSV in the Open SDG
 * layout (Year, one column per disaggregation, Value; a blank disaggregation cell is the
 * headline total), the layout national statistics offices already publish.
 *
 * Only approved values exist in `observations`. Sensitive indicators (SGBV counts) have small
 * cells, and the cells that would give them away by subtraction, withheld from the public
 * (lib/plans/observations.ts): the JSON says so per row, the CSV leaves such rows out.
 */
import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { canReadUnpublished, type Viewer } from "@/lib/auth/viewer";
import type { IndicatorUnit } from "@/lib/domain/enums";
import { audienceOf, visibleStatuses } from "./data";
import { parseBreakdown, readObservations } from "./observations";
import { cachedRead } from "./public-cache";

export type IndicatorData = {
  plan: string;
  indicator: { code: string; title: string; unit: IndicatorUnit; sensitive: boolean };
  dimensions: { key: string; name: string }[];
  observations: {
    year: number;
    period: string;
    disaggregation: Record<string, string>;
    value: number | null;
    suppressed: boolean;
    provenance: string | null;
    approvedAt: string;
  }[];
};

export { parseBreakdown };

export function getIndicatorData(viewer: Viewer, slug: string, code: string): IndicatorData | null {
  return cachedRead(`indicator:${audienceOf(viewer)}:${slug}:${code}`, () =>
    computeIndicatorData(viewer, slug, code),
  );
}

function computeIndicatorData(viewer: Viewer, slug: string, code: string): IndicatorData | null {
  const db = getDb();
  const row = db
    .select({ indicator: s.indicators, plan: s.plans.slug })
    .from(s.indicators)
    .innerJoin(s.plans, eq(s.plans.id, s.indicators.planId))
    .where(
      and(
        eq(s.plans.slug, slug),
        eq(s.indicators.code, code),
        inArray(s.plans.status, [...visibleStatuses(viewer)]),
      ),
    )
    .get();
  if (!row) return null;
  const { indicator } = row;
  const dimensions = db
    .select({ id: s.dimensions.id, key: s.dimensions.key, name: s.dimensions.name })
    .from(s.indicatorDimensions)
    .innerJoin(s.dimensions, eq(s.dimensions.id, s.indicatorDimensions.dimensionId))
    .where(eq(s.indicatorDimensions.indicatorId, indicator.id))
    .orderBy(asc(s.dimensions.position))
    .all();
  const labels = new Map(
    (dimensions.length
      ? db
          .select({
            dimensionId: s.dimensionCategories.dimensionId,
            key: s.dimensionCategories.key,
            label: s.dimensionCategories.label,
          })
          .from(s.dimensionCategories)
          .where(
            inArray(
              s.dimensionCategories.dimensionId,
              dimensions.map((d) => d.id),
            ),
          )
          .all()
      : []
    ).map((c) => [`${dimensions.find((d) => d.id === c.dimensionId)?.key}=${c.key}`, c.label]),
  );
  const privileged = canReadUnpublished(viewer);
  const observations = readObservations(db, indicator, privileged).map((o) => {
    const pairs = parseBreakdown(o.breakdown);
    return {
      year: o.year,
      period: o.periodCode,
      disaggregation: Object.fromEntries(
        Object.entries(pairs).map(([dimension, category]) => [
          dimension,
          labels.get(`${dimension}=${category}`) ?? category,
        ]),
      ),
      value: o.value,
      suppressed: o.suppressed,
      provenance: o.provenance,
      approvedAt: o.approvedAt,
    };
  });
  return {
    plan: row.plan,
    indicator: {
      code: indicator.code,
      title: indicator.title,
      unit: indicator.unit,
      sensitive: indicator.sensitive,
    },
    dimensions: dimensions.map(({ key, name }) => ({ key, name })),
    observations,
  };
}

function csvCell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Open SDG layout: Year, the disaggregation columns (by name), Value; withheld cells left out. */
export function toOpenSdgCsv(data: IndicatorData): string {
  const header = ["Year", ...data.dimensions.map((d) => d.name), "Value"];
  const rows = data.observations
    .filter((o) => !o.suppressed && o.value !== null)
    .map((o) => [o.year, ...data.dimensions.map((d) => o.disaggregation[d.key] ?? ""), o.value]);
  return `${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\n")}\n`;
}
