/**
 * Every row of one plan's framework, read in a handful of queries: the shared loader behind
 * the plan tree (pages, API) and the plan file export, so both always read the same thing.
 * No authorisation here: callers decide who may see the plan first.
 */
import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { outputOrder, pillarOrder } from "@/lib/plans/order";

export function loadFrameworkRows(db: Db, planId: number) {
  const pillars = db
    .select()
    .from(s.pillars)
    .where(eq(s.pillars.planId, planId))
    .orderBy(...pillarOrder)
    .all();
  const pillarIds = pillars.map((p) => p.id);
  const outputs = pillarIds.length
    ? db
        .select()
        .from(s.outputs)
        .where(inArray(s.outputs.pillarId, pillarIds))
        .orderBy(...outputOrder)
        .all()
    : [];
  const outputIds = outputs.map((o) => o.id);
  const matrix = outputIds.length
    ? db
        .select()
        .from(s.outputInstitutions)
        .where(inArray(s.outputInstitutions.outputId, outputIds))
        .all()
    : [];
  const milestones = outputIds.length
    ? db
        .select()
        .from(s.milestones)
        .where(inArray(s.milestones.outputId, outputIds))
        .orderBy(asc(s.milestones.position))
        .all()
    : [];
  const indicators = db
    .select()
    .from(s.indicators)
    .where(eq(s.indicators.planId, planId))
    .orderBy(asc(s.indicators.position))
    .all();
  const indicatorIds = indicators.map((i) => i.id);
  const targets = indicatorIds.length
    ? db
        .select()
        .from(s.indicatorTargets)
        .where(inArray(s.indicatorTargets.indicatorId, indicatorIds))
        .orderBy(asc(s.indicatorTargets.year))
        .all()
    : [];
  const dimensions = db
    .select()
    .from(s.dimensions)
    .where(eq(s.dimensions.planId, planId))
    .orderBy(asc(s.dimensions.position))
    .all();
  const dimensionIds = dimensions.map((d) => d.id);
  const categories = dimensionIds.length
    ? db
        .select()
        .from(s.dimensionCategories)
        .where(inArray(s.dimensionCategories.dimensionId, dimensionIds))
        .orderBy(asc(s.dimensionCategories.position))
        .all()
    : [];
  const indicatorDimensions = indicatorIds.length
    ? db
        .select()
        .from(s.indicatorDimensions)
        .where(inArray(s.indicatorDimensions.indicatorId, indicatorIds))
        .all()
    : [];
  return {
    pillars,
    outputs,
    matrix,
    milestones,
    indicators,
    targets,
    dimensions,
    categories,
    indicatorDimensions,
  };
}

/** The dimensions an indicator is broken down by, in the plan's order. */
export function dimensionsOf(rows: ReturnType<typeof loadFrameworkRows>, indicatorId: number) {
  return rows.indicatorDimensions
    .filter((link) => link.indicatorId === indicatorId)
    .map((link) => rows.dimensions.find((d) => d.id === link.dimensionId))
    .filter((d) => d !== undefined)
    .sort((a, b) => a.position - b.position);
}
