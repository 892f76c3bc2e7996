import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { countChanges, diffPlanFiles } from "@/lib/framework/plan-diff";
import { type PlanFile, planFileSchema } from "@/lib/framework/plan-file";
import { previewView } from "./preview-view";

const example = (): PlanFile =>
  planFileSchema.parse(
    JSON.parse(
      fs.readFileSync(
        path.join("lib", "framework", "examples", "exampleland-2024-2028.plan.json"),
        "utf8",
      ),
    ),
  );

function view(before: PlanFile, after: PlanFile) {
  const changes = diffPlanFiles(before, after);
  return previewView({
    slug: before.plan.slug,
    title: before.plan.title,
    pillarTermPlural: before.plan.pillarTermPlural,
    published: true,
    fingerprint: "f".repeat(64),
    changes,
    counts: countChanges(changes),
    refusals: [],
    reasonRequired: true,
  });
}

describe("previewView", () => {
  it("groups changes by level, then by record, in words", () => {
    const after = example();
    const indicator = after.pillars[0]?.outputs[0]?.indicators[0];
    if (!indicator) throw new Error();
    indicator.title = "Comités d'alerte";
    indicator.targets = indicator.targets.map((t) => (t.year === 2026 ? { ...t, value: 45 } : t));
    after.pillars.pop();
    const v = view(example(), after);
    expect(v.total).toEqual({ added: 0, changed: 2, removed: 3 });
    expect(v.groups.map((g) => [g.heading, g.counts])).toEqual([
      ["Axes", { added: 0, changed: 0, removed: 1 }],
      ["Outputs", { added: 0, changed: 0, removed: 1 }],
      ["Indicators and targets", { added: 0, changed: 2, removed: 1 }],
    ]);
    const indicators = v.groups[2]?.records;
    expect(indicators?.[0]).toEqual({
      key: "indicator:1.1.1",
      label: "1.1.1 Comités d'alerte",
      kind: "changed",
      changes: [
        { what: "Title", kind: "changed", before: expect.any(String), after: "Comités d'alerte" },
        { what: "Target for 2026", kind: "changed", before: "40", after: "45" },
      ],
    });
    expect(indicators?.[1]).toMatchObject({
      kind: "removed",
      changes: [{ what: "Removed from the plan", before: null, after: null }],
    });
  });
});
