import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { getPlanTree } from "@/lib/plans/data";
import { withTestDatabase } from "@/test/db";
import { CALLER_NAMES, CALLERS } from "@/test/viewers";
import { importPlanFile } from "./data";
import {
  createIndicator,
  deleteIndicator,
  getIndicatorForm,
  getPlanForEditing,
  moveIndicator,
  updateIndicator,
} from "./edit";
import { listPublicChanges } from "./edit-log";

withTestDatabase();

const WHY = "Matches the order of the approved plan document.";
const RWANDA = "rwanda-2018-2022"; // active since 2018
const admin = () => CALLERS.admin();
const sql = () => getDb().$client;

/** The form's starting values, as the page would render them. */
function form(slug: string, code: string | null, parent?: string) {
  const data = getIndicatorForm(admin(), slug, code, parent);
  if (!data) throw new Error(`no form for ${slug} ${code}`);
  return { ...data.values };
}

function newIndicator(overrides: Record<string, string> = {}) {
  return {
    ...form(RWANDA, null, "output:1.1"),
    code: "1.1.z",
    title: "Women mayors",
    unit: "count",
    direction: "increase",
    baselineValue: "3",
    baselineYear: "2017",
    target_2019: "4",
    target_2022: "8",
    endTarget: "8",
    reason: "Added at the steering committee's request",
    ...overrides,
  };
}

const changes = (slug = RWANDA) =>
  sql()
    .prepare(
      `select c.entity_type as entityType, c.entity_label as entityLabel, c.field, c.before, c.after, c.reason, c.public
         from framework_changes c join plans p on p.id = c.plan_id where p.slug = ? order by c.id`,
    )
    .all(slug) as {
    entityType: string;
    entityLabel: string;
    field: string;
    before: string | null;
    after: string | null;
    reason: string | null;
    public: number;
  }[];

/** Everything an indicator write could touch. */
const frameworkState = () =>
  JSON.stringify([
    sql().prepare("select * from indicators order by id").all(),
    sql().prepare("select * from indicator_targets order by indicator_id, year").all(),
    sql().prepare("select * from indicator_dimensions order by indicator_id, dimension_id").all(),
    sql().prepare("select * from framework_changes order by id").all(),
  ]);

const targetOf = (code: string, year: number) =>
  (
    sql()
      .prepare(
        "select t.value from indicator_targets t join indicators i on i.id = t.indicator_id where i.code = ? and t.year = ? and i.plan_id = (select id from plans where slug = ?)",
      )
      .get(code, year, RWANDA) as { value: number } | undefined
  )?.value;

function importDraftPlan() {
  const file = JSON.parse(
    fs.readFileSync(path.join(__dirname, "examples", "exampleland-2024-2028.plan.json"), "utf8"),
  );
  expect(importPlanFile(admin(), file)).toMatchObject({ ok: true, status: "draft" });
  return file.plan.slug as string;
}

