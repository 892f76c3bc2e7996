import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { getPlanTree } from "@/lib/plans/data";
import { withTestDatabase } from "@/test/db";
import { CALLER_NAMES, CALLERS } from "@/test/viewers";
import { importPlanFile } from "./data";
import { changeFieldLabel, changeValueText } from "./edit-labels";
import { listPublicChanges } from "./edit-log";
import {
  createMilestone,
  deleteMilestone,
  getMilestoneForm,
  getOutputMilestones,
  moveMilestone,
  updateMilestone,
} from "./milestones";

withTestDatabase();

const RWANDA = "rwanda-2018-2022"; // active
const admin = () => CALLERS.admin();
const sql = () => getDb().$client;

const newValues = (overrides: Record<string, string> = {}) => {
  const data = getOutputMilestones(admin(), RWANDA, "1.1");
  if (!data) throw new Error("no output 1.1");
  return {
    ...data.form.values,
    title: "District gender desks staffed",
    description: "Each district office has a trained gender desk officer.",
    dueDate: "2021-06-30",
    status: "in_progress",
    ...overrides,
  };
};

function add(overrides: Record<string, string> = {}, output = "1.1") {
  const result = createMilestone(admin(), RWANDA, output, newValues(overrides));
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.id;
}

const form = (id: number, slug = RWANDA) => {
  const data = getMilestoneForm(admin(), slug, id);
  if (!data) throw new Error(`no milestone ${id}`);
  return { ...data.values };
};

const changes = (slug = RWANDA) =>
  sql()
    .prepare(
      `select c.entity_type as entityType, c.entity_id as entityId, c.entity_label as entityLabel, c.field,
              c.before, c.after, c.reason, c.public
         from framework_changes c join plans p on p.id = c.plan_id where p.slug = ? order by c.id`,
    )
    .all(slug) as {
    entityType: string;
    entityId: number;
    entityLabel: string;
    field: string;
    before: string | null;
    after: string | null;
    reason: string | null;
    public: number;
  }[];

const state = () =>
  JSON.stringify([
    sql().prepare("select * from milestones order by id").all(),
    sql().prepare("select * from framework_changes order by id").all(),
    sql().prepare("select count(*) from audit_events where action like 'framework.%'").all(),
  ]);

const auditCount = (action: string) =>
  (
    sql().prepare("select count(*) as n from audit_events where action = ?").get(action) as {
      n: number;
    }
  ).n;

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

function importDraftPlan() {
  const file = JSON.parse(
    fs.readFileSync(path.join(__dirname, "examples", "exampleland-2024-2028.plan.json"), "utf8"),
  );
  expect(importPlanFile(admin(), file)).toMatchObject({ ok: true, status: "draft" });
  return file.plan.slug as string;
}

