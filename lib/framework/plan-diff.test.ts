import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { countChanges, diffPlanFiles, matchMilestones, needsReason } from "./plan-diff";
import { type PlanFile, planFileSchema } from "./plan-file";

const example = (): PlanFile =>
  planFileSchema.parse(
    JSON.parse(
      fs.readFileSync(path.join(__dirname, "examples", "exampleland-2024-2028.plan.json"), "utf8"),
    ),
  );

/** The changes as short readable lines, to compare whole lists at once. */
const lines = (before: PlanFile, after: PlanFile) =>
  diffPlanFiles(before, after).map(
    (c) =>
      `${c.level} ${c.kind} ${c.key} ${c.field}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)} @ ${c.path}`,
  );

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("expected a value");
  return value;
}

describe("diffPlanFiles", () => {
  it("finds nothing between a plan and itself", () => {
    expect(diffPlanFiles(example(), example())).toEqual([]);
  });

  it("lists plan fields that changed, not the slug", () => {
    const after = example();
    after.plan.title = "New title";
    after.plan.status = "active";
    after.plan.slug = "elsewhere";
    expect(lines(example(), after)).toEqual([
      `plan changed plan title: "Plan d'action national Femmes, paix et sécurité 2024–2028" -> "New title" @ plan.title`,
      'plan changed plan status: "draft" -> "active" @ plan.status',
    ]);
  });

  it("lists institutions added to the plan", () => {
    const after = example();
    after.institutions.push({ acronym: "MJ", name: "Ministère de la Justice", kind: "ministry" });
    expect(lines(example(), after)).toEqual([
      'institutions added institution:MJ created: null -> "MJ: Ministère de la Justice" @ institutions[5]',
    ]);
  });

  it("lists dimensions and categories added, renamed and removed", () => {
    const before = example();
    const after = example();
    const region = after.dimensions[1];
    if (!region) throw new Error("no region");
    const sexe = after.dimensions[0];
    if (!sexe) throw new Error("no sexe");
    sexe.name = "Sex";
    region.categories[0] = { ...must(region.categories[0]), label: "Nord (renamed)" };
    region.categories.pop();
    region.categories.push({ key: "est", label: "Est", parent: null });
    after.dimensions.push({
      key: "age",
      name: "Âge",
      categories: [{ key: "jeunes", label: "Jeunes", parent: null }],
    });
    const removedKey = before.dimensions[1]?.categories.at(-1)?.key;
    const changes = diffPlanFiles(before, after);
    expect(changes.map((c) => [c.kind, c.key, c.field])).toEqual([
      ["changed", "dimension:sexe", "name"],
      ["changed", `category:region/${before.dimensions[1]?.categories[0]?.key}`, "label"],
      ["added", "category:region/est", "created"],
      ["removed", `category:region/${removedKey}`, "removed"],
      ["added", "dimension:age", "created"],
    ]);
    expect(changes.every((c) => c.level === "dimensions" && c.entityType === "dimension")).toBe(
      true,
    );
  });

  it("lists a removed dimension, and a new order of dimensions", () => {
    const after = example();
    after.dimensions.reverse();
    expect(diffPlanFiles(example(), after).map((c) => c.field)).toEqual(["dimensionOrder"]);
    const fewer = example();
    fewer.dimensions.pop();
    for (const p of fewer.pillars) {
      for (const i of p.outcomeIndicators)
        i.dimensions = i.dimensions.filter((d) => d !== "region");
      for (const o of p.outputs)
        for (const i of o.indicators) i.dimensions = i.dimensions.filter((d) => d !== "region");
    }
    const changes = diffPlanFiles(example(), fewer);
    expect(changes.find((c) => c.key === "dimension:region")).toMatchObject({
      kind: "removed",
      field: "removed",
      path: "dimensions",
    });
  });

  it("lists pillars and outputs added, renamed and removed, matched by number", () => {
    const before = example();
    const after = example();
    const [p1, p2, p3] = after.pillars;
    if (!p1 || !p2 || !p3) throw new Error("three pillars expected");
    p1.title = "Prévention";
    const out = p1.outputs[0];
    if (!out) throw new Error("output 1.1 expected");
    out.title = "Renamed output";
    p1.outputs.push({
      number: 2,
      title: "A new output",
      description: null,
      lead: "MFFE",
      supporting: [],
      indicators: [],
      milestones: [],
    });
    // Pillar 3 goes, with its output and indicator.
    after.pillars = [p1, p2];
    const changes = diffPlanFiles(before, after);
    expect(
      changes
        .filter((c) => c.level === "pillars" || c.level === "outputs")
        .map((c) => [c.kind, c.key, c.field, c.path]),
    ).toEqual([
      ["changed", "pillar:1", "title", "pillars[0].title"],
      ["removed", "pillar:3", "removed", "pillars"],
      ["changed", "output:1.1", "title", "pillars[0].outputs[0].title"],
      ["added", "output:1.2", "created", "pillars[0].outputs[1]"],
      ["removed", "output:3.1", "removed", "pillars"],
    ]);
    expect(changes.find((c) => c.key === "indicator:3.1.1")).toMatchObject({
      kind: "removed",
      path: "pillars",
    });
    // The new output's lead is a responsibility added.
    expect(changes.find((c) => c.level === "responsibilities")).toMatchObject({
      kind: "added",
      key: "output:1.2",
      field: "lead",
      before: null,
      after: "MFFE",
    });
  });

  it("lists indicators added, changed (fields, baseline, targets, place) and removed, by code", () => {
    const before = example();
    const after = example();
    const output = after.pillars[0]?.outputs[0];
    const indicator = output?.indicators[0];
    if (!output || !indicator) throw new Error("indicator 1.1.1 expected");
    indicator.title = "New title";
    indicator.baseline = { value: 10, year: 2023 };
    indicator.targets = indicator.targets
      .filter((t) => t.year !== 2028)
      .map((t) => (t.year === 2025 ? { ...t, value: 33 } : t));
    output.indicators.push({
      ...structuredClone(indicator),
      code: "1.1.2",
      title: "Another",
      targets: [{ year: 2026, value: 5 }],
    });
    // 2.1.1 moves to output 1.1; 3.1.1 goes.
    const moved = after.pillars[1]?.outputs[0]?.indicators.pop();
    if (!moved) throw new Error("2.1.1 expected");
    output.indicators.push(moved);
    after.pillars[2]?.outputs[0]?.indicators.pop();
    expect(lines(before, after).filter((l) => l.startsWith("indicators"))).toEqual([
      'indicators changed indicator:1.1.1 title: "Nombre de comités d\'alerte précoce comprenant au moins 30 % de femmes" -> "New title" @ pillars[0].outputs[0].indicators[0].title'.replace(
        /"Nombre[^"]*"/,
        JSON.stringify(before.pillars[0]?.outputs[0]?.indicators[0]?.title),
      ),
      'indicators changed indicator:1.1.1 baseline: {"value":12,"year":2023} -> {"value":10,"year":2023} @ pillars[0].outputs[0].indicators[0].baseline',
      "indicators changed indicator:1.1.1 2025: 30 -> 33 @ pillars[0].outputs[0].indicators[0].targets",
      "indicators removed indicator:1.1.1 2028: 60 -> null @ pillars[0].outputs[0].indicators[0].targets",
      expect.stringMatching(
        /^indicators added indicator:1\.1\.2 created: .*"targets":\{"2026":5\}.* @ pillars\[0\]\.outputs\[0\]\.indicators\[1\]$/,
      ),
      'indicators changed indicator:2.1.1 parent: "output 2.1" -> "output 1.1" @ pillars[0].outputs[0].indicators[2]',
      'indicators removed indicator:3.1.1 removed: "3.1.1 ' +
        `${before.pillars[2]?.outputs[0]?.indicators[0]?.title}" -> null @ pillars[2].outputs[0].indicators`,
    ]);
    const changes = diffPlanFiles(before, after);
    expect(changes.filter((c) => c.entityType === "target")).toHaveLength(2);
    expect(changes.filter(needsReason).map((c) => c.field)).toEqual([
      "baseline",
      "2025",
      "2028",
      "created",
      "removed",
    ]);
  });

  it("lists a new order of indicators in an output as one change", () => {
    const before = example();
    const after = example();
    const output = after.pillars[0]?.outputs[0];
    if (!output) throw new Error();
    output.indicators.push({ ...structuredClone(must(output.indicators[0])), code: "1.1.9" });
    const again = structuredClone(after);
    again.pillars[0]?.outputs[0]?.indicators.reverse();
    expect(
      diffPlanFiles(after, again).map((c) => [c.key, c.field, c.before, c.after, c.entityType]),
    ).toEqual([["output:1.1", "indicatorOrder", ["1.1.1", "1.1.9"], ["1.1.9", "1.1.1"], "output"]]);
    expect(diffPlanFiles(before, before)).toEqual([]);
  });

  it("lists milestones added, changed and removed, matched by title then position", () => {
    const before = example();
    const after = example();
    const output = after.pillars[0]?.outputs[0];
    const milestone = output?.milestones[0];
    if (!output || !milestone) throw new Error("a milestone expected");
    milestone.dueDate = "2025-06-30";
    milestone.status = "delayed";
    output.milestones.push({
      title: "Second",
      description: null,
      dueDate: "2026-01-31",
      status: "not_started",
      responsible: null,
      illustrative: false,
    });
    const changes = diffPlanFiles(before, after);
    expect(changes.map((c) => [c.level, c.kind, c.key, c.field, c.before, c.after])).toEqual([
      ["milestones", "changed", "milestone:1.1:old:0", "dueDate", "2025-03-31", "2025-06-30"],
      ["milestones", "changed", "milestone:1.1:old:0", "status", "in_progress", "delayed"],
      ["milestones", "added", "milestone:1.1:new:1", "created", null, "Second (due 2026-01-31)"],
    ]);
    // Retitled in place: the same milestone (position), not a removal and an addition.
    const retitled = structuredClone(after);
    const first = retitled.pillars[0]?.outputs[0]?.milestones[0];
    if (!first) throw new Error();
    first.title = "Guide national (révisé)";
    expect(diffPlanFiles(after, retitled).map((c) => [c.kind, c.key, c.field])).toEqual([
      ["changed", "milestone:1.1:old:0", "title"],
    ]);
    // Dropped: removed.
    const dropped = structuredClone(after);
    dropped.pillars[0]?.outputs[0]?.milestones.shift();
    expect(diffPlanFiles(after, dropped).map((c) => [c.kind, c.key, c.path])).toEqual([
      ["removed", "milestone:1.1:old:0", "pillars[0].outputs[0].milestones"],
    ]);
  });

  it("matchMilestones pairs by title first, then leftovers at the same position", () => {
    const m = (title: string) => ({
      title,
      description: null,
      dueDate: "2025-01-01",
      status: "not_started" as const,
      responsible: null,
      illustrative: false,
    });
    expect(matchMilestones([m("a"), m("b"), m("c")], [m("c"), m("x"), m("a"), m("y")])).toEqual({
      pairs: [
        [2, 0],
        [1, 1],
        [0, 2],
      ],
      added: [3],
      removed: [],
    });
  });

  it("lists responsibility changes: lead and supporting institutions", () => {
    const after = example();
    const output = after.pillars[0]?.outputs[0];
    if (!output) throw new Error();
    output.lead = "PN";
    output.supporting = ["CFPS", "INS"];
    expect(lines(example(), after)).toEqual([
      'responsibilities changed output:1.1 lead: "MFFE" -> "PN" @ pillars[0].outputs[0].lead',
      'responsibilities changed output:1.1 supporting: ["CFPS","PN"] -> ["CFPS","INS"] @ pillars[0].outputs[0].supporting',
    ]);
  });

  it("counts changes per level", () => {
    const after = example();
    after.plan.title = "T";
    after.pillars.pop();
    expect(countChanges(diffPlanFiles(example(), after))).toEqual([
      { level: "plan", added: 0, changed: 1, removed: 0 },
      { level: "pillars", added: 0, changed: 0, removed: 1 },
      { level: "outputs", added: 0, changed: 0, removed: 1 },
      { level: "indicators", added: 0, changed: 0, removed: 1 },
    ]);
  });
});