describe("creating an indicator", () => {
  it("adds it under an output with its targets and dimensions, visible in the public plan tree", () => {
    const result = createIndicator(
      admin(),
      RWANDA,
      newIndicator({ dimension_sex: "on", dimension_province: "on" }),
    );
    expect(result).toEqual({ ok: true, code: "1.1.z", changes: 1 });
    const output = getPlanTree(null, RWANDA)?.pillars[0]?.outputs[0];
    const indicator = output?.indicators.find((i) => i.code === "1.1.z");
    expect(indicator).toMatchObject({
      title: "Women mayors",
      unit: "count",
      baseline: { value: 3, year: 2017 },
      targets: [
        { year: 2019, value: 4 },
        { year: 2022, value: 8 },
      ],
      endTarget: { value: 8, year: 2022 },
    });
    expect(indicator?.disaggregations.map((d) => d.key).sort()).toEqual(["province", "sex"]);
    // Last among its output's indicators.
    expect(output?.indicators.at(-1)?.code).toBe("1.1.z");

    const [record] = changes();
    expect(record).toMatchObject({
      entityType: "indicator",
      entityLabel: "1.1.z Women mayors",
      field: "created",
      reason: "Added at the steering committee's request",
      public: 1,
    });
    expect(JSON.parse(record?.after ?? "{}")).toMatchObject({
      baseline: { value: 3, year: 2017 },
      targets: { 2019: 4, 2022: 8 },
    });
    // And the audit event, in the same transaction.
    const audit = sql()
      .prepare("select count(*) as n from audit_events where action = 'framework.indicator.create'")
      .get() as { n: number };
    expect(audit.n).toBe(1);
  });

  it("adds an outcome indicator to a pillar", () => {
    expect(
      createIndicator(admin(), RWANDA, newIndicator({ parent: "pillar:2", code: "2.z" })),
    ).toMatchObject({ ok: true });
    expect(getPlanTree(null, RWANDA)?.pillars[1]?.outcomeIndicators.map((i) => i.code)).toContain(
      "2.z",
    );
  });

  it("refuses a taken code, years outside the plan, bad percentages and half a baseline, writing nothing", () => {
    const before = frameworkState();
    const taken = createIndicator(admin(), RWANDA, newIndicator({ code: "1.1.A" }));
    expect(taken).toEqual({
      ok: false,
      fieldErrors: { code: ["Another indicator of this plan has this code."] },
    });
    const percent = createIndicator(
      admin(),
      RWANDA,
      newIndicator({ unit: "percent", target_2020: "120", baselineYear: "" }),
    );
    expect(percent.ok).toBe(false);
    if (!percent.ok) {
      expect(percent.fieldErrors.target_2020).toEqual(["A percentage lies between 0 and 100."]);
      expect(percent.fieldErrors.baselineYear).toEqual([
        "Give the baseline's value and its year, or neither.",
      ]);
    }
    // A target field for a year outside the plan is not one of the form's fields: it is
    // ignored, and the baseline year may not lie after the plan's end.
    const outside = createIndicator(
      admin(),
      RWANDA,
      newIndicator({ target_2030: "9", baselineYear: "2031" }),
    );
    expect(outside.ok).toBe(false);
    if (!outside.ok)
      expect(outside.fieldErrors.baselineYear?.[0]).toContain("the plan's last year");
    const count = createIndicator(admin(), RWANDA, newIndicator({ target_2020: "2.5" }));
    expect(count.ok).toBe(false);
    const parent = createIndicator(admin(), RWANDA, newIndicator({ parent: "output:9.9" }));
    expect(parent.ok).toBe(false);
    expect(frameworkState()).toBe(before);
  });

  it("needs a reason in an active plan, and none in a draft plan (whose changes are not public)", () => {
    const refused = createIndicator(admin(), RWANDA, newIndicator({ reason: "" }));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.fieldErrors.reason?.[0]).toContain("say why");

    const draft = importDraftPlan();
    const values = {
      ...form(draft, null, "output:1.1"),
      code: "1.1.9",
      title: "Draft indicator",
      baselineValue: "1",
      baselineYear: "2023",
      target_2025: "2",
    };
    expect(createIndicator(admin(), draft, values)).toMatchObject({ ok: true });
    expect(changes(draft)).toMatchObject([{ field: "created", public: 0, reason: null }]);
    expect(listPublicChanges(null, draft)).toBeNull();
  });
});

