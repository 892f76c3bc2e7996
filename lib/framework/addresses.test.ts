import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { lookUpFormerAddress } from "@/lib/plans/addresses";
import { getPlanTree } from "@/lib/plans/data";
import { withTestDatabase } from "@/test/db";
import { CALLERS } from "@/test/viewers";
import { exportPlanFile } from "./data";
import { createIndicator, getIndicatorForm, updateIndicator } from "./edit";
import { listPublicChanges } from "./edit-log";
import { applyPlanUpdate, checkPlanUpload } from "./plan-merge";
import {
  createOutput,
  createPillar,
  createPlan,
  deleteOutput,
  deletePillar,
  getPlanForm,
  moveOutput,
  movePillar,
} from "./structure";

withTestDatabase();

const RWANDA = "rwanda-2018-2022"; // active: its numbers and codes are public addresses
const WHY = "The steering committee reordered the plan";
const admin = () => CALLERS.admin();
const sql = () => getDb().$client;

const pillars = (slug: string) =>
  sql()
    .prepare(
      "select number, position, title from pillars where plan_id = (select id from plans where slug = ?) order by id",
    )
    .all(slug) as { number: number; position: number | null; title: string }[];

const addresses = (slug: string) =>
  sql()
    .prepare(
      `select entity_type as kind, code, removed_at as removedAt, reason from framework_addresses
        where plan_id = (select id from plans where slug = ?) order by id`,
    )
    .all(slug) as { kind: string; code: string; removedAt: string | null; reason: string | null }[];

function refusedWith(run: () => unknown, code: string, message: RegExp) {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
}

function indicatorForm(slug: string, code: string | null, parent?: string) {
  const data = getIndicatorForm(admin(), slug, code, parent);
  if (!data) throw new Error(`no form for ${code}`);
  return { ...data.values };
}

function newDraft(slug = "addressland-2025-2029") {
  const form = getPlanForm(admin(), null);
  if (!form) throw new Error("no plan form");
  const result = createPlan(admin(), {
    ...form.values,
    slug,
    countryCode: "tst",
    countryName: "Testland",
    title: "Testland National Action Plan 2025–2029",
    startYear: "2025",
    endYear: "2029",
    currency: "usd",
  });
  expect(result).toEqual({ ok: true, slug });
  return slug;
}

