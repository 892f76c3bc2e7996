import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { getPlanTree } from "@/lib/plans/data";
import { withTestDatabase } from "@/test/db";
import { CALLER_NAMES, CALLERS } from "@/test/viewers";
import { exportPlanFile, importPlanFile } from "./data";
import { listPublicChanges } from "./edit-log";
import type { PlanFile } from "./plan-file";
import { applyPlanUpdate, checkPlanUpload, type PlanUpdatePreview } from "./plan-merge";

withTestDatabase();

const RWANDA = "rwanda-2018-2022"; // active
const admin = () => CALLERS.admin();
const sql = () => getDb().$client;

const exported = (slug = RWANDA): PlanFile => {
  const file = exportPlanFile(admin(), slug);
  if (!file) throw new Error(`no plan ${slug}`);
  return structuredClone(file);
};

function preview(file: unknown): PlanUpdatePreview {
  const check = checkPlanUpload(admin(), file);
  if (check.kind !== "update") throw new Error(`expected an update, got ${check.kind}`);
  return check.preview;
}

function importExample(status: "draft" | "active" = "draft") {
  const file = JSON.parse(
    fs.readFileSync(path.join(__dirname, "examples", "exampleland-2024-2028.plan.json"), "utf8"),
  );
  file.plan.status = status;
  expect(importPlanFile(admin(), file)).toMatchObject({ ok: true });
  return file.plan.slug as string;
}

/** Everything a plan import could touch, to prove that a refused or failed one wrote nothing. */
const state = () =>
  JSON.stringify(
    [
      "plans",
      "pillars",
      "outputs",
      "output_institutions",
      "indicators",
      "indicator_targets",
      "indicator_dimensions",
      "milestones",
      "dimensions",
      "dimension_categories",
      "institutions",
      "framework_changes",
      "audit_events",
      "report_values",
      "observations",
    ].map((table) => sql().prepare(`select * from ${table} order by rowid`).all()),
  );

const idOf = (code: string, slug = RWANDA) =>
  (
    sql()
      .prepare(
        "select i.id from indicators i join plans p on p.id = i.plan_id where p.slug = ? and i.code = ?",
      )
      .get(slug, code) as { id: number } | undefined
  )?.id;

/** An indicator of Rwanda's plan with reported values and approved observations. */
function reportedIndicator() {
  const row = sql()
    .prepare(
      `select i.id, i.code,
              (select count(*) from report_values v where v.indicator_id = i.id) as reported,
              (select count(*) from observations o where o.indicator_id = i.id) as observed
         from indicators i join plans p on p.id = i.plan_id
        where p.slug = ? and i.output_id is not null
          and exists (select 1 from report_values v where v.indicator_id = i.id)
          and exists (select 1 from observations o where o.indicator_id = i.id)
        order by i.position limit 1`,
    )
    .get(RWANDA) as { id: number; code: string; reported: number; observed: number };
  if (!row) throw new Error("the seed has no reported indicator");
  return row;
}

type FileOutput = PlanFile["pillars"][number]["outputs"][number];

/** The output holding an indicator (the file's own object, to change it). */
function outputOf(file: PlanFile, code: string): FileOutput {
  const output = file.pillars
    .flatMap((p) => p.outputs)
    .find((o) => o.indicators.some((i) => i.code === code));
  if (!output) throw new Error(`no output holds ${code}`);
  return output;
}

function findIndicator(file: PlanFile, code: string) {
  const indicator = outputOf(file, code).indicators.find((i) => i.code === code);
  if (!indicator) throw new Error(`no indicator ${code}`);
  return indicator;
}

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("expected a value");
  return value;
}