describe("editing an indicator", () => {
  it("changing a target of an active plan needs a reason; with one, each change is recorded with before, after and reason", () => {
    const values = form(RWANDA, "1.1.a");
    expect(values.target_2021).toBe("48");

    const before = frameworkState();
    const refused = updateIndicator(admin(), RWANDA, "1.1.a", { ...values, target_2021: "47" });
    expect(refused).toEqual({
      ok: false,
      fieldErrors: {
        reason: [
          "This plan is published: say why the baseline or targets change. The public change log shows it (at least 5 characters).",
        ],
      },
    });
    const baseline = updateIndicator(admin(), RWANDA, "1.1.a", { ...values, baselineValue: "44" });
    expect(baseline.ok).toBe(false);
    expect(frameworkState()).toBe(before);

    // A title alone needs no reason.
    expect(
      updateIndicator(admin(), RWANDA, "1.1.a", { ...values, title: "Women on district councils" }),
    ).toEqual({ ok: true, code: "1.1.a", changes: 1, version: expect.any(String) });

    const saved = updateIndicator(admin(), RWANDA, "1.1.a", {
      ...form(RWANDA, "1.1.a"),
      target_2021: "47",
      target_2022: "",
      reason: "2021 elections were postponed",
    });
    expect(saved).toEqual({ ok: true, code: "1.1.a", changes: 2, version: expect.any(String) });
    expect(targetOf("1.1.a", 2021)).toBe(47);
    expect(targetOf("1.1.a", 2022)).toBeUndefined();
    expect(changes().slice(-2)).toEqual([
      {
        entityType: "target",
        entityLabel: "1.1.a Women on district councils",
        field: "2021",
        before: "48",
        after: "47",
        reason: "2021 elections were postponed",
        public: 1,
      },
      {
        entityType: "target",
        entityLabel: "1.1.a Women on district councils",
        field: "2022",
        before: "50",
        after: null,
        reason: "2021 elections were postponed",
        public: 1,
      },
    ]);
    const log = listPublicChanges(null, RWANDA);
    expect(log?.changes.map((c) => [c.field, c.before, c.after])).toEqual([
      ["2022", 50, null],
      ["2021", 48, 47],
      [
        "title",
        "Share of women among elected members of district councils",
        "Women on district councils",
      ],
    ]);
  });

  it("changes baselines and targets of a draft plan without a reason, recorded as not public", () => {
    const draft = importDraftPlan();
    const values = form(draft, "1.1.1");
    const result = updateIndicator(admin(), draft, "1.1.1", {
      ...values,
      baselineValue: values.baselineValue ? String(Number(values.baselineValue) + 1) : "1",
      baselineYear: values.baselineYear || "2023",
    });
    expect(result).toMatchObject({ ok: true });
    expect(changes(draft).every((c) => c.public === 0 && c.reason === null)).toBe(true);
    expect(changes(draft).map((c) => c.field)).toContain("baseline");
  });

  it("saving unchanged values writes nothing", () => {
    const before = frameworkState();
    const values = form(RWANDA, "1.1.a");
    expect(updateIndicator(admin(), RWANDA, "1.1.a", values)).toEqual({
      ok: true,
      code: "1.1.a",
      changes: 0,
      version: values.version,
    });
    expect(frameworkState()).toBe(before);
  });

  it("a failing write leaves neither the change nor its records (one transaction)", () => {
    const values = { ...form(RWANDA, "1.1.a"), target_2021: "47", reason: "Test run" };
    for (const [table, name] of [
      ["audit_events", "fail_audit"],
      ["framework_changes", "fail_changes"],
    ]) {
      sql().exec(
        `create temp trigger ${name} before insert on ${table} begin select raise(abort, 'disk on fire'); end`,
      );
      const before = frameworkState();
      const auditBefore = sql().prepare("select count(*) as n from audit_events").get();
      expect(() => updateIndicator(admin(), RWANDA, "1.1.a", values)).toThrow(/disk on fire/);
      expect(frameworkState()).toBe(before);
      expect(sql().prepare("select count(*) as n from audit_events").get()).toEqual(auditBefore);
      expect(targetOf("1.1.a", 2021)).toBe(48);
      sql().exec(`drop trigger ${name}`);
    }
    // And the log refuses to be rewritten.
    expect(updateIndicator(admin(), RWANDA, "1.1.a", values)).toMatchObject({ ok: true });
    expect(() => sql().exec("update framework_changes set reason = 'rewritten'")).toThrow(
      /append-only/,
    );
    expect(() => sql().exec("delete from framework_changes")).toThrow(/append-only/);
  });
});

describe("reordering", () => {
  it("moves an indicator up and down within its output, and not past either end", () => {
    createIndicator(admin(), RWANDA, newIndicator());
    createIndicator(
      admin(),
      RWANDA,
      newIndicator({ code: "1.1.y", title: "Women village chiefs" }),
    );
    const order = () =>
      getPlanForEditing(admin(), RWANDA)?.pillars[0]?.outputs[0]?.indicators.map((i) => i.code);
    expect(order()).toEqual(["1.1.a", "1.1.z", "1.1.y"]);
    // An active plan: every move needs a reason (the public change log shows it).
    expect(() => moveIndicator(admin(), RWANDA, "1.1.y", "up")).toThrow(/say why you move/);
    expect(() => moveIndicator(admin(), RWANDA, "1.1.y", "up", "why")).toThrow(/at least 5/);
    expect(order()).toEqual(["1.1.a", "1.1.z", "1.1.y"]);
    expect(moveIndicator(admin(), RWANDA, "1.1.y", "up", WHY)).toEqual({ moved: true });
    expect(order()).toEqual(["1.1.a", "1.1.y", "1.1.z"]);
    expect(moveIndicator(admin(), RWANDA, "1.1.y", "up", WHY)).toEqual({ moved: true });
    expect(order()).toEqual(["1.1.y", "1.1.a", "1.1.z"]);
    expect(moveIndicator(admin(), RWANDA, "1.1.y", "up", WHY)).toEqual({ moved: false });
    expect(moveIndicator(admin(), RWANDA, "1.1.z", "down", WHY)).toEqual({ moved: false });
    expect(moveIndicator(admin(), RWANDA, "1.1.a", "down", WHY)).toEqual({ moved: true });
    expect(order()).toEqual(["1.1.y", "1.1.z", "1.1.a"]);
    // Other outputs keep their order; the public tree reads the same order.
    expect(
      getPlanTree(null, RWANDA)?.pillars[0]?.outputs[0]?.indicators.map((i) => i.code),
    ).toEqual(["1.1.y", "1.1.z", "1.1.a"]);
    expect(changes().filter((c) => c.field === "order")).toHaveLength(3);
  });
});

