import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { withTestDatabase } from "@/test/db";
import { getPlanTree, listPlans } from "./data";

withTestDatabase();

const seedText = fs.readFileSync(
  // A copy kept in the repository (test/fixtures/README.md), so a plain clone's tests pass.
  path.resolve("test", "fixtures", "rwanda-nap-2018-2022-summary.txt"),
  "utf8",
);
const admin = { id: 1, role: "admin" as const, institutionId: null };
const reviewer = { id: 2, role: "reviewer" as const, institutionId: null };
const reporter = { id: 3, role: "reporter" as const, institutionId: 1 };

describe("listPlans", () => {
  it("lists Rwanda's two plans to the public with their counts", () => {
    const plans = listPlans(null);
    expect(plans.map((p) => [p.slug, p.status, p.pillarCount, p.outputCount])).toEqual([
      ["rwanda-2018-2022", "active", 5, 15],
      ["rwanda-2009-2012", "closed", 5, 0],
    ]);
  });

  it("hides a draft plan from the public, cso and reporters but shows it to reviewers and admins", () => {
    getDb()
      .update(s.plans)
      .set({ status: "draft" })
      .where(eq(s.plans.slug, "rwanda-2009-2012"))
      .run();
    for (const viewer of [null, reporter, { ...reporter, role: "cso" as const }]) {
      expect(listPlans(viewer).map((p) => p.slug)).toEqual(["rwanda-2018-2022"]);
      expect(getPlanTree(viewer, "rwanda-2009-2012")).toBeNull();
    }
    for (const viewer of [reviewer, admin]) {
      expect(listPlans(viewer)).toHaveLength(2);
      expect(getPlanTree(viewer, "rwanda-2009-2012")?.status).toBe("draft");
    }
  });
});

