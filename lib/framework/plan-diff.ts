/**
 * What importing a plan file into an existing plan would change: a pure comparison of two plan
 * files, the plan as it is (exported, lib/framework/data.ts) and the uploaded one. No database:
 * lib/framework/plan-merge.ts adds what only the database knows (refusals, ids) and writes.
 *
 * How records are matched (their identity across the two files):
 * - pillars by number, outputs by pillar number + output number ("1.2"), indicators by code
 *   (anywhere in the plan, so an indicator may move to another output), dimensions by key,
 *   categories by dimension key + category key, institutions by acronym;
 * - milestones have no key in the file: within the same output, first by title, then the ones
 *   left over pair up by position (the 2nd unmatched milestone of the plan with the 2nd of the
 *   file is the same milestone retitled only when both are 2nd in their lists). Anything else is
 *   a removal plus an addition.
 * Order (of indicators in an output, milestones, dimensions, categories) follows the file; a
 * reordering is listed as one change of its parent.
 */

import type { FRAMEWORK_ENTITY_TYPES } from "@/lib/domain/enums";
import type { PlanFile } from "./plan-file";

export const CHANGE_LEVELS = [
  "plan",
  "institutions",
  "dimensions",
  "pillars",
  "outputs",
  "indicators",
  "milestones",
  "responsibilities",
] as const;
export type ChangeLevel = (typeof CHANGE_LEVELS)[number];

export type PlanChange = {
  level: ChangeLevel;
  kind: "added" | "changed" | "removed";
  /** The type of its row in the public change log; null for what is not logged there. */
  entityType: (typeof FRAMEWORK_ENTITY_TYPES)[number] | null;
  /**
   * The record, for the writer to find its id: `plan`, `institution:MFFE`, `dimension:sex`,
   * `category:sex/female`, `pillar:1`, `output:1.2`, `indicator:1.2.a`,
   * `milestone:1.2:old:0` (the plan's first milestone of 1.2) or `milestone:1.2:new:3`.
   */
  key: string;
  /** What people call it: "Output 1.2: …", "1.2.a Women in local councils". */
  label: string;
  /** `created`, `removed`, a field name, or for a target its year. */
  field: string;
  before: unknown;
  after: unknown;
  /** Where in the file (for a removal: the list it is missing from). */
  path: string;
};