describe("checking an upload", () => {
  it("round trip: a plan's own export would change nothing", () => {
    const p = preview(exported());
    expect(p).toMatchObject({
      slug: RWANDA,
      published: true,
      changes: [],
      refusals: [],
      reasonRequired: false,
    });
    expect(p.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it("tells a new plan from an update, and lists an invalid file's problems", () => {
    const file = exported();
    file.plan.slug = "rwanda-2018-2022-copy";
    expect(checkPlanUpload(admin(), file).kind).toBe("new");
    expect(checkPlanUpload(admin(), { format: "nope" })).toMatchObject({
      kind: "invalid",
      problems: expect.arrayContaining([{ path: "format", message: expect.any(String) }]),
    });
  });
});

describe("refusals", () => {
  it("refuses removing an indicator with reported values and observations, where it is", () => {
    const { code, reported, observed } = reportedIndicator();
    const file = exported();
    const where = { output: outputOf(file, code) };
    where.output.indicators = where.output.indicators.filter((i) => i.code !== code);
    const p = preview(file);
    const pillarIndex = file.pillars.findIndex((pl) => pl.outputs.includes(where.output));
    const outputIndex = file.pillars[pillarIndex]?.outputs.indexOf(where.output);
    expect(p.refusals).toEqual([
      {
        path: `pillars[${pillarIndex}].outputs[${outputIndex}].indicators`,
        message: expect.stringContaining(
          `${reported} reported value${reported === 1 ? "" : "s"}, ${observed} approved observation`,
        ),
      },
    ]);
    expect(p.refusals[0]?.message).toContain(`Indicator ${code} `);
    const before = state();
    expect(
      applyPlanUpdate(admin(), file, { fingerprint: p.fingerprint, reason: "Dropped" }),
    ).toMatchObject({ ok: false, problems: p.refusals });
    expect(state()).toBe(before);
  });

  it("refuses removing an output with activities and ratings, and a milestone with updates", () => {
    const file = exported();
    const pillar = file.pillars[0];
    if (!pillar) throw new Error();
    const withMilestone = pillar.outputs.find((o) => o.milestones.length);
    if (!withMilestone) throw new Error("a milestone in pillar 1 expected");
    withMilestone.milestones = [];
    // Move the last output's indicators away so that only the output itself is removed.
    const last = pillar.outputs.pop();
    if (!last) throw new Error();
    pillar.outputs[0]?.indicators.push(...last.indicators);
    const messages = preview(file).refusals.map((r) => `${r.path}: ${r.message}`);
    expect(messages).toEqual([
      expect.stringMatching(
        new RegExp(
          `^pillars\\[0\\]\\.outputs: Output 1\\.${last.number}: .* \\(4 action-plan activities, \\d+ institution ratings\\); it cannot be removed`,
        ),
      ),
      expect.stringMatching(
        /^pillars\[0\]\.outputs\[\d\]\.milestones: The milestone ".*" is not in the file, but it has reported data \(\d+ progress updates\)/,
      ),
    ]);
  });

  it("refuses removing a category used by reported figures, and a change of country", () => {
    const file = exported();
    const province = file.dimensions.find((d) => d.key === "province");
    if (!province) throw new Error("province expected");
    province.categories = province.categories.filter((c) => c.key !== "eastern");
    // Districts of the eastern province point at it: drop them too.
    for (const d of file.dimensions)
      d.categories = d.categories.filter((c) => c.parent !== "province/eastern");
    file.plan.countryCode = "KEN";
    const refusals = preview(file).refusals;
    expect(refusals[0]).toEqual({
      path: "plan.countryCode",
      message: expect.stringContaining("RWA's; a file for KEN cannot update it"),
    });
    expect(refusals).toContainEqual({
      path: `dimensions[${file.dimensions.indexOf(province)}].categories`,
      message: expect.stringMatching(/^The category .*\(eastern\) .*reported figure/),
    });
  });

  it("refuses taking a published plan back to draft", () => {
    const file = exported();
    file.plan.status = "draft";
    expect(preview(file).refusals).toEqual([
      {
        path: "plan.status",
        message: expect.stringContaining("a published plan cannot go back to draft"),
      },
    ]);
  });
});

describe("applying an update", () => {
  it("updates in place: ids, reported values and observations stay; new rows added; removals", () => {
    const { id, code, reported, observed } = reportedIndicator();
    const file = exported();
    const indicator = { output: outputOf(file, code) };
    const original = findIndicator(file, code);
    const year = file.plan.endYear;
    original.targets = [
      ...original.targets.filter((t) => t.year !== year),
      { year, value: 77 },
    ].sort((a, b) => a.year - b.year);
    const outputId = () =>
      (
        sql().prepare("select output_id from indicators where id = ?").get(id) as {
          output_id: number;
        }
      ).output_id;
    const outputBefore = outputId();
    indicator.output.title = "Renamed by import";
    indicator.output.indicators.push({
      ...structuredClone(original),
      code: "9.9.z",
      title: "Imported indicator",
      targets: [{ year, value: 5 }],
    });
    indicator.output.milestones.push({
      title: "Imported milestone",
      description: null,
      dueDate: `${year}-06-30`,
      status: "not_started",
      responsible: null,
      illustrative: false,
    });
    const p = preview(file);
    expect(p.refusals).toEqual([]);
    expect(p.reasonRequired).toBe(true);
    expect(p.changes.map((c) => [c.level, c.kind, c.field])).toEqual(
      expect.arrayContaining([
        ["outputs", "changed", "title"],
        ["indicators", "added", "created"],
        ["milestones", "added", "created"],
      ]),
    );
    const result = applyPlanUpdate(admin(), file, {
      fingerprint: p.fingerprint,
      reason: "Mid-term review",
    });
    expect(result).toEqual({ ok: true, slug: RWANDA, published: true, changes: p.changes.length });

    // Same indicator row, its data still linked.
    expect(idOf(code)).toBe(id);
    expect(outputId()).toBe(outputBefore);
    expect(sql().prepare("select title from outputs where id = ?").get(outputBefore)).toEqual({
      title: "Renamed by import",
    });
    const counts = sql()
      .prepare(
        "select (select count(*) from report_values where indicator_id = ?) as reported, (select count(*) from observations where indicator_id = ?) as observed",
      )
      .get(id, id);
    expect(counts).toEqual({ reported, observed });
    const tree = getPlanTree(null, RWANDA);
    const treeIndicator = tree?.pillars
      .flatMap((pl) => pl.outputs)
      .flatMap((o) => o.indicators)
      .find((i) => i.code === code);
    expect(treeIndicator?.targets).toContainEqual({ year, value: 77 });
    expect(idOf("9.9.z")).toBeGreaterThan(0);

    // The plan now reads exactly as the file: importing it again would change nothing.
    expect(preview(file).changes).toEqual([]);

    // Public change log: each change with the reason.
    const log = listPublicChanges(null, RWANDA);
    expect(log?.changes).toHaveLength(p.changes.length);
    expect(log?.changes).toContainEqual(
      expect.objectContaining({
        entityType: "target",
        field: String(year),
        after: 77,
        reason: "Mid-term review",
      }),
    );
    expect(log?.changes).toContainEqual(
      expect.objectContaining({
        entityType: "output",
        field: "title",
        after: "Renamed by import",
      }),
    );
    const rows = sql()
      .prepare(
        "select entity_type, entity_id, public, reason from framework_changes where entity_type = 'target'",
      )
      .all();
    expect(rows).toEqual([
      { entity_type: "target", entity_id: id, public: 1, reason: "Mid-term review" },
    ]);
    const audit = sql()
      .prepare(
        "select actor_label, entity_id, reason, after from audit_events where action = 'plan.import.update'",
      )
      .all() as { actor_label: string; entity_id: string; reason: string; after: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_label: "admin@example.org",
      entity_id: RWANDA,
      reason: "Mid-term review",
    });
    expect(JSON.parse(audit[0]?.after ?? "{}")).toMatchObject({
      changes: p.changes.length,
      counts: expect.arrayContaining([{ level: "outputs", added: 0, changed: 1, removed: 0 }]),
    });

    // Removing what was just added (no data yet) is allowed, and deletes it.
    const back = exported();
    for (const pillar of back.pillars)
      for (const output of pillar.outputs) {
        output.indicators = output.indicators.filter((i) => i.code !== "9.9.z");
        output.milestones = output.milestones.filter((m) => m.title !== "Imported milestone");
      }
    const p2 = preview(back);
    expect(p2.refusals).toEqual([]);
    expect(p2.changes.map((c) => [c.kind, c.field])).toEqual([
      ["removed", "removed"],
      ["removed", "removed"],
    ]);
    expect(
      applyPlanUpdate(admin(), back, { fingerprint: p2.fingerprint, reason: "Taken out again" }),
    ).toMatchObject({ ok: true, changes: 2 });
    expect(idOf("9.9.z")).toBeUndefined();
    expect(
      sql()
        .prepare("select count(*) as n from milestones where title = 'Imported milestone'")
        .get(),
    ).toEqual({ n: 0 });
  });

  it("requires a reason when a published plan's targets change, and writes nothing without", () => {
    const { code } = reportedIndicator();
    const file = exported();
    const indicator = findIndicator(file, code);
    indicator.endTarget = (indicator.endTarget ?? 0) + 1;
    const p = preview(file);
    expect(p.reasonRequired).toBe(true);
    const before = state();
    expect(applyPlanUpdate(admin(), file, { fingerprint: p.fingerprint, reason: " " })).toEqual({
      ok: false,
      fieldErrors: { reason: [expect.stringContaining("say why")] },
      message: "Give a reason for the changes.",
    });
    expect(state()).toBe(before);
  });

  it("a draft plan: no reason needed, and its change rows are not public", () => {
    const slug = importExample("draft");
    const file = exported(slug);
    const target = file.pillars[0]?.outputs[0]?.indicators[0]?.targets[0];
    if (!target) throw new Error();
    target.value += 1;
    file.pillars[0]?.outputs[0]?.indicators.push({
      ...structuredClone(must(file.pillars[0]?.outputs[0]?.indicators[0])),
      code: "1.1.9",
    });
    const p = preview(file);
    expect(p).toMatchObject({ published: false, reasonRequired: false, refusals: [] });
    expect(applyPlanUpdate(admin(), file, { fingerprint: p.fingerprint, reason: null })).toEqual({
      ok: true,
      slug,
      published: false,
      changes: 2,
    });
    expect(
      sql()
        .prepare(
          "select entity_type, public, reason from framework_changes c join plans p on p.id = c.plan_id where p.slug = ? order by c.id",
        )
        .all(slug),
    ).toEqual([
      { entity_type: "target", public: 0, reason: null },
      { entity_type: "indicator", public: 0, reason: null },
    ]);
  });

  it("refuses a stale preview: the plan changed since, nothing is written", () => {
    const { code } = reportedIndicator();
    const file = exported();
    findIndicator(file, code).title = "Title from the file";
    const p = preview(file);
    // Someone edits the plan between the preview and the confirmation.
    sql()
      .prepare(
        "update indicators set title = 'Edited meanwhile' where code = ? and plan_id = (select id from plans where slug = ?)",
      )
      .run(code, RWANDA);
    const before = state();
    expect(
      applyPlanUpdate(admin(), file, { fingerprint: p.fingerprint, reason: "Tidying up" }),
    ).toEqual({
      ok: false,
      stale: true,
      message: expect.stringContaining("has changed since this preview"),
    });
    expect(state()).toBe(before);
    // A forged or mistyped fingerprint is the same: refused.
    expect(
      applyPlanUpdate(admin(), file, { fingerprint: "0".repeat(64), reason: "x" }),
    ).toMatchObject({ ok: false, stale: true });
  });

  it("leaves nothing behind when writing fails half-way (one transaction)", () => {
    const { code } = reportedIndicator();
    for (const [table, name] of [
      ["indicators", "fail_indicators"],
      ["framework_changes", "fail_changes"],
      ["audit_events", "fail_audit"],
    ] as const) {
      const file = exported();
      const indicator = { output: outputOf(file, code) };
      indicator.output.title = "Half-way";
      indicator.output.indicators.push({
        ...structuredClone(must(indicator.output.indicators[0])),
        code: "9.9.y",
      });
      const p = preview(file);
      const before = state();
      sql().exec(
        `create temp trigger ${name} before insert on ${table} begin select raise(abort, 'disk on fire'); end`,
      );
      try {
        expect(() =>
          applyPlanUpdate(admin(), file, { fingerprint: p.fingerprint, reason: "Mid-term review" }),
        ).toThrow(/disk on fire/);
      } finally {
        sql().exec(`drop trigger ${name}`);
      }
      expect(state()).toBe(before);
    }
  });

  for (const caller of CALLER_NAMES.filter((c) => c !== "admin")) {
    it(`refuses a preview or an update by ${caller} and writes nothing`, () => {
      const file = exported();
      file.plan.title = "Taken over";
      const { fingerprint } = preview(file);
      const viewer = CALLERS[caller]();
      const code = viewer ? "FORBIDDEN" : "UNAUTHENTICATED";
      expect(() => checkPlanUpload(viewer, file)).toThrow(expect.objectContaining({ code }));
      expect(() => applyPlanUpdate(viewer, file, { fingerprint, reason: "x" })).toThrow(
        expect.objectContaining({ code }),
      );
      expect(getPlanTree(null, RWANDA)?.title).not.toBe("Taken over");
      expect(
        sql()
          .prepare("select count(*) as n from audit_events where action = 'plan.import.update'")
          .get(),
      ).toEqual({ n: 0 });
    });
  }
});
