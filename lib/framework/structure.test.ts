import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { getPlanTree } from "@/lib/plans/data";
import { withTestDatabase } from "@/test/db";
import { CALLERS } from "@/test/viewers";
import { listPublicChanges } from "./edit-log";
import {
  changePlanStatus,
  createOutput,
  createPillar,
  createPlan,
  deleteOutput,
  deletePillar,
  getOutputForm,
  getPillarForm,
  getPlanForm,
  getResponsibilityMatrix,
  moveOutput,
  movePillar,
  setResponsibilities,
  updateOutput,
  updatePillar,
  updatePlanDetails,
} from "./structure";

withTestDatabase();

const WHY = "Matches the order of the approved plan document.";
const RWANDA = "rwanda-2018-2022"; // active, with pillars, outputs, indicators and reports
const admin = () => CALLERS.admin();
const sql = () => getDb().$client;

function planValues(overrides: Record<string, string> = {}) {
  const form = getPlanForm(admin(), null);
  if (!form) throw new Error("no plan form");
  return {
    ...form.values,
    slug: "testland-2025-2029",
    countryCode: "tst",
    countryName: "Testland",
    title: "Testland National Action Plan 2025–2029",
    startYear: "2025",
    endYear: "2029",
    currency: "usd",
    ...overrides,
  };
}

function newDraft(slug = "testland-2025-2029") {
  const result = createPlan(admin(), planValues({ slug }));
  expect(result).toEqual({ ok: true, slug });
  return slug;
}

const rows = <T>(query: string, ...params: unknown[]) =>
  sql()
    .prepare(query)
    .all(...params) as T[];

const changesOf = (slug: string) =>
  rows<{
    entityType: string;
    entityLabel: string;
    field: string;
    before: string | null;
    after: string | null;
    public: number;
  }>(
    `select c.entity_type as entityType, c.entity_label as entityLabel, c.field, c.before, c.after, c.public
       from framework_changes c join plans p on p.id = c.plan_id where p.slug = ? order by c.id`,
    slug,
  );

const auditActions = () =>
  rows<{ action: string }>("select action from audit_events order by id").map((r) => r.action);

const pillarNumbers = (slug: string) =>
  rows<{ number: number; title: string }>(
    "select number, title from pillars where plan_id = (select id from plans where slug = ?) order by number",
    slug,
  );

const outputNumbers = (slug: string, pillar: number) =>
  rows<{ number: number; title: string }>(
    `select o.number, o.title from outputs o join pillars p on p.id = o.pillar_id
      where p.plan_id = (select id from plans where slug = ?) and p.number = ? order by o.number`,
    slug,
    pillar,
  );

const institutionId = (acronym: string) =>
  (
    rows<{ id: number }>("select id from institutions where acronym = ?", acronym)[0] as {
      id: number;
    }
  ).id;

/** Everything a structure write could touch. */
const everything = () =>
  JSON.stringify([
    rows("select * from plans order by id"),
    rows("select * from pillars order by id"),
    rows("select * from outputs order by id"),
    rows("select * from output_institutions order by output_id, institution_id"),
    rows("select * from framework_changes order by id"),
    rows("select * from institutions order by id"),
  ]);

function refused(run: () => unknown, code: string, message?: RegExp) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    if (message) expect((error as AppError).message).toMatch(message);
    return;
  }
  throw new Error("expected a refusal");
}