describe("adding a milestone", () => {
  it("adds it at the end of its output, public on the output page and in the change log", () => {
    const id = add();
    const output = getPlanTree(null, RWANDA)?.pillars[0]?.outputs[0];
    expect(output?.milestones.at(-1)).toMatchObject({
      title: "District gender desks staffed",
      dueDate: "2021-06-30",
      // Recorded in progress; shown overdue, its due date having passed.
      status: "overdue",
      recordedStatus: "in_progress",
    });
    expect(getOutputMilestones(admin(), RWANDA, "1.1")?.milestones.map((m) => m.id)).toContain(id);
    expect(changes().at(-1)).toMatchObject({
      entityType: "milestone",
      entityId: id,
      entityLabel: "Milestone 1.1: District gender desks staffed",
      field: "created",
      public: 1,
    });
    const created = listPublicChanges(null, RWANDA)?.changes[0];
    expect(changeValueText("created", created?.after)).toBe("due 30 June 2021; In progress");
    expect(auditCount("framework.milestone.create")).toBe(1);
  });

  it("checks every field and writes nothing on a refusal", () => {
    const before = state();
    const result = createMilestone(
      admin(),
      RWANDA,
      "1.1",
      newValues({ title: " ", dueDate: "2030-01-01", status: "done", responsible: "99999" }),
    );
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        title: ["Enter a title."],
        dueDate: ["A date from 2017 to 2023 (the plan's years, or one year either side)."],
        status: ["Choose a status."],
        responsible: ["Choose an institution from the list."],
      },
    });
    const bad = createMilestone(admin(), RWANDA, "1.1", newValues({ dueDate: "2021-02-30" }));
    expect(bad).toEqual({ ok: false, fieldErrors: { dueDate: ["A date like 2021-06-30."] } });
    expect(state()).toBe(before);
    expect(thrown(() => createMilestone(admin(), RWANDA, "9.9", newValues())).code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("editing a milestone", () => {
  it("records one change per field; a due date change in an active plan needs a reason", () => {
    const id = add();
    const values = form(id);
    const before = state();
    expect(updateMilestone(admin(), RWANDA, id, { ...values, dueDate: "2022-03-31" })).toEqual({
      ok: false,
      fieldErrors: {
        reason: [
          "This plan is published: say why the due date changes. The public change log shows it (at least 5 characters).",
        ],
      },
    });
    expect(state()).toBe(before);

    const saved = updateMilestone(admin(), RWANDA, id, {
      ...values,
      dueDate: "2022-03-31",
      status: "delayed",
      reason: "Recruitment froze during the pandemic",
    });
    expect(saved).toMatchObject({ ok: true, changes: 2 });
    expect(changes().slice(-2)).toMatchObject([
      {
        field: "dueDate",
        before: '"2021-06-30"',
        after: '"2022-03-31"',
        reason: "Recruitment froze during the pandemic",
        public: 1,
      },
      { field: "status", before: '"in_progress"', after: '"delayed"' },
    ]);
    const [status, due] = listPublicChanges(null, RWANDA)?.changes ?? [];
    expect(changeFieldLabel("milestone", due?.field ?? "")).toBe("Due date");
    expect(changeValueText("dueDate", due?.after)).toBe("31 March 2022");
    expect(changeValueText("status", status?.after)).toBe("Delayed");
    expect(auditCount("framework.milestone.update")).toBe(1);

    // Title and status alone need no reason; unchanged values write nothing.
    const next = form(id);
    expect(updateMilestone(admin(), RWANDA, id, { ...next, title: "Gender desks" })).toMatchObject({
      ok: true,
      changes: 1,
    });
    const same = state();
    expect(updateMilestone(admin(), RWANDA, id, form(id))).toMatchObject({ ok: true, changes: 0 });
    expect(state()).toBe(same);
  });

  it("refuses a stale form with who changed it and when, keeping the milestone as it was", () => {
    const id = add();
    const tabA = form(id);
    const tabB = form(id);
    expect(updateMilestone(admin(), RWANDA, id, { ...tabA, title: "Tab A" })).toMatchObject({
      ok: true,
    });
    const before = state();
    const error = thrown(() => updateMilestone(admin(), RWANDA, id, { ...tabB, title: "Tab B" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(
      /this milestone was changed after you opened it \(NAP Secretariat changed it on .+ UTC\)/,
    );
    expect(state()).toBe(before);
  });

  it("in a draft plan changes need no reason and are not public", () => {
    const draft = importDraftPlan();
    const data = getOutputMilestones(admin(), draft, "1.1");
    expect(data).not.toBeNull();
    const created = createMilestone(admin(), draft, "1.1", {
      ...data?.form.values,
      title: "Draft milestone",
      dueDate: "2025-12-31",
      status: "not_started",
    });
    expect(created).toMatchObject({ ok: true });
    if (!created.ok) return;
    expect(
      updateMilestone(admin(), draft, created.id, {
        ...form(created.id, draft),
        dueDate: "2026-01-31",
      }),
    ).toMatchObject({ ok: true, changes: 1 });
    expect(changes(draft).every((c) => c.public === 0)).toBe(true);
    // A milestone of another plan is not found through this one.
    expect(getMilestoneForm(admin(), RWANDA, created.id)).toBeNull();
    expect(
      thrown(() => updateMilestone(admin(), RWANDA, created.id, form(created.id, draft))).code,
    ).toBe("NOT_FOUND");
  });
});

describe("deleting a milestone", () => {
  it("deletes one without updates, with a reason in an active plan, logged as deleted", () => {
    const id = add();
    const values = form(id);
    expect(deleteMilestone(admin(), RWANDA, id, { version: values.version })).toEqual({
      ok: false,
      fieldErrors: {
        reason: [
          "This plan is published: say why this milestone is deleted. The public change log shows it (at least 5 characters).",
        ],
      },
    });
    expect(
      deleteMilestone(admin(), RWANDA, id, { version: values.version, reason: "Duplicate" }),
    ).toEqual({ ok: true, outputCode: "1.1" });
    expect(getMilestoneForm(admin(), RWANDA, id)).toBeNull();
    expect(changes().at(-1)).toMatchObject({ field: "deleted", reason: "Duplicate", public: 1 });
    expect(changeFieldLabel("milestone", "deleted")).toBe("Removed from the plan");
    expect(auditCount("framework.milestone.delete")).toBe(1);
  });

  it("refuses one that progress reports have updated, and suggests dropping it", () => {
    const seeded = getOutputMilestones(admin(), RWANDA, "1.2")?.milestones[0];
    expect(seeded).toBeDefined();
    const id = seeded?.id ?? 0;
    const before = state();
    const error = thrown(() =>
      deleteMilestone(admin(), RWANDA, id, { version: form(id).version, reason: "Tidying up" }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/progress reports have updated it\. Set its status to "Dropped"/);
    expect(state()).toBe(before);
  });
});

describe("reordering milestones", () => {
  it("moves a milestone within its output and not past either end", () => {
    const a = add({ title: "A" }, "1.3");
    const b = add({ title: "B" }, "1.3");
    const c = add({ title: "C" }, "1.3");
    const order = () => getOutputMilestones(admin(), RWANDA, "1.3")?.milestones.map((m) => m.id);
    expect(order()).toEqual([a, b, c]);
    expect(moveMilestone(admin(), RWANDA, c, "up")).toEqual({ moved: true });
    expect(order()).toEqual([a, c, b]);
    expect(moveMilestone(admin(), RWANDA, a, "up")).toEqual({ moved: false });
    expect(moveMilestone(admin(), RWANDA, b, "down")).toEqual({ moved: false });
    expect(
      getPlanTree(null, RWANDA)?.pillars[0]?.outputs[2]?.milestones.map((m) => m.title),
    ).toEqual(["A", "C", "B"]);
    expect(changes().at(-1)).toMatchObject({ field: "order", before: "3", after: "2" });
  });
});

describe("deny matrix: milestones", () => {
  type Caller = ReturnType<(typeof CALLERS)[keyof typeof CALLERS]>;
  const calls = (id: number) => ({
    list: (v: Caller) => getOutputMilestones(v, RWANDA, "1.1"),
    read: (v: Caller) => getMilestoneForm(v, RWANDA, id),
    create: (v: Caller) => createMilestone(v, RWANDA, "1.1", newValues()),
    update: (v: Caller) => updateMilestone(v, RWANDA, id, { ...form(id), title: "Taken over" }),
    delete: (v: Caller) => deleteMilestone(v, RWANDA, id, { ...form(id), reason: "Tidying up" }),
    move: (v: Caller) => moveMilestone(v, RWANDA, id, "up"),
  });
  for (const caller of CALLER_NAMES.filter((c) => c !== "admin")) {
    it(`refuses ${caller} every read and write, changing nothing`, () => {
      add({ title: "First" });
      const id = add({ title: "Second" });
      for (const [name, call] of Object.entries(calls(id))) {
        const before = state();
        const error = thrown(() => call(CALLERS[caller]()));
        expect(error.code, name).toBe(caller === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
        expect(state(), name).toBe(before);
      }
    });
  }

  it("the same calls work for the admin", () => {
    add({ title: "First" });
    const id = add({ title: "Second" });
    const c = calls(id);
    expect(c.list(admin())).not.toBeNull();
    expect(c.read(admin())).not.toBeNull();
    expect(c.create(admin())).toMatchObject({ ok: true });
    expect(c.update(admin())).toMatchObject({ ok: true, changes: 1 });
    expect(c.move(admin())).toEqual({ moved: true });
    expect(c.delete(admin())).toMatchObject({ ok: true });
  });
});

describe("the admin list of an output's milestones", () => {
  it("shows a past-due milestone that is not achieved as overdue, as the public page does", () => {
    const milestones = getOutputMilestones(admin(), RWANDA, "2.3")?.milestones ?? [];
    const early = milestones.find((m) => /early-warning mechanism operational/.test(m.title));
    expect(early).toMatchObject({ status: "overdue" });
    expect(early?.recordedStatus).not.toBe("overdue");
    for (const m of milestones)
      if (m.recordedStatus === "achieved") expect(m.status).toBe("achieved");
  });
});