type Indicator = PlanFile["pillars"][number]["outcomeIndicators"][number];
type Output = PlanFile["pillars"][number]["outputs"][number];
type Milestone = Output["milestones"][number];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Changes that need a reason once the plan is published (as the indicator form's rule). */
export function needsReason(change: PlanChange): boolean {
  if (change.entityType === "target") return true;
  if (change.entityType === "indicator")
    return ["baseline", "endTarget", "created", "removed"].includes(change.field);
  if (change.entityType === "milestone")
    return ["dueDate", "created", "removed"].includes(change.field);
  // A removed pillar or output leaves a public address saying why (docs/architecture.md, "Stable public
  // addresses").
  if (change.entityType === "pillar" || change.entityType === "output")
    return change.field === "removed";
  return false;
}

/** Milestones of one output matched: by title first, then leftovers by equal position. */
export function matchMilestones(before: Milestone[], after: Milestone[]) {
  const pairs: [number, number][] = [];
  const usedBefore = new Set<number>();
  const usedAfter = new Set<number>();
  after.forEach((m, a) => {
    const b = before.findIndex((x, i) => !usedBefore.has(i) && x.title === m.title);
    if (b >= 0) {
      pairs.push([b, a]);
      usedBefore.add(b);
      usedAfter.add(a);
    }
  });
  after.forEach((_, a) => {
    if (!usedAfter.has(a) && a < before.length && !usedBefore.has(a)) {
      pairs.push([a, a]);
      usedBefore.add(a);
      usedAfter.add(a);
    }
  });
  pairs.sort((x, y) => x[1] - y[1]);
  return {
    pairs,
    added: after.map((_, i) => i).filter((i) => !usedAfter.has(i)),
    removed: before.map((_, i) => i).filter((i) => !usedBefore.has(i)),
  };
}

type Placed = { indicator: Indicator; parent: string; path: string; siblings: string };

/** Every indicator with where it sits ("output 1.2" or "outcome of 1") and its file path. */
function placeIndicators(file: PlanFile): Map<string, Placed> {
  const out = new Map<string, Placed>();
  file.pillars.forEach((pillar, p) => {
    pillar.outcomeIndicators.forEach((indicator, i) => {
      out.set(indicator.code, {
        indicator,
        parent: `outcome of ${pillar.number}`,
        path: `pillars[${p}].outcomeIndicators[${i}]`,
        siblings: `pillars[${p}].outcomeIndicators`,
      });
    });
    pillar.outputs.forEach((output, o) => {
      output.indicators.forEach((indicator, i) => {
        out.set(indicator.code, {
          indicator,
          parent: `output ${pillar.number}.${output.number}`,
          path: `pillars[${p}].outputs[${o}].indicators[${i}]`,
          siblings: `pillars[${p}].outputs[${o}].indicators`,
        });
      });
    });
  });
  return out;
}

/** Every output by "1.2", with its pillar and file path. */
function placeOutputs(file: PlanFile) {
  const out = new Map<string, { output: Output; pillarNumber: number; path: string }>();
  file.pillars.forEach((pillar, p) => {
    pillar.outputs.forEach((output, o) => {
      out.set(`${pillar.number}.${output.number}`, {
        output,
        pillarNumber: pillar.number,
        path: `pillars[${p}].outputs[${o}]`,
      });
    });
  });
  return out;
}

/** The indicator's fields as the change log names them (as the indicator form's log does). */
function indicatorFields(placed: Placed) {
  const i = placed.indicator;
  return {
    parent: placed.parent,
    title: i.title,
    definition: i.definition,
    unit: i.unit,
    direction: i.direction,
    baseline: i.baseline,
    endTarget: i.endTarget,
    dataSource: i.dataSource,
    collectionFrequency: i.collectionFrequency,
    responsible: i.responsible,
    sensitive: i.sensitive,
    dimensions: i.dimensions,
    provenance: i.provenance,
    illustrative: i.illustrative,
  };
}

/** What a new indicator reads as in the change log ("baseline …; targets …; end target …"). */
export function indicatorSnapshot(placed: Placed) {
  return {
    ...indicatorFields(placed),
    code: placed.indicator.code,
    targets: Object.fromEntries(placed.indicator.targets.map((t) => [String(t.year), t.value])),
  };
}

const PLAN_FIELDS = [
  "countryName",
  "title",
  "generation",
  "startYear",
  "endYear",
  "status",
  "summary",
  "leadInstitution",
  "budgetStatement",
  "civilSocietyParticipation",
  "pillarTerm",
  "pillarTermPlural",
  "currency",
  "fiscalYearStartMonth",
  "originalLanguage",
  "statusTolerance",
  "statusAtRiskShare",
] as const satisfies readonly (keyof PlanFile["plan"])[];

/**
 * Every difference between the plan as it is (`before`) and the file (`after`), in the order
 * of the levels, and in file order within a level. Slug and country are not compared: the
 * caller refuses a different country, and the slug is what named the plan.
 */
export function diffPlanFiles(before: PlanFile, after: PlanFile): PlanChange[] {
  const changes: PlanChange[] = [];
  const push = (change: PlanChange) => changes.push(change);
  const term = after.plan.pillarTerm.charAt(0).toUpperCase() + after.plan.pillarTerm.slice(1);
  const oldTerm = before.plan.pillarTerm.charAt(0).toUpperCase() + before.plan.pillarTerm.slice(1);

  // Plan fields.
  for (const field of PLAN_FIELDS) {
    if (!same(before.plan[field], after.plan[field]))
      push({
        level: "plan",
        kind: "changed",
        entityType: "plan",
        key: "plan",
        label: after.plan.title,
        field,
        before: before.plan[field],
        after: after.plan[field],
        path: `plan.${field}`,
      });
  }

  // Institutions: added to the plan only. They are shared by the country's plans, so the
  // import never renames or removes one (docs/architecture.md, "Importing into an existing plan").
  const known = new Set(before.institutions.map((i) => i.acronym));
  after.institutions.forEach((institution, i) => {
    if (!known.has(institution.acronym))
      push({
        level: "institutions",
        kind: "added",
        entityType: null,
        key: `institution:${institution.acronym}`,
        label: `${institution.acronym}: ${institution.name}`,
        field: "created",
        before: null,
        after: `${institution.acronym}: ${institution.name}`,
        path: `institutions[${i}]`,
      });
  });

  // Dimensions and their categories.
  const oldDimensions = new Map(before.dimensions.map((d) => [d.key, d]));
  const newDimensionKeys = new Set(after.dimensions.map((d) => d.key));
  const keptDimensions = (list: PlanFile["dimensions"]) =>
    list.filter((d) => oldDimensions.has(d.key) && newDimensionKeys.has(d.key)).map((d) => d.key);
  if (!same(keptDimensions(before.dimensions), keptDimensions(after.dimensions)))
    push({
      level: "dimensions",
      kind: "changed",
      entityType: "plan",
      key: "plan",
      label: after.plan.title,
      field: "dimensionOrder",
      before: keptDimensions(before.dimensions),
      after: keptDimensions(after.dimensions),
      path: "dimensions",
    });
  after.dimensions.forEach((dimension, d) => {
    const old = oldDimensions.get(dimension.key);
    const label = `${dimension.name} (${dimension.key})`;
    const key = `dimension:${dimension.key}`;
    const path = `dimensions[${d}]`;
    if (!old) {
      push({
        level: "dimensions",
        kind: "added",
        entityType: "dimension",
        key,
        label,
        field: "created",
        before: null,
        after: `${dimension.name}: ${dimension.categories.map((c) => c.label).join(", ")}`,
        path,
      });
      return;
    }
    if (old.name !== dimension.name)
      push({
        level: "dimensions",
        kind: "changed",
        entityType: "dimension",
        key,
        label,
        field: "name",
        before: old.name,
        after: dimension.name,
        path: `${path}.name`,
      });
    const oldCategories = new Map(old.categories.map((c) => [c.key, c]));
    const newCategoryKeys = new Set(dimension.categories.map((c) => c.key));
    const kept = (list: { key: string }[]) =>
      list.filter((c) => oldCategories.has(c.key) && newCategoryKeys.has(c.key)).map((c) => c.key);
    if (!same(kept(old.categories), kept(dimension.categories)))
      push({
        level: "dimensions",
        kind: "changed",
        entityType: "dimension",
        key,
        label,
        field: "categoryOrder",
        before: kept(old.categories),
        after: kept(dimension.categories),
        path: `${path}.categories`,
      });
    dimension.categories.forEach((category, c) => {
      const was = oldCategories.get(category.key);
      const categoryKey = `category:${dimension.key}/${category.key}`;
      const categoryLabel = `${dimension.name}: ${category.label} (${category.key})`;
      const categoryPath = `${path}.categories[${c}]`;
      if (!was) {
        push({
          level: "dimensions",
          kind: "added",
          entityType: "dimension",
          key: categoryKey,
          label: categoryLabel,
          field: "created",
          before: null,
          after: category.label,
          path: categoryPath,
        });
        return;
      }
      if (was.label !== category.label)
        push({
          level: "dimensions",
          kind: "changed",
          entityType: "dimension",
          key: categoryKey,
          label: categoryLabel,
          field: "label",
          before: was.label,
          after: category.label,
          path: `${categoryPath}.label`,
        });
      if ((was.parent ?? null) !== (category.parent ?? null))
        push({
          level: "dimensions",
          kind: "changed",
          entityType: "dimension",
          key: categoryKey,
          label: categoryLabel,
          field: "parentCategory",
          before: was.parent ?? null,
          after: category.parent ?? null,
          path: `${categoryPath}.parent`,
        });
    });
    for (const category of old.categories) {
      if (!newCategoryKeys.has(category.key))
        push({
          level: "dimensions",
          kind: "removed",
          entityType: "dimension",
          key: `category:${dimension.key}/${category.key}`,
          label: `${dimension.name}: ${category.label} (${category.key})`,
          field: "removed",
          before: category.label,
          after: null,
          path: `${path}.categories`,
        });
    }
  });
  for (const dimension of before.dimensions) {
    if (!newDimensionKeys.has(dimension.key))
      push({
        level: "dimensions",
        kind: "removed",
        entityType: "dimension",
        key: `dimension:${dimension.key}`,
        label: `${dimension.name} (${dimension.key})`,
        field: "removed",
        before: dimension.name,
        after: null,
        path: "dimensions",
      });
  }

  // Pillars.
  const oldPillars = new Map(before.pillars.map((p) => [p.number, p]));
  const newPillarNumbers = new Set(after.pillars.map((p) => p.number));
  after.pillars.forEach((pillar, p) => {
    const old = oldPillars.get(pillar.number);
    const key = `pillar:${pillar.number}`;
    const label = `${term} ${pillar.number}: ${pillar.title}`;
    if (!old) {
      push({
        level: "pillars",
        kind: "added",
        entityType: "pillar",
        key,
        label,
        field: "created",
        before: null,
        after: label,
        path: `pillars[${p}]`,
      });
      return;
    }
    for (const field of ["title", "description"] as const) {
      if (!same(old[field], pillar[field]))
        push({
          level: "pillars",
          kind: "changed",
          entityType: "pillar",
          key,
          label,
          field,
          before: old[field],
          after: pillar[field],
          path: `pillars[${p}].${field}`,
        });
    }
  });
  for (const pillar of before.pillars) {
    if (!newPillarNumbers.has(pillar.number))
      push({
        level: "pillars",
        kind: "removed",
        entityType: "pillar",
        key: `pillar:${pillar.number}`,
        label: `${oldTerm} ${pillar.number}: ${pillar.title}`,
        field: "removed",
        before: `${oldTerm} ${pillar.number}: ${pillar.title}`,
        after: null,
        path: "pillars",
      });
  }

  // Outputs, then (in the same walk) their responsibility matrix and milestones.
  const oldOutputs = placeOutputs(before);
  const newOutputs = placeOutputs(after);
  const outputLabel = (code: string, output: Output) => `Output ${code}: ${output.title}`;
  const responsibilities: PlanChange[] = [];
  const milestoneChanges: PlanChange[] = [];
  for (const [code, { output, path }] of newOutputs) {
    const old = oldOutputs.get(code)?.output;
    const key = `output:${code}`;
    const label = outputLabel(code, output);
    if (!old) {
      push({
        level: "outputs",
        kind: "added",
        entityType: "output",
        key,
        label,
        field: "created",
        before: null,
        after: label,
        path,
      });
    } else {
      for (const field of ["title", "description"] as const) {
        if (!same(old[field], output[field]))
          push({
            level: "outputs",
            kind: "changed",
            entityType: "output",
            key,
            label,
            field,
            before: old[field],
            after: output[field],
            path: `${path}.${field}`,
          });
      }
    }
    const lead = old?.lead ?? null;
    if (lead !== output.lead)
      responsibilities.push({
        level: "responsibilities",
        kind: old && lead !== null ? (output.lead === null ? "removed" : "changed") : "added",
        entityType: "responsibility",
        key,
        label,
        field: "lead",
        before: lead,
        after: output.lead,
        path: `${path}.lead`,
      });
    const supporting = [...(old?.supporting ?? [])].sort();
    const nextSupporting = [...output.supporting].sort();
    if (!same(supporting, nextSupporting))
      responsibilities.push({
        level: "responsibilities",
        kind: old && supporting.length ? "changed" : "added",
        entityType: "responsibility",
        key,
        label,
        field: "supporting",
        before: supporting,
        after: nextSupporting,
        path: `${path}.supporting`,
      });

    // Milestones of this output.
    const oldMilestones = old?.milestones ?? [];
    const match = matchMilestones(oldMilestones, output.milestones);
    const milestoneLabel = (m: Milestone) => `Output ${code} milestone: ${m.title}`;
    for (const [b, a] of match.pairs) {
      const was = oldMilestones[b] as Milestone;
      const now = output.milestones[a] as Milestone;
      for (const field of [
        "title",
        "description",
        "dueDate",
        "status",
        "responsible",
        "illustrative",
      ] as const) {
        if (!same(was[field], now[field]))
          milestoneChanges.push({
            level: "milestones",
            kind: "changed",
            entityType: "milestone",
            key: `milestone:${code}:old:${b}`,
            label: milestoneLabel(now),
            field,
            before: was[field],
            after: now[field],
            path: `${path}.milestones[${a}].${field}`,
          });
      }
    }
    const keptOrder = (side: 0 | 1) =>
      [...match.pairs].sort((x, y) => x[side] - y[side]).map((pair) => pair[0]);
    if (!same(keptOrder(0), keptOrder(1)))
      milestoneChanges.push({
        level: "milestones",
        kind: "changed",
        entityType: "output",
        key,
        label,
        field: "milestoneOrder",
        before: keptOrder(0).map((b) => oldMilestones[b]?.title),
        after: keptOrder(1).map((b) => oldMilestones[b]?.title),
        path: `${path}.milestones`,
      });
    for (const a of match.added) {
      const now = output.milestones[a] as Milestone;
      milestoneChanges.push({
        level: "milestones",
        kind: "added",
        entityType: "milestone",
        key: `milestone:${code}:new:${a}`,
        label: milestoneLabel(now),
        field: "created",
        before: null,
        after: `${now.title} (due ${now.dueDate})`,
        path: `${path}.milestones[${a}]`,
      });
    }
    for (const b of match.removed) {
      const was = oldMilestones[b] as Milestone;
      milestoneChanges.push({
        level: "milestones",
        kind: "removed",
        entityType: "milestone",
        key: `milestone:${code}:old:${b}`,
        label: milestoneLabel(was),
        field: "removed",
        before: `${was.title} (due ${was.dueDate})`,
        after: null,
        path: `${path}.milestones`,
      });
    }
  }
  for (const [code, { output, pillarNumber }] of oldOutputs) {
    if (newOutputs.has(code)) continue;
    const pillarIndex = after.pillars.findIndex((p) => p.number === pillarNumber);
    const listPath = pillarIndex >= 0 ? `pillars[${pillarIndex}].outputs` : "pillars";
    push({
      level: "outputs",
      kind: "removed",
      entityType: "output",
      key: `output:${code}`,
      label: outputLabel(code, output),
      field: "removed",
      before: outputLabel(code, output),
      after: null,
      path: listPath,
    });
    output.milestones.forEach((m, b) => {
      milestoneChanges.push({
        level: "milestones",
        kind: "removed",
        entityType: "milestone",
        key: `milestone:${code}:old:${b}`,
        label: `Output ${code} milestone: ${m.title}`,
        field: "removed",
        before: `${m.title} (due ${m.dueDate})`,
        after: null,
        path: listPath,
      });
    });
  }

  // Indicators and their targets.
  const oldIndicators = placeIndicators(before);
  const newIndicators = placeIndicators(after);
  for (const [code, placed] of newIndicators) {
    const key = `indicator:${code}`;
    const label = `${code} ${placed.indicator.title}`;
    const old = oldIndicators.get(code);
    if (!old) {
      push({
        level: "indicators",
        kind: "added",
        entityType: "indicator",
        key,
        label,
        field: "created",
        before: null,
        after: indicatorSnapshot(placed),
        path: placed.path,
      });
      continue;
    }
    const was = indicatorFields(old);
    const now = indicatorFields(placed);
    for (const field of Object.keys(now) as (keyof typeof now)[]) {
      if (!same(was[field], now[field]))
        push({
          level: "indicators",
          kind: "changed",
          entityType: "indicator",
          key,
          label,
          field,
          before: was[field],
          after: now[field],
          path: field === "parent" ? placed.path : `${placed.path}.${field}`,
        });
    }
    const targets = (i: Indicator) => new Map(i.targets.map((t) => [t.year, t.value]));
    const oldTargets = targets(old.indicator);
    const newTargets = targets(placed.indicator);
    const years = [...new Set([...oldTargets.keys(), ...newTargets.keys()])].sort();
    for (const year of years) {
      const b = oldTargets.get(year) ?? null;
      const a = newTargets.get(year) ?? null;
      if (b !== a)
        push({
          level: "indicators",
          kind: b === null ? "added" : a === null ? "removed" : "changed",
          entityType: "target",
          key,
          label,
          field: String(year),
          before: b,
          after: a,
          path: `${placed.path}.targets`,
        });
    }
  }
  // The order of the indicators that stay under the same parent.
  const siblingsOrder = (placed: Map<string, Placed>, other: Map<string, Placed>) => {
    const groups = new Map<string, string[]>();
    for (const [code, p] of placed) {
      if (other.get(code)?.parent !== p.parent) continue;
      groups.set(p.parent, [...(groups.get(p.parent) ?? []), code]);
    }
    return groups;
  };
  const oldOrder = siblingsOrder(oldIndicators, newIndicators);
  const newOrder = siblingsOrder(newIndicators, oldIndicators);
  for (const [parent, codes] of newOrder) {
    const was = oldOrder.get(parent) ?? [];
    if (!same(was, codes)) {
      const first = newIndicators.get(codes[0] as string) as Placed;
      const outputCode = parent.startsWith("output ") ? parent.slice(7) : null;
      push({
        level: "indicators",
        kind: "changed",
        entityType: outputCode ? "output" : "pillar",
        key: outputCode ? `output:${outputCode}` : `pillar:${parent.slice(11)}`,
        label: outputCode
          ? outputLabel(outputCode, newOutputs.get(outputCode)?.output as Output)
          : `${term} ${parent.slice(11)}`,
        field: "indicatorOrder",
        before: was,
        after: codes,
        path: first.siblings,
      });
    }
  }
  for (const [code, old] of oldIndicators) {
    if (newIndicators.has(code)) continue;
    push({
      level: "indicators",
      kind: "removed",
      entityType: "indicator",
      key: `indicator:${code}`,
      label: `${code} ${old.indicator.title}`,
      field: "removed",
      before: `${code} ${old.indicator.title}`,
      after: null,
      path: missingPath(after, old.parent),
    });
  }

  changes.push(...milestoneChanges, ...responsibilities);
  return changes.sort((a, b) => CHANGE_LEVELS.indexOf(a.level) - CHANGE_LEVELS.indexOf(b.level));
}

/** Where a removed indicator would have been in the file: its parent's list, or the nearest. */
function missingPath(file: PlanFile, parent: string): string {
  const output = /^output (\d+)\.(\d+)$/.exec(parent);
  const pillarNumber = Number(output ? output[1] : parent.replace("outcome of ", ""));
  const p = file.pillars.findIndex((x) => x.number === pillarNumber);
  if (p < 0) return "pillars";
  if (!output) return `pillars[${p}].outcomeIndicators`;
  const o = file.pillars[p]?.outputs.findIndex((x) => x.number === Number(output[2])) ?? -1;
  return o < 0 ? `pillars[${p}].outputs` : `pillars[${p}].outputs[${o}].indicators`;
}

/** Added, changed and removed per level, for the preview's summary. */
export function countChanges(changes: PlanChange[]) {
  return CHANGE_LEVELS.map((level) => {
    const of = changes.filter((c) => c.level === level);
    return {
      level,
      added: of.filter((c) => c.kind === "added").length,
      changed: of.filter((c) => c.kind === "changed").length,
      removed: of.filter((c) => c.kind === "removed").length,
    };
  }).filter((c) => c.added + c.changed + c.removed > 0);
}