describe("deny matrix: every indicator write", () => {
  const writes = {
    create: (viewer: ReturnType<(typeof CALLERS)[keyof typeof CALLERS]>) =>
      createIndicator(viewer, RWANDA, newIndicator()),
    update: (viewer: ReturnType<(typeof CALLERS)[keyof typeof CALLERS]>) =>
      updateIndicator(viewer, RWANDA, "1.1.a", {
        ...form(RWANDA, "1.1.a"),
        target_2021: "1",
        reason: "Taken over",
      }),
    move: (viewer: ReturnType<(typeof CALLERS)[keyof typeof CALLERS]>) =>
      moveIndicator(viewer, RWANDA, "1.2.a", "up", WHY),
    readForm: (viewer: ReturnType<(typeof CALLERS)[keyof typeof CALLERS]>) =>
      getIndicatorForm(viewer, RWANDA, "1.1.a"),
    readPlan: (viewer: ReturnType<(typeof CALLERS)[keyof typeof CALLERS]>) =>
      getPlanForEditing(viewer, RWANDA),
  };
  for (const caller of CALLER_NAMES.filter((c) => c !== "admin")) {
    for (const [name, write] of Object.entries(writes)) {
      it(`${name} refuses ${caller} and changes nothing`, () => {
        const viewer = CALLERS[caller]();
        const before = frameworkState();
        let error: unknown;
        try {
          write(viewer);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe(
          caller === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN",
        );
        expect(frameworkState()).toBe(before);
      });
    }
  }

  it("the same writes work for the admin (the matrix can tell allowed from refused)", () => {
    const viewer = CALLERS.admin();
    expect(writes.create(viewer)).toMatchObject({ ok: true });
    expect(writes.update(viewer)).toMatchObject({ ok: true });
    expect(writes.move(viewer)).toEqual({ moved: false }); // 1.2.a is alone in its output
    expect(moveIndicator(viewer, RWANDA, "1.1.z", "up", WHY)).toEqual({ moved: true });
  });
});

describe("the public change log", () => {
  it("lists only public changes, newest first, without who made them", () => {
    createIndicator(admin(), RWANDA, newIndicator());
    const log = listPublicChanges(null, RWANDA);
    expect(log?.changes).toHaveLength(1);
    expect(Object.keys(log?.changes[0] ?? {})).not.toContain("actorId");
    expect(listPublicChanges(null, "atlantis-2020-2024")).toBeNull();
  });
});

describe("deleting an indicator", () => {
  it("deletes one without data; in an active plan only with a reason, logged as deleted", () => {
    // Every indicator of the demo plan has data: this one is new.
    createIndicator(admin(), RWANDA, newIndicator());
    const values = form(RWANDA, "1.1.z");
    const before = frameworkState();
    expect(deleteIndicator(admin(), RWANDA, "1.1.z", { version: values.version })).toEqual({
      ok: false,
      fieldErrors: {
        reason: [
          "This plan is published: say why this indicator is deleted. The public change log shows it (at least 5 characters).",
        ],
      },
    });
    expect(frameworkState()).toBe(before);
    expect(
      deleteIndicator(admin(), RWANDA, "1.1.z", { version: values.version, reason: "Merged" }),
    ).toEqual({ ok: true });
    expect(getIndicatorForm(admin(), RWANDA, "1.1.z")).toBeNull();
    const [row] = changes().slice(-1);
    expect(row).toMatchObject({
      entityType: "indicator",
      field: "deleted",
      reason: "Merged",
      public: 1,
    });
    expect(JSON.parse(row?.before ?? "{}")).toMatchObject({ code: "1.1.z" });
    expect(listPublicChanges(null, RWANDA)?.changes[0]).toMatchObject({ field: "deleted" });
    const audit = sql()
      .prepare("select count(*) as n from audit_events where action = 'framework.indicator.delete'")
      .get() as { n: number };
    expect(audit.n).toBe(1);
  });

  it("refuses an indicator with reported or approved values, suggesting an edit, and deletes nothing", () => {
    const before = frameworkState();
    let error: unknown;
    try {
      deleteIndicator(admin(), RWANDA, "1.1.a", {
        ...form(RWANDA, "1.1.a"),
        reason: "Gone for good",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("CONFLICT");
    expect((error as AppError).message).toMatch(
      /cannot be deleted: 24 reported values and 18 approved values refer to it\. Edit it instead/,
    );
    expect(frameworkState()).toBe(before);
  });

  it("a draft plan's indicator goes without a reason, not public", () => {
    const draft = importDraftPlan();
    const values = form(draft, "1.1.1");
    expect(deleteIndicator(admin(), draft, "1.1.1", { version: values.version })).toEqual({
      ok: true,
    });
    expect(changes(draft).at(-1)).toMatchObject({ field: "deleted", public: 0, reason: null });
  });
});

describe("no lost update", () => {
  it("a save from a form opened before someone else's save is refused, naming who and when", () => {
    const first = form(RWANDA, "1.1.a");
    const second = form(RWANDA, "1.1.a");
    expect(
      updateIndicator(admin(), RWANDA, "1.1.a", { ...first, title: "First tab" }),
    ).toMatchObject({
      ok: true,
      changes: 1,
    });
    const before = frameworkState();
    let error: unknown;
    try {
      updateIndicator(admin(), RWANDA, "1.1.a", { ...second, title: "Second tab" });
    } catch (e) {
      error = e;
    }
    expect((error as AppError).code).toBe("CONFLICT");
    expect((error as AppError).message).toMatch(
      /^Not saved: this indicator was changed after you opened it \(NAP Secretariat changed it on \d{1,2} \w+ \d{4} at \d\d:\d\d UTC\)\. What you typed is still below/,
    );
    expect(frameworkState()).toBe(before);
    // A target change elsewhere in the form (another table) also makes the form stale.
    const third = form(RWANDA, "1.1.a");
    updateIndicator(admin(), RWANDA, "1.1.a", { ...third, target_2021: "47", reason: "Moved" });
    expect(() => updateIndicator(admin(), RWANDA, "1.1.a", { ...third, title: "Third" })).toThrow(
      /changed after you opened it/,
    );
    // No version at all is refused the same way; so is deleting from a stale page.
    const { version: _, ...unversioned } = form(RWANDA, "1.1.a");
    expect(() => updateIndicator(admin(), RWANDA, "1.1.a", unversioned)).toThrow(/changed after/);
    expect(() =>
      deleteIndicator(admin(), RWANDA, "3.1.b", { version: "stale", reason: "Tidying up" }),
    ).toThrow(/changed after/);
  });

  it("the version a save returns is the one the next form starts from", () => {
    const values = form(RWANDA, "1.1.a");
    const saved = updateIndicator(admin(), RWANDA, "1.1.a", { ...values, title: "Renamed" });
    expect(saved.ok && saved.version).toBe(form(RWANDA, "1.1.a").version);
    expect(
      updateIndicator(admin(), RWANDA, "1.1.a", {
        ...values,
        title: "Renamed again",
        version: saved.ok ? (saved.version ?? "") : "",
      }),
    ).toMatchObject({ ok: true, changes: 1 });
  });
});

describe("deny matrix: deleting an indicator", () => {
  for (const caller of CALLER_NAMES.filter((c) => c !== "admin")) {
    it(`refuses ${caller} and changes nothing`, () => {
      const values = form(RWANDA, "3.1.b");
      const before = frameworkState();
      let error: unknown;
      try {
        deleteIndicator(CALLERS[caller](), RWANDA, "3.1.b", { ...values, reason: "Tidying up" });
      } catch (e) {
        error = e;
      }
      expect((error as AppError).code).toBe(
        caller === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN",
      );
      expect(frameworkState()).toBe(before);
    });
  }
});