describe("getPlanTree", () => {
  it("returns null for an unknown plan", () => {
    expect(getPlanTree(null, "atlantis-2020-2024")).toBeNull();
  });

  it("words every pillar and output exactly as the plan's source document", () => {
    const plan = getPlanTree(null, "rwanda-2018-2022");
    expect(plan?.pillars).toHaveLength(5);
    const outputs = plan?.pillars.flatMap((p) => p.outputs) ?? [];
    expect(outputs.map((o) => o.code)).toEqual([
      "1.1",
      "1.2",
      "1.3",
      "2.1",
      "2.2",
      "2.3",
      "3.1",
      "3.2",
      "4.1",
      "4.2",
      "4.3",
      "5.1",
      "5.2",
      "5.3",
      "5.4",
    ]);
    for (const pillar of plan?.pillars ?? []) {
      expect(seedText).toContain(`${pillar.number}. ${pillar.title}:`);
    }
    for (const output of outputs) expect(seedText).toContain(`∙ ${output.title}`);
  });

  it("gives every output a lead institution and at least one indicator with baseline and targets", () => {
    const plan = getPlanTree(null, "rwanda-2018-2022");
    for (const output of plan?.pillars.flatMap((p) => p.outputs) ?? []) {
      expect(output.lead, output.code).not.toBeNull();
      expect(output.indicators.length, output.code).toBeGreaterThan(0);
      for (const indicator of output.indicators) expect(indicator.baseline).not.toBeNull();
    }
  });

  it("states the plan's facts from its source: period, generation, no allocated budget, civil society", () => {
    const plan = getPlanTree(null, "rwanda-2018-2022");
    expect(plan).toMatchObject({ startYear: 2018, endYear: 2022, generation: 2, currency: "RWF" });
    expect(plan?.budgetStatement).toMatch(/no budget is allocated/i);
    expect(plan?.civilSocietyParticipation).toMatch(/steering committee/);
    expect(plan?.leadInstitution?.acronym).toBe("MIGEPROF");
  });

  it("computes the peacekeeping indicator's status from its latest real approved value", () => {
    const find = (now: Date) =>
      getPlanTree(null, "rwanda-2018-2022", now)
        ?.pillars.flatMap((p) => p.outputs)
        .flatMap((o) => o.indicators)
        .find((i) => i.code === "5.2.a");
    // Baseline 4.23 (2017), target 10 (2022), latest 9.17 (2021), judged in 2022:
    // progress (9.17 − 4.23) / (10 − 4.23) = 0.856 ≥ expected 4/5 − 0.1 → on track.
    const indicator = find(new Date("2022-09-01T00:00:00Z"));
    expect(indicator?.latest).toMatchObject({ value: 9.17, year: 2021, suppressed: false });
    expect(indicator?.status).toMatchObject({
      code: "on_track",
      label: "On track",
      asOf: { year: 2021, periodCode: "2021" },
    });
    // In December 2026 the plan has ended (2022) and 2021 is before its last year: stale.
    expect(find(new Date("2026-12-04T12:00:00Z"))?.status).toMatchObject({
      code: "stale",
      assessment: "on_track",
      asOf: { year: 2021 },
    });
    expect(indicator?.illustrative).toBe(false);
    expect(indicator?.provenance).toMatch(/UN Department of Peace Operations/);
  });

  it("withholds a sensitive count below 5 from the public but not from reviewers", () => {
    const db = getDb();
    const indicator = db.select().from(s.indicators).where(eq(s.indicators.code, "3.1.b")).get();
    if (!indicator) throw new Error("seed lacks 3.1.b");
    // Only this value, newer than the demo's figures, so that it is the latest.
    db.insert(s.observations)
      .values({
        indicatorId: indicator.id,
        periodCode: "2023",
        year: 2023,
        value: 3,
        approvedAt: "2020-01-01",
      })
      .run();
    const find = (viewer: Parameters<typeof getPlanTree>[0]) =>
      getPlanTree(viewer, "rwanda-2018-2022")
        ?.pillars.flatMap((p) => p.outputs)
        .flatMap((o) => o.indicators)
        .find((i) => i.code === "3.1.b");
    expect(find(null)?.latest).toMatchObject({ value: null, suppressed: true });
    expect(find(reviewer)?.latest).toMatchObject({ value: 3, suppressed: false });
  });

  it("judges 3.1.b (maintain, no targets) against its baseline, never 'No data' beside a value", () => {
    const db = getDb();
    const indicator = db.select().from(s.indicators).where(eq(s.indicators.code, "3.1.b")).get();
    if (!indicator) throw new Error("seed lacks 3.1.b");
    // The demo's own 3.1.b figures give way to one approved 4,500 for 2020/21.
    db.delete(s.observations).where(eq(s.observations.indicatorId, indicator.id)).run();
    db.insert(s.observations)
      .values({
        indicatorId: indicator.id,
        periodCode: "2020July",
        year: 2020,
        value: 4500,
        approvedAt: "2021-10-08T10:00:00.000Z",
      })
      .run();
    const find = (now: Date) =>
      getPlanTree(null, "rwanda-2018-2022", now)
        ?.pillars.flatMap((p) => p.outputs)
        .flatMap((o) => o.indicators)
        .find((i) => i.code === "3.1.b");
    // |4500 − 4300| / 4300 ≈ 0.047 ≤ 0.1 → on track in 2021; stale in 2026 (before 2022).
    expect(find(new Date("2021-11-01T00:00:00Z"))?.status).toEqual({
      code: "on_track",
      label: "On track",
      assessment: "on_track",
      basis: "baseline",
      asOf: { year: 2020, periodCode: "2020July", approvedAt: "2021-10-08T10:00:00.000Z" },
    });
    expect(find(new Date("2026-12-04T12:00:00Z"))?.status.code).toBe("stale");
  });

  it("shows 2.3.a's 2020 value as stale in December 2026, and its past-due milestone as overdue", () => {
    const output = getPlanTree(null, "rwanda-2018-2022", new Date("2026-12-04T12:00:00Z"))
      ?.pillars.flatMap((p) => p.outputs)
      .find((o) => o.code === "2.3");
    expect(output?.indicators[0]?.status).toMatchObject({ code: "stale", asOf: { year: 2020 } });
    expect(output?.milestones[0]).toMatchObject({
      dueDate: "2022-06-30",
      status: "overdue",
      recordedStatus: "in_progress",
    });
    const before = getPlanTree(null, "rwanda-2018-2022", new Date("2022-06-30T12:00:00Z"))
      ?.pillars.flatMap((p) => p.outputs)
      .find((o) => o.code === "2.3");
    expect(before?.milestones[0]?.status).toBe("in_progress");
  });

  it("lists the closed 2009–2012 plan's five priorities", () => {
    const plan = getPlanTree(null, "rwanda-2009-2012");
    expect(plan?.pillarTermPlural).toBe("priorities");
    expect(plan?.pillars.map((p) => p.title)).toEqual([
      "Prevention of gender-based violence",
      "Protection and rehabilitation of victims' dignity",
      "Participation and representation",
      "Women and gender promotion",
      "Coordination, monitoring and evaluation",
    ]);
  });
});