describe("creating a plan", () => {
  it("creates a draft with its details and the sex dimension, logged privately and audited", () => {
    const lead = String(institutionId("MIGEPROF"));
    const result = createPlan(
      admin(),
      planValues({
        countryCode: "RWA",
        countryName: "Rwanda",
        leadInstitution: lead,
        statusTolerance: "15",
      }),
    );
    expect(result).toEqual({ ok: true, slug: "testland-2025-2029" });
    const [plan] = rows<Record<string, unknown>>(
      "select * from plans where slug = 'testland-2025-2029'",
    );
    expect(plan).toMatchObject({
      status: "draft",
      country_code: "RWA",
      currency: "USD",
      start_year: 2025,
      end_year: 2029,
      lead_institution_id: Number(lead),
      status_tolerance: 0.15,
      status_at_risk_share: 0.5,
      activated_at: null,
    });
    expect(
      rows(
        "select d.key, c.key as category from dimensions d join dimension_categories c on c.dimension_id = d.id where d.plan_id = ? order by c.position",
        plan?.id,
      ),
    ).toEqual([
      { key: "sex", category: "female" },
      { key: "sex", category: "male" },
    ]);
    const [change] = changesOf("testland-2025-2029");
    expect(change).toMatchObject({ entityType: "plan", field: "created", public: 0 });
    expect(auditActions().at(-1)).toBe("framework.plan.create");
    // A draft is not public.
    expect(getPlanTree(null, "testland-2025-2029")).toBeNull();
  });

  it("refuses invalid details field by field and writes nothing", () => {
    const before = everything();
    const result = createPlan(
      admin(),
      planValues({
        slug: "Bad Slug",
        countryCode: "TESTLAND",
        title: " ",
        startYear: "2030",
        endYear: "2025",
        fiscalYearStartMonth: "13",
        statusTolerance: "150",
        leadInstitution: String(institutionId("MIGEPROF")), // Rwanda's, not Testland's
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(
      ["countryCode", "fiscalYearStartMonth", "slug", "statusTolerance", "title"].sort(),
    );
    // Rules across fields are checked once every field is valid on its own.
    expect(createPlan(admin(), planValues({ startYear: "2030", endYear: "2025" }))).toMatchObject({
      ok: false,
      fieldErrors: { endYear: ["The last year cannot come before the first."] },
    });
    expect(createPlan(admin(), planValues({ startYear: "2000", endYear: "2030" }))).toMatchObject({
      ok: false,
      fieldErrors: { endYear: ["A plan spans 30 years at most."] },
    });
    expect(everything()).toBe(before);
  });

  it("refuses a lead institution of another country, and an address already in use", () => {
    const lead = createPlan(admin(), planValues({ leadInstitution: String(institutionId("RNP")) }));
    expect(lead).toMatchObject({
      ok: false,
      fieldErrors: { leadInstitution: [expect.any(String)] },
    });
    const before = everything();
    expect(createPlan(admin(), planValues({ slug: RWANDA }))).toEqual({
      ok: false,
      fieldErrors: { slug: ["Another plan has this address: choose another."] },
    });
    expect(everything()).toBe(before);
  });
});

describe("changing a plan's details", () => {
  it("logs each changed field of an active plan publicly, and a draft's privately", () => {
    const form = getPlanForm(admin(), RWANDA);
    if (!form) throw new Error("no form");
    const result = updatePlanDetails(admin(), RWANDA, {
      ...form.values,
      summary: "A new summary.",
      pillarTerm: "priority",
    });
    expect(result).toEqual({ ok: true, changes: 2 });
    const public_ = listPublicChanges(null, RWANDA)?.changes ?? [];
    expect(
      public_
        .slice(0, 2)
        .map((c) => [c.entityType, c.field])
        .sort(),
    ).toEqual([
      ["plan", "pillarTerm"],
      ["plan", "summary"],
    ]);
    expect(auditActions().at(-1)).toBe("framework.plan.update");
    // The same values again: nothing to record.
    expect(
      updatePlanDetails(admin(), RWANDA, {
        ...form.values,
        summary: "A new summary.",
        pillarTerm: "priority",
      }),
    ).toEqual({ ok: true, changes: 0 });

    const draft = newDraft();
    const draftForm = getPlanForm(admin(), draft);
    if (!draftForm) throw new Error("no form");
    expect(updatePlanDetails(admin(), draft, { ...draftForm.values, title: "Renamed" })).toEqual({
      ok: true,
      changes: 1,
    });
    expect(changesOf(draft).at(-1)).toMatchObject({ field: "title", public: 0 });
  });

  it("keeps the address and country, whatever the form sends", () => {
    const form = getPlanForm(admin(), RWANDA);
    if (!form) throw new Error("no form");
    updatePlanDetails(admin(), RWANDA, {
      ...form.values,
      slug: "elsewhere",
      countryCode: "KEN",
      title: "Renamed plan",
    });
    expect(rows("select slug, country_code, title from plans where slug = ?", RWANDA)).toEqual([
      { slug: RWANDA, country_code: "RWA", title: "Renamed plan" },
    ]);
  });

  it("refuses to shrink the years past targets and reports, saying what is in the way", () => {
    const form = getPlanForm(admin(), RWANDA);
    if (!form) throw new Error("no form");
    const before = everything();
    const result = updatePlanDetails(admin(), RWANDA, { ...form.values, endYear: "2020" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/cannot become 2018–2020: .*targets \(/);
    expect(result.fieldErrors.endYear?.[0]).toBe(result.message);
    expect(everything()).toBe(before);
    // Growing is always fine.
    expect(updatePlanDetails(admin(), RWANDA, { ...form.values, endYear: "2024" })).toEqual({
      ok: true,
      changes: 1,
    });
  });

  it("shrinks a plan's years when nothing lies outside them", () => {
    const draft = newDraft();
    const form = getPlanForm(admin(), draft);
    if (!form) throw new Error("no form");
    expect(updatePlanDetails(admin(), draft, { ...form.values, startYear: "2026" })).toEqual({
      ok: true,
      changes: 1,
    });
  });

  it("answers NOT_FOUND for an unknown plan and null forms", () => {
    refused(() => updatePlanDetails(admin(), "nowhere", planValues()), "NOT_FOUND");
    expect(getPlanForm(admin(), "nowhere")).toBeNull();
  });
});

describe("a plan's status", () => {
  it("refuses to activate a plan without pillars, then activates, publishes and closes it", () => {
    const draft = newDraft();
    const before = everything();
    refused(() => changePlanStatus(admin(), draft, "active"), "CONFLICT", /no pillars/);
    refused(() => changePlanStatus(admin(), draft, "closed"), "CONFLICT", /Only an active plan/);
    expect(everything()).toBe(before);

    createPillar(admin(), draft, { title: "Prevention" });
    expect(changePlanStatus(admin(), draft, "active")).toEqual({ status: "active" });
    const [plan] = rows<{ status: string; activated_at: string | null }>(
      "select status, activated_at from plans where slug = ?",
      draft,
    );
    expect(plan?.status).toBe("active");
    expect(plan?.activated_at).toBeTruthy();
    expect(getPlanTree(null, draft)?.pillars.map((p) => p.title)).toEqual(["Prevention"]);
    // The activation is the first public entry; the draft's earlier entries stay private.
    expect(listPublicChanges(null, draft)?.changes.map((c) => [c.field, c.after])).toEqual([
      ["status", "active"],
    ]);
    expect(auditActions().at(-1)).toBe("framework.plan.activate");

    refused(() => changePlanStatus(admin(), draft, "active"), "CONFLICT", /Only a draft/);
    expect(changePlanStatus(admin(), draft, "closed")).toEqual({ status: "closed" });
    expect(auditActions().at(-1)).toBe("framework.plan.close");
  });
});

describe("pillars", () => {
  it("adds pillars after the last, edits, reorders and deletes them with contiguous numbers", () => {
    const draft = newDraft();
    for (const title of ["One", "Two", "Three"])
      expect(createPillar(admin(), draft, { title, description: "" }).ok).toBe(true);
    expect(pillarNumbers(draft)).toEqual([
      { number: 1, title: "One" },
      { number: 2, title: "Two" },
      { number: 3, title: "Three" },
    ]);
    expect(updatePillar(admin(), draft, 2, { title: "Deux", description: "Second" })).toEqual({
      ok: true,
      changes: 2,
    });
    expect(movePillar(admin(), draft, 3, "up")).toEqual({ moved: true });
    expect(movePillar(admin(), draft, 1, "up")).toEqual({ moved: false });
    expect(movePillar(admin(), draft, 3, "down")).toEqual({ moved: false });
    expect(pillarNumbers(draft).map((p) => p.title)).toEqual(["One", "Three", "Deux"]);
    expect(deletePillar(admin(), draft, 1)).toEqual({ deleted: true });
    expect(pillarNumbers(draft)).toEqual([
      { number: 1, title: "Three" },
      { number: 2, title: "Deux" },
    ]);
    expect(getPillarForm(admin(), draft, 2)?.values).toEqual({
      title: "Deux",
      description: "Second",
    });
    expect(getPillarForm(admin(), draft, 3)).toBeNull();
    // Draft: every step is in the change log, none public.
    const log = changesOf(draft).filter((c) => c.entityType === "pillar");
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((c) => c.public === 0)).toBe(true);
    expect(auditActions()).toEqual(
      expect.arrayContaining([
        "framework.pillar.create",
        "framework.pillar.update",
        "framework.pillar.move",
        "framework.pillar.delete",
      ]),
    );
  });

  it("logs an active plan's pillar changes publicly, with the labels of the time", () => {
    expect(createPillar(admin(), RWANDA, { title: "Climate and security" })).toEqual({
      ok: true,
      number: 6,
    });
    // Published: a move needs a reason, and changes the order only, never a number.
    refused(() => movePillar(admin(), RWANDA, 6, "up"), "VALIDATION", /say why you move/);
    expect(movePillar(admin(), RWANDA, 6, "up", WHY)).toEqual({ moved: true });
    const log = listPublicChanges(null, RWANDA)?.changes ?? [];
    expect(
      log.slice(0, 3).map((c) => [c.entityType, c.entityLabel, c.field, c.before, c.after]),
    ).toEqual(
      expect.arrayContaining([
        ["pillar", "Objective 6: Climate and security", "order", 6, 5],
        ["pillar", expect.stringMatching(/^Objective 5: Policy frameworks/), "order", 5, 6],
        ["pillar", "Objective 6: Climate and security", "created", null, expect.anything()],
      ]),
    );
    expect(log[0]?.reason).toBe(WHY);
    // The public tree follows the new order; the numbers stay.
    const tree = getPlanTree(null, RWANDA);
    expect(tree?.pillars[4]).toMatchObject({ number: 6, title: "Climate and security" });
    expect(tree?.pillars[5]?.number).toBe(5);
  });

  it("refuses to delete a pillar that has outputs or indicators, and bad titles", () => {
    const before = everything();
    refused(
      () => deletePillar(admin(), RWANDA, 1),
      "CONFLICT",
      /still has \d+ outputs and \d+ indicators/,
    );
    refused(() => deletePillar(admin(), RWANDA, 42), "NOT_FOUND");
    expect(createPillar(admin(), RWANDA, { title: "  " })).toMatchObject({
      ok: false,
      fieldErrors: { title: ["Enter a title."] },
    });
    expect(updatePillar(admin(), RWANDA, 1, { title: "x".repeat(501) })).toMatchObject({
      ok: false,
      fieldErrors: { title: ["At most 500 characters."] },
    });
    expect(everything()).toBe(before);
  });
});

describe("outputs", () => {
  it("adds, edits, reorders and deletes outputs within their pillar, numbers contiguous", () => {
    const draft = newDraft();
    createPillar(admin(), draft, { title: "Participation" });
    for (const title of ["A", "B", "C"])
      expect(createOutput(admin(), draft, 1, { title }).ok).toBe(true);
    expect(createOutput(admin(), draft, 1, { title: "D" })).toEqual({ ok: true, code: "1.4" });
    expect(updateOutput(admin(), draft, "1.2", { title: "Bee" })).toEqual({ ok: true, changes: 1 });
    expect(moveOutput(admin(), draft, "1.1", "down")).toEqual({ moved: true });
    expect(moveOutput(admin(), draft, "1.4", "down")).toEqual({ moved: false });
    expect(outputNumbers(draft, 1).map((o) => o.title)).toEqual(["Bee", "A", "C", "D"]);
    expect(deleteOutput(admin(), draft, "1.2")).toEqual({ deleted: true });
    expect(outputNumbers(draft, 1)).toEqual([
      { number: 1, title: "Bee" },
      { number: 2, title: "C" },
      { number: 3, title: "D" },
    ]);
    expect(getOutputForm(admin(), draft, "1.3")?.values.title).toBe("D");
    expect(getOutputForm(admin(), draft, "1.4")).toBeNull();
    expect(getOutputForm(admin(), draft, null, 1)?.pillar.number).toBe(1);
    expect(auditActions()).toEqual(
      expect.arrayContaining([
        "framework.output.create",
        "framework.output.update",
        "framework.output.move",
        "framework.output.delete",
      ]),
    );
  });

  it("logs an active plan's output changes publicly", () => {
    const created = createOutput(admin(), RWANDA, 2, { title: "New output" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    refused(() => moveOutput(admin(), RWANDA, created.code, "up"), "VALIDATION", /say why/);
    expect(moveOutput(admin(), RWANDA, created.code, "up", WHY)).toEqual({ moved: true });
    const log = listPublicChanges(null, RWANDA)?.changes ?? [];
    expect(log.filter((c) => c.entityType === "output").length).toBe(3);
    expect(log.map((c) => c.entityLabel)).toContain(`Output ${created.code}: New output`);
    // The code is kept; only the order changed.
    const pillar = getPlanTree(null, RWANDA)?.pillars.find((p) => p.number === 2);
    const codes = pillar?.outputs.map((o) => o.code) ?? [];
    expect(codes.at(-2)).toBe(created.code);
  });

  it("refuses to delete an output that indicators, milestones, activities or reports refer to", () => {
    const before = everything();
    refused(() => deleteOutput(admin(), RWANDA, "1.1"), "CONFLICT", /indicator/);
    refused(() => deleteOutput(admin(), RWANDA, "9.9"), "NOT_FOUND");
    expect(createOutput(admin(), RWANDA, 1, { title: "" })).toMatchObject({ ok: false });
    refused(() => createOutput(admin(), RWANDA, 42, { title: "Lost" }), "NOT_FOUND");
    expect(everything()).toBe(before);
    // Every seeded output is referred to by something: check each kind of reference counts.
    const referred = rows<{ code: string }>(
      `select p.number || '.' || o.number as code from outputs o join pillars p on p.id = o.pillar_id
        where p.plan_id = (select id from plans where slug = ?)
          and not exists (select 1 from indicators i where i.output_id = o.id)
          and (exists (select 1 from milestones m where m.output_id = o.id)
            or exists (select 1 from activities a where a.output_id = o.id)
            or exists (select 1 from output_ratings r where r.output_id = o.id))`,
      RWANDA,
    );
    for (const { code } of referred)
      refused(() => deleteOutput(admin(), RWANDA, code), "CONFLICT", /refer to it/);
  });
});

describe("the responsibility matrix", () => {
  it("sets an output's lead and supporters, logged as responsibility changes, shown in the matrix", () => {
    const created = createOutput(admin(), RWANDA, 1, { title: "Shared output" });
    if (!created.ok) throw new Error("not created");
    const migeprof = institutionId("MIGEPROF");
    const rnp = institutionId("RNP");
    const mod = institutionId("MINEMA");
    const form = getOutputForm(admin(), RWANDA, created.code)?.responsibility;
    expect(form?.values.lead).toBe("");
    const result = setResponsibilities(admin(), RWANDA, created.code, {
      lead: String(migeprof),
      [`supporting_${rnp}`]: "on",
      [`supporting_${mod}`]: "on",
    });
    expect(result).toEqual({ ok: true, changes: 2 });
    const log = listPublicChanges(null, RWANDA)?.changes ?? [];
    expect(
      log
        .slice(0, 2)
        .map((c) => [c.entityType, c.field, c.after])
        .sort(),
    ).toEqual([
      ["responsibility", "lead", "MIGEPROF"],
      ["responsibility", "supporting", ["MINEMA", "RNP"]],
    ]);
    expect(auditActions().at(-1)).toBe("framework.responsibility.update");
    const matrix = getResponsibilityMatrix(admin(), RWANDA);
    const row = matrix?.pillars[0]?.outputs.find((o) => o.code === created.code);
    expect(row?.roles).toEqual({ [migeprof]: "lead", [rnp]: "supporting", [mod]: "supporting" });
    expect(getPlanTree(null, RWANDA)?.pillars[0]?.outputs.at(-1)?.lead?.acronym).toBe("MIGEPROF");

    // The lead changes: one row; the same again: nothing.
    expect(
      setResponsibilities(admin(), RWANDA, created.code, {
        lead: String(rnp),
        [`supporting_${mod}`]: "on",
      }),
    ).toEqual({ ok: true, changes: 2 });
    expect(
      setResponsibilities(admin(), RWANDA, created.code, {
        lead: String(rnp),
        [`supporting_${mod}`]: "on",
      }),
    ).toEqual({ ok: true, changes: 0 });
  });

  it("refuses an institution as both lead and supporting, or one from another country", () => {
    const migeprof = institutionId("MIGEPROF");
    const before = everything();
    expect(
      setResponsibilities(admin(), RWANDA, "1.1", {
        lead: String(migeprof),
        [`supporting_${migeprof}`]: "on",
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { [`supporting_${migeprof}`]: [expect.any(String)] },
    });
    const foreign = (
      sql()
        .prepare(
          "insert into institutions (country_code, acronym, name, kind) values ('KEN', 'FOR', 'Foreign', 'ministry') returning id",
        )
        .get() as { id: number }
    ).id;
    const afterInsert = everything();
    expect(before).not.toBe(afterInsert);
    expect(setResponsibilities(admin(), RWANDA, "1.1", { lead: String(foreign) })).toMatchObject({
      ok: false,
      fieldErrors: { lead: [expect.any(String)] },
    });
    expect(everything()).toBe(afterInsert);
  });
});

describe("who may build a plan's structure", () => {
  const refusedCallers = ["anonymous", "cso", "reporterA", "reviewer"] as const;
  const calls: [string, (viewer: ReturnType<typeof admin> | null) => unknown][] = [
    ["getPlanForm", (v) => getPlanForm(v, RWANDA)],
    ["createPlan", (v) => createPlan(v, planValues())],
    ["updatePlanDetails", (v) => updatePlanDetails(v, RWANDA, planValues())],
    ["changePlanStatus", (v) => changePlanStatus(v, "rwanda-2009-2012", "closed")],
    ["getPillarForm", (v) => getPillarForm(v, RWANDA, 1)],
    ["createPillar", (v) => createPillar(v, RWANDA, { title: "X" })],
    ["updatePillar", (v) => updatePillar(v, RWANDA, 1, { title: "X" })],
    ["deletePillar", (v) => deletePillar(v, RWANDA, 5)],
    ["movePillar", (v) => movePillar(v, RWANDA, 2, "up")],
    ["getOutputForm", (v) => getOutputForm(v, RWANDA, "1.1")],
    ["createOutput", (v) => createOutput(v, RWANDA, 1, { title: "X" })],
    ["updateOutput", (v) => updateOutput(v, RWANDA, "1.1", { title: "X" })],
    ["deleteOutput", (v) => deleteOutput(v, RWANDA, "1.1")],
    ["moveOutput", (v) => moveOutput(v, RWANDA, "1.2", "up")],
    ["setResponsibilities", (v) => setResponsibilities(v, RWANDA, "1.1", { lead: "" })],
    ["getResponsibilityMatrix", (v) => getResponsibilityMatrix(v, RWANDA)],
  ];
  for (const [name, call] of calls) {
    it(`${name} refuses everyone but admins and changes nothing`, () => {
      const before = everything();
      for (const caller of refusedCallers) {
        const viewer = CALLERS[caller]();
        refused(() => call(viewer), caller === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
      }
      expect(everything()).toBe(before);
      expect(
        rows(
          "select * from audit_events where action = 'authz.denied' and after like ?",
          `%framework.manage%`,
        ),
      ).toHaveLength(3);
    });
  }
});