describe("reordering an active plan", () => {
  it("needs a reason, keeps every number and sets the display positions", () => {
    const before = pillars(RWANDA);
    const output11 = getPlanTree(null, RWANDA)?.pillars[0]?.outputs[0];
    refusedWith(() => movePillar(admin(), RWANDA, 1, "down"), "VALIDATION", /say why you move/);
    refusedWith(
      () => movePillar(admin(), RWANDA, 1, "down", "  no "),
      "VALIDATION",
      /at least 5 characters/,
    );
    expect(pillars(RWANDA)).toEqual(before);

    expect(movePillar(admin(), RWANDA, 1, "down", WHY)).toEqual({ moved: true });
    const after = pillars(RWANDA);
    expect(after.map((p) => [p.number, p.title])).toEqual(before.map((p) => [p.number, p.title]));
    expect(after.map((p) => [p.number, p.position])).toEqual([
      [1, 2],
      [2, 1],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    // The public tree shows the new order, each pillar under its own number; output 1.1 is the
    // same output, still under pillar 1.
    const tree = getPlanTree(null, RWANDA);
    expect(tree?.pillars.map((p) => p.number)).toEqual([2, 1, 3, 4, 5]);
    const pillar1 = tree?.pillars.find((p) => p.number === 1);
    expect(pillar1?.outputs[0]).toMatchObject({ code: "1.1", title: output11?.title });
    expect(pillar1?.previousCodes).toEqual([]);
    // The public change log has the reason.
    const log = listPublicChanges(null, RWANDA)?.changes ?? [];
    expect(log.slice(0, 2).map((c) => [c.field, c.reason])).toEqual([
      ["order", WHY],
      ["order", WHY],
    ]);
    // An output moves within its pillar the same way.
    expect(moveOutput(admin(), RWANDA, "1.1", "down", WHY)).toEqual({ moved: true });
    const outputs = getPlanTree(null, RWANDA)?.pillars.find((p) => p.number === 1)?.outputs;
    expect(outputs?.map((o) => o.code).slice(0, 2)).toEqual(["1.2", "1.1"]);
    expect(outputs?.[1]?.title).toBe(output11?.title);
  });

  it("a draft renumbers freely, without a reason", () => {
    const draft = newDraft();
    for (const title of ["A", "B", "C"]) createPillar(admin(), draft, { title });
    expect(movePillar(admin(), draft, 1, "down")).toEqual({ moved: true });
    expect(pillars(draft).map((p) => [p.title, p.number, p.position])).toEqual([
      ["A", 2, null],
      ["B", 1, null],
      ["C", 3, null],
    ]);
    expect(deletePillar(admin(), draft, 1)).toEqual({ deleted: true });
    expect(pillars(draft).map((p) => [p.title, p.number])).toEqual([
      ["A", 1],
      ["C", 2],
    ]);
    expect(addresses(draft)).toEqual([]);
  });
});

describe("deleting from an active plan", () => {
  it("needs a reason, leaves a gap, and keeps the code as removed: never reused", () => {
    expect(createPillar(admin(), RWANDA, { title: "Six" })).toEqual({ ok: true, number: 6 });
    expect(createPillar(admin(), RWANDA, { title: "Seven" })).toEqual({ ok: true, number: 7 });
    refusedWith(() => deletePillar(admin(), RWANDA, 6), "VALIDATION", /say why you delete/);
    expect(deletePillar(admin(), RWANDA, 6, "Merged into objective 7")).toEqual({ deleted: true });
    // Seven keeps its number: a gap, not a renumbering.
    expect(pillars(RWANDA).map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 7]);
    expect(addresses(RWANDA)).toEqual([
      {
        kind: "pillar",
        code: "6",
        removedAt: expect.any(String),
        reason: "Merged into objective 7",
      },
    ]);
    expect(lookUpFormerAddress(RWANDA, "pillar", "6")).toMatchObject({
      state: "removed",
      reason: "Merged into objective 7",
      label: expect.stringContaining("Six"),
    });
    // A new pillar numbers past the removed one.
    expect(createPillar(admin(), RWANDA, { title: "Eight" })).toEqual({ ok: true, number: 8 });

    // Outputs the same: 2.x numbers past a removed one.
    const made = createOutput(admin(), RWANDA, 2, { title: "Short-lived" });
    if (!made.ok) throw new Error("not created");
    refusedWith(() => deleteOutput(admin(), RWANDA, made.code), "VALIDATION", /say why/);
    expect(deleteOutput(admin(), RWANDA, made.code, "Duplicate of another output")).toEqual({
      deleted: true,
    });
    expect(lookUpFormerAddress(RWANDA, "output", made.code)).toMatchObject({ state: "removed" });
    const again = createOutput(admin(), RWANDA, 2, { title: "Another" });
    expect(again.ok && again.code).not.toBe(made.code);
    // The public change log shows the reason.
    const log = listPublicChanges(null, RWANDA)?.changes ?? [];
    expect(log.map((c) => c.reason)).toEqual(
      expect.arrayContaining(["Merged into objective 7", "Duplicate of another output"]),
    );
  });
});

describe("changing an indicator's code on an active plan", () => {
  it("needs a reason, keeps the old code (redirect), and never gives it to another indicator", () => {
    const values = indicatorForm(RWANDA, "1.1.a");
    expect(updateIndicator(admin(), RWANDA, "1.1.a", { ...values, code: "1.1.x" })).toMatchObject({
      ok: false,
      fieldErrors: { reason: [expect.stringMatching(/say why the code changes/)] },
    });
    expect(
      updateIndicator(admin(), RWANDA, "1.1.a", {
        ...values,
        code: "1.1.x",
        reason: "Codes follow the new statistics law",
      }),
    ).toMatchObject({ ok: true, code: "1.1.x" });
    expect(lookUpFormerAddress(RWANDA, "indicator", "1.1.a")).toEqual({
      state: "moved",
      code: "1.1.x",
    });
    const node = getPlanTree(null, RWANDA)?.pillars[0]?.outputs[0]?.indicators.find(
      (i) => i.code === "1.1.x",
    );
    expect(node?.previousCodes).toEqual(["1.1.a"]);

    // Another indicator may not take 1.1.a.
    const fresh = {
      ...indicatorForm(RWANDA, null, "output:1.1"),
      code: "1.1.a",
      title: "Someone else",
      unit: "count",
      direction: "increase",
      reason: "Added at the steering committee's request",
    };
    expect(createIndicator(admin(), RWANDA, fresh)).toMatchObject({
      ok: false,
      fieldErrors: { code: [expect.stringMatching(/never given to another record/)] },
    });
    // A second rename keeps both old codes, each pointing at the current one.
    const renamed = indicatorForm(RWANDA, "1.1.x");
    expect(
      updateIndicator(admin(), RWANDA, "1.1.x", {
        ...renamed,
        code: "1.1.y",
        reason: "A typo in the new code",
      }),
    ).toMatchObject({ ok: true, code: "1.1.y" });
    expect(lookUpFormerAddress(RWANDA, "indicator", "1.1.a")).toEqual({
      state: "moved",
      code: "1.1.y",
    });
    expect(lookUpFormerAddress(RWANDA, "indicator", "1.1.x")).toEqual({
      state: "moved",
      code: "1.1.y",
    });
    // The indicator's own old code may come back to it (then it is current, not former).
    const back = indicatorForm(RWANDA, "1.1.y");
    expect(
      updateIndicator(admin(), RWANDA, "1.1.y", {
        ...back,
        code: "1.1.a",
        reason: "Back to the published code",
      }),
    ).toMatchObject({ ok: true, code: "1.1.a" });
    expect(lookUpFormerAddress(RWANDA, "indicator", "1.1.a")).toBeNull();
    expect(lookUpFormerAddress(RWANDA, "indicator", "1.1.y")).toEqual({
      state: "moved",
      code: "1.1.a",
    });
  });
});

describe("updating an active plan from a plan file", () => {
  it("keeps a removed indicator's code as removed, and refuses a file giving it to another", () => {
    const file = exportPlanFile(admin(), RWANDA);
    if (!file) throw new Error("no file");
    // Add one (no data yet), then remove it with a reason.
    const withNew = structuredClone(file);
    const output = withNew.pillars[0]?.outputs[0];
    if (!output?.indicators[0]) throw new Error("no output");
    output.indicators.push({ ...output.indicators[0], code: "1.1.q", title: "Short-lived" });
    const added = checkPlanUpload(admin(), withNew);
    if (added.kind !== "update") throw new Error(added.kind);
    expect(
      applyPlanUpdate(admin(), withNew, {
        fingerprint: added.preview.fingerprint,
        reason: "Added by file",
      }),
    ).toMatchObject({ ok: true });
    const removed = checkPlanUpload(admin(), file);
    if (removed.kind !== "update") throw new Error(removed.kind);
    expect(
      applyPlanUpdate(admin(), file, {
        fingerprint: removed.preview.fingerprint,
        reason: "Counted twice",
      }),
    ).toMatchObject({ ok: true });
    expect(lookUpFormerAddress(RWANDA, "indicator", "1.1.q")).toMatchObject({
      state: "removed",
      reason: "Counted twice",
    });
    // A file bringing 1.1.q back as a new record is refused, saying why.
    const again = checkPlanUpload(admin(), withNew);
    if (again.kind !== "update") throw new Error(again.kind);
    expect(again.preview.refusals).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/never given to another record/) }),
    ]);
  });
});
