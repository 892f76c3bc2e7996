/**
 * Yearly action plans against a real (copied) seeded database: who may do what (every caller ×
 * every function, nothing changed after a refusal, refusals audited), every field's rule, totals
 * against hand-computed figures, the plan's whole life, and a stale write refused.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer";
import { withTestDatabase } from "@/test/db";
import { CALLER_NAMES, CALLERS, type CallerName } from "@/test/viewers";
import {
  addActivity,
  approveActionPlan,
  createActionPlan,
  getActionPlan,
  getActionPlanTotals,
  listActionPlans,
  listActionPlanYears,
  listStartableYears,
  moveActivity,
  removeActivity,
  reopenActionPlan,
  returnActionPlan,
  submitActionPlan,
  updateActivity,
} from "./data";

withTestDatabase();

const db = () => getDb();

function rwandaPlan() {
  const row = db()
    .select({ id: s.plans.id })
    .from(s.plans)
    .where(eq(s.plans.slug, "rwanda-2018-2022"))
    .get();
  if (!row) throw new Error("no Rwanda plan");
  return row.id;
}

function actionPlanOf(acronym: string, year: number) {
  const row = db()
    .select({ id: s.actionPlans.id, version: s.actionPlans.version })
    .from(s.actionPlans)
    .innerJoin(s.institutions, eq(s.institutions.id, s.actionPlans.institutionId))
    .where(and(eq(s.institutions.acronym, acronym), eq(s.actionPlans.year, year)))
    .get();
  if (!row) throw new Error(`no ${acronym} ${year} action plan`);
  return row;
}

function activitiesOf(actionPlanId: number) {
  return db()
    .select()
    .from(s.activities)
    .where(eq(s.activities.actionPlanId, actionPlanId))
    .orderBy(asc(s.activities.position))
    .all();
}

/** An output of the given plan, by its code ("2.3"). */
function outputId(code: string, planId = rwandaPlan()) {
  const [pillar, number] = code.split(".").map(Number);
  const row = db()
    .select({ id: s.outputs.id })
    .from(s.outputs)
    .innerJoin(s.pillars, eq(s.pillars.id, s.outputs.pillarId))
    .where(
      and(
        eq(s.pillars.planId, planId),
        eq(s.pillars.number, pillar ?? 0),
        eq(s.outputs.number, number ?? 0),
      ),
    )
    .get();
  if (!row) throw new Error(`no output ${code}`);
  return row.id;
}

const snapshot = () =>
  JSON.stringify({
    plans: db().select().from(s.actionPlans).orderBy(asc(s.actionPlans.id)).all(),
    activities: db().select().from(s.activities).orderBy(asc(s.activities.id)).all(),
  });

const deniedCount = (viewer: Viewer) =>
  viewer
    ? (db()
        .select({ n: sql<number>`count(*)` })
        .from(s.auditEvents)
        .where(and(eq(s.auditEvents.action, "authz.denied"), eq(s.auditEvents.actorId, viewer.id)))
        .get()?.n ?? 0)
    : 0;

const valid = (version: number, overrides: Record<string, unknown> = {}) => ({
  version,
  outputId: outputId("1.1"),
  description: "Training of district gender officers",
  quarters: 3,
  budgetNeeded: "1000000",
  budgetAllocated: "400000",
  amountSpent: "",
  fundingSource: "Government budget",
  status: "planned",
  ...overrides,
});

/** A submitted MIGEPROF plan (2022), for the review rows of the matrix. */
function submittedMigeprof() {
  const plan = actionPlanOf("MIGEPROF", 2022);
  submitActionPlan(CALLERS.reporterA(), plan.id, { version: plan.version });
  return actionPlanOf("MIGEPROF", 2022);
}

type Outcome = "ok" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND";

const READERS: Record<CallerName, Outcome> = {
  anonymous: "UNAUTHENTICATED",
  cso: "NOT_FOUND",
  reporterA: "ok",
  reporterB: "NOT_FOUND",
  reviewer: "ok",
  admin: "ok",
};
const EDITORS: Record<CallerName, Outcome> = {
  anonymous: "UNAUTHENTICATED",
  cso: "FORBIDDEN",
  reporterA: "ok",
  reporterB: "NOT_FOUND",
  reviewer: "FORBIDDEN",
  admin: "FORBIDDEN",
};
const REVIEWERS: Record<CallerName, Outcome> = {
  anonymous: "UNAUTHENTICATED",
  cso: "FORBIDDEN",
  reporterA: "FORBIDDEN",
  reporterB: "FORBIDDEN",
  reviewer: "ok",
  admin: "ok",
};
const STEERING: Record<CallerName, Outcome> = REVIEWERS;

/** Every function × every caller. `run` acts on MIGEPROF's plans (reporterA's institution). */
const MATRIX: {
  name: string;
  expected: Record<CallerName, Outcome>;
  run: (viewer: Viewer) => unknown;
  setup?: () => void;
}[] = [
  {
    name: "listActionPlans",
    expected: { ...READERS, cso: "FORBIDDEN", reporterB: "ok" },
    run: (v) => listActionPlans(v),
  },
  {
    name: "listStartableYears",
    expected: { ...EDITORS, reporterB: "ok" },
    run: (v) => listStartableYears(v),
  },
  {
    name: "listActionPlanYears",
    expected: STEERING,
    run: (v) => listActionPlanYears(v),
  },
  {
    name: "getActionPlanTotals",
    expected: STEERING,
    run: (v) => getActionPlanTotals(v, { planId: rwandaPlan(), year: 2022 }),
  },
  {
    name: "getActionPlan",
    expected: READERS,
    run: (v) => getActionPlan(v, actionPlanOf("MIGEPROF", 2022).id),
  },
  {
    name: "createActionPlan",
    expected: { ...EDITORS, reporterB: "ok" },
    run: (v) => createActionPlan(v, { planId: rwandaPlan(), year: 2019 }),
  },
  {
    name: "addActivity",
    expected: EDITORS,
    run: (v) => {
      const plan = actionPlanOf("MIGEPROF", 2022);
      return addActivity(v, plan.id, valid(plan.version));
    },
  },
  {
    name: "updateActivity",
    expected: EDITORS,
    run: (v) => {
      const plan = actionPlanOf("MIGEPROF", 2022);
      const first = activitiesOf(plan.id)[0];
      return updateActivity(v, plan.id, first?.id, valid(plan.version));
    },
  },
  {
    name: "removeActivity",
    expected: EDITORS,
    // RNP's plan has activities no report refers to; MIGEPROF's are all reported on.
    run: (v) => {
      const plan = actionPlanOf("RNP", 2022);
      return removeActivity(v, plan.id, {
        version: plan.version,
        activityId: activitiesOf(plan.id)[0]?.id,
      });
    },
  },
  {
    name: "moveActivity",
    expected: EDITORS,
    run: (v) => {
      const plan = actionPlanOf("MIGEPROF", 2022);
      return moveActivity(v, plan.id, {
        version: plan.version,
        activityId: activitiesOf(plan.id)[0]?.id,
        direction: "down",
      });
    },
  },
  {
    name: "submitActionPlan",
    expected: EDITORS,
    run: (v) => {
      const plan = actionPlanOf("MIGEPROF", 2022);
      return submitActionPlan(v, plan.id, { version: plan.version });
    },
  },
  {
    name: "approveActionPlan",
    expected: REVIEWERS,
    setup: submittedMigeprof,
    run: (v) => {
      const plan = actionPlanOf("MIGEPROF", 2022);
      return approveActionPlan(v, plan.id, { version: plan.version });
    },
  },
  {
    name: "returnActionPlan",
    expected: REVIEWERS,
    setup: submittedMigeprof,
    run: (v) => {
      const plan = actionPlanOf("MIGEPROF", 2022);
      return returnActionPlan(v, plan.id, { version: plan.version, reason: "Cost the hotline." });
    },
  },
  {
    name: "reopenActionPlan",
    expected: { ...REVIEWERS, reviewer: "FORBIDDEN" },
    run: (v) => {
      const plan = actionPlanOf("MIGEPROF", 2021);
      return reopenActionPlan(v, plan.id, { version: plan.version, reason: "Budget revised." });
    },
  },
];

// removeActivity acts on RNP's plan: there reporterB is the owner and reporterA the outsider.
for (const row of MATRIX)
  if (row.name === "removeActivity")
    row.expected = { ...EDITORS, reporterA: "NOT_FOUND", reporterB: "ok" };

describe("deny matrix: every caller × every function", () => {
  for (const row of MATRIX) {
    for (const caller of CALLER_NAMES) {
      const outcome = row.expected[caller];
      it(`${row.name}: ${caller} → ${outcome}`, () => {
        row.setup?.();
        const viewer = CALLERS[caller]();
        if (outcome === "ok") {
          expect(() => row.run(viewer)).not.toThrow();
          return;
        }
        const before = snapshot();
        const denied = deniedCount(viewer);
        expect(() => row.run(viewer)).toThrow(expect.objectContaining({ code: outcome }));
        expect(snapshot()).toBe(before);
        if (viewer) expect(deniedCount(viewer)).toBe(denied + 1);
      });
    }
  }

  it("a reporter lists only their own institution's plans; reviewers list all", () => {
    const mine = listActionPlans(CALLERS.reporterA());
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((p) => p.institution))).toEqual(new Set(["MIGEPROF"]));
    const all = listActionPlans(CALLERS.reviewer());
    expect(new Set(all.map((p) => p.institution)).size).toBeGreaterThan(2);
    expect(all.map((p) => p.institution)).toContain("RNP");
  });
});

describe("activity fields", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["description", { description: "ab" }, /at least 3 characters/],
    ["description", { description: "x".repeat(501) }, /under 500 characters/],
    ["description", { description: "Bad\u0007bell" }, /control characters/],
    ["outputId", { outputId: "" }, /Choose an output/],
    ["outputId", { outputId: 999_999 }, /output of this plan/],
    ["outputId", { outputId: () => anyOutputOf(closedPlan()) }, /output of this plan/],
    ["quarters", { quarters: 16 }, /Q1 to Q4/],
    ["quarters", { quarters: -1 }, /Q1 to Q4/],
    ["quarters", { quarters: 1.5 }, /Q1 to Q4/],
    ["budgetNeeded", { budgetNeeded: "-5" }, /cannot be negative/],
    ["budgetNeeded", { budgetNeeded: -5 }, /cannot be negative/],
    ["budgetNeeded", { budgetNeeded: "10.005" }, /at most two decimals/],
    ["budgetNeeded", { budgetNeeded: 10.005 }, /at most two decimals/],
    ["budgetAllocated", { budgetAllocated: "ten" }, /amount in figures/],
    ["budgetAllocated", { budgetAllocated: "1e6" }, /amount in figures/],
    ["amountSpent", { amountSpent: "1000000000000" }, /too large/],
    ["amountSpent", { amountSpent: "1,00" }, /amount in figures/],
    ["fundingSource", { fundingSource: "x".repeat(201) }, /under 200 characters/],
    ["status", { status: "finished" }, /Choose a status/],
  ];

  /** An output of another plan (made here: the seed's older plan may have none). */
  function anyOutputOf(planId: number) {
    const pillar = db()
      .insert(s.pillars)
      .values({ planId, number: 99, title: "Another plan's pillar" })
      .returning({ id: s.pillars.id })
      .get();
    return db()
      .insert(s.outputs)
      .values({ pillarId: pillar.id, number: 1, title: "Another plan's output" })
      .returning({ id: s.outputs.id })
      .get().id;
  }

  function closedPlan() {
    const row = db()
      .select({ id: s.plans.id })
      .from(s.plans)
      .where(eq(s.plans.slug, "rwanda-2009-2012"))
      .get();
    if (!row) throw new Error("no closed plan");
    return row.id;
  }

  for (const [field, override, message] of cases) {
    it(`refuses a bad ${field} (${String(JSON.stringify(Object.values(override)[0]) ?? "another plan's output").slice(0, 30)}) and stores nothing`, () => {
      const plan = actionPlanOf("MIGEPROF", 2022);
      const resolved = Object.fromEntries(
        Object.entries(override).map(([k, v]) => [k, typeof v === "function" ? v() : v]),
      );
      const before = snapshot();
      let caught: unknown;
      try {
        addActivity(CALLERS.reporterA(), plan.id, valid(plan.version, resolved));
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code: "VALIDATION" });
      const fieldErrors = (caught as { details?: { fieldErrors?: Record<string, string[]> } })
        .details?.fieldErrors;
      expect(fieldErrors?.[field]?.[0]).toMatch(message);
      expect(snapshot()).toBe(before);
    });
  }

  it("accepts grouped thousands, two decimals, empty money, and allocation above need", () => {
    const plan = actionPlanOf("MIGEPROF", 2022);
    const { id } = addActivity(
      CALLERS.reporterA(),
      plan.id,
      valid(plan.version, {
        budgetNeeded: "1 250 000.50",
        budgetAllocated: "2,000,000",
        amountSpent: "",
        fundingSource: "  ",
        quarters: "15",
      }),
    );
    const stored = db().select().from(s.activities).where(eq(s.activities.id, id)).get();
    expect(stored).toMatchObject({
      budgetNeeded: 1_250_000.5,
      budgetAllocated: 2_000_000,
      amountSpent: null,
      fundingSource: null,
      quarters: 15,
      description: "Training of district gender officers",
    });
    const view = getActionPlan(CALLERS.reporterA(), plan.id);
    expect(view.activities.find((a) => a.id === id)?.unfunded).toBe(0);
  });
});

describe("totals", () => {
  it("by output, pillar, institution and overall, with the unfunded part per activity", () => {
    const reporter = CALLERS.reporterA();
    const id = createActionPlan(reporter, { planId: rwandaPlan(), year: 2020 });
    let version = 1;
    const add = (code: string, needed: unknown, allocated: unknown, spent: unknown) => {
      version = addActivity(reporter, id, {
        ...valid(version),
        outputId: outputId(code),
        budgetNeeded: needed,
        budgetAllocated: allocated,
        amountSpent: spent,
      }).version;
    };
    // Pillar 1, output 1.1: one underfunded (gap 50.05), one over-funded (no gap, and it must
    // not hide the first one's gap).
    add("1.1", "100.10", "50.05", "20");
    add("1.1", "200", "300", "");
    // Pillar 2, output 2.1: one not funded at all, one not costed.
    add("2.1", "1000.50", "", "");
    add("2.1", "", "10", "0.01");

    const view = getActionPlan(reporter, id);
    expect(view.totals.overall).toEqual({
      activities: 4,
      needed: 1300.6,
      allocated: 360.05,
      spent: 20.01,
      unfunded: 1050.55,
    });
    expect(
      view.totals.byOutput.map((o) => [o.code, o.needed, o.allocated, o.spent, o.unfunded]),
    ).toEqual([
      ["1.1", 300.1, 350.05, 20, 50.05],
      ["2.1", 1000.5, 10, 0.01, 1000.5],
    ]);
    expect(view.totals.byPillar.map((p) => [p.number, p.needed, p.allocated, p.unfunded])).toEqual([
      [1, 300.1, 350.05, 50.05],
      [2, 1000.5, 10, 1000.5],
    ]);
    expect(view.activities.map((a) => a.unfunded)).toEqual([50.05, 0, 1000.5, 0]);

    const steering = getActionPlanTotals(CALLERS.reviewer(), { planId: rwandaPlan(), year: 2020 });
    expect(steering.byInstitution).toEqual([
      expect.objectContaining({
        acronym: "MIGEPROF",
        activities: 4,
        needed: 1300.6,
        allocated: 360.05,
        spent: 20.01,
        unfunded: 1050.55,
      }),
    ]);
    expect(steering.overall.unfunded).toBe(1050.55);
    const listed = listActionPlans(CALLERS.reviewer(), { year: 2020 });
    expect(listed.map((p) => [p.institution, p.totals.needed, p.totals.unfunded])).toEqual([
      ["MIGEPROF", 1300.6, 1050.55],
    ]);
  });

  it("the steering committee's totals for the seeded 2022 plans equal a sum over every activity", () => {
    const rows = db()
      .select({
        acronym: s.institutions.acronym,
        needed: s.activities.budgetNeeded,
        allocated: s.activities.budgetAllocated,
      })
      .from(s.activities)
      .innerJoin(s.actionPlans, eq(s.actionPlans.id, s.activities.actionPlanId))
      .innerJoin(s.institutions, eq(s.institutions.id, s.actionPlans.institutionId))
      .where(and(eq(s.actionPlans.planId, rwandaPlan()), eq(s.actionPlans.year, 2022)))
      .all();
    expect(rows.length).toBeGreaterThan(10);
    const needed = rows.reduce((sum, r) => sum + (r.needed ?? 0), 0);
    const unfunded = rows.reduce(
      (sum, r) => sum + Math.max((r.needed ?? 0) - (r.allocated ?? 0), 0),
      0,
    );
    const totals = getActionPlanTotals(CALLERS.admin(), { planId: rwandaPlan(), year: 2022 });
    expect(totals.overall.needed).toBe(needed);
    expect(totals.overall.unfunded).toBe(unfunded);
    expect(totals.overall.unfunded).toBeGreaterThan(0);
    const sumOf = (list: { unfunded: number }[]) => list.reduce((a, r) => a + r.unfunded, 0);
    expect(sumOf(totals.byInstitution)).toBe(unfunded);
    expect(sumOf(totals.byPillar)).toBe(unfunded);
    expect(sumOf(totals.byOutput)).toBe(unfunded);
  });
});

describe("the action plan's life", () => {
  it("draft → submitted → returned → submitted → approved → reopened, each audited and announced", () => {
    const reporter = CALLERS.reporterB();
    const reviewer = CALLERS.reviewer();
    const admin = CALLERS.admin();
    const plan = actionPlanOf("RNP", 2022);
    const status = () => getActionPlan(reviewer, plan.id).actionPlan;

    let { version } = submitActionPlan(reporter, plan.id, { version: plan.version });
    expect(status()).toMatchObject({ status: "submitted", state: "submitted" });
    // Submitted: locked for the reporter.
    expect(() => addActivity(reporter, plan.id, valid(version))).toThrow(
      expect.objectContaining({ code: "CONFLICT" }),
    );
    expect(getActionPlan(reporter, plan.id).may).toMatchObject({ edit: false, review: false });
    expect(getActionPlan(reviewer, plan.id).may).toMatchObject({ review: true, reopen: false });

    // A return needs a reason.
    expect(() => returnActionPlan(reviewer, plan.id, { version, reason: " " })).toThrow(
      expect.objectContaining({ code: "VALIDATION" }),
    );
    ({ version } = returnActionPlan(reviewer, plan.id, {
      version,
      reason: "Cost the hotline upgrade in detail.",
    }));
    expect(status()).toMatchObject({
      status: "draft",
      state: "returned",
      reason: "Cost the hotline upgrade in detail.",
    });
    // Returned: editable again.
    ({ version } = addActivity(reporter, plan.id, {
      ...valid(version),
      outputId: outputId("2.3"),
    }));
    ({ version } = submitActionPlan(reporter, plan.id, { version }));
    expect(status()).toMatchObject({ status: "submitted", reason: null });
    ({ version } = approveActionPlan(reviewer, plan.id, { version }));
    expect(status()).toMatchObject({ status: "approved", approvedBy: expect.any(String) });
    expect(() => approveActionPlan(reviewer, plan.id, { version })).toThrow(
      expect.objectContaining({ code: "CONFLICT" }),
    );
    ({ version } = reopenActionPlan(admin, plan.id, {
      version,
      reason: "Budget revised in June.",
    }));
    expect(status()).toMatchObject({
      status: "draft",
      state: "reopened",
      reason: "Budget revised in June.",
    });

    const events = db()
      .select({
        action: s.auditEvents.action,
        before: s.auditEvents.before,
        after: s.auditEvents.after,
        reason: s.auditEvents.reason,
      })
      .from(s.auditEvents)
      .where(
        and(
          eq(s.auditEvents.entityType, "action_plan"),
          eq(s.auditEvents.entityId, String(plan.id)),
        ),
      )
      .orderBy(asc(s.auditEvents.id))
      .all();
    expect(events.map((e) => e.action)).toEqual([
      "actionplan.submit",
      "actionplan.return",
      "actionplan.activity.add",
      "actionplan.submit",
      "actionplan.approve",
      "actionplan.reopen",
    ]);
    expect(events.at(-1)).toMatchObject({
      before: { status: "approved" },
      after: { status: "draft", version },
      reason: "Budget revised in June.",
    });

    const rnpReporterNotes = db()
      .select({ title: s.notifications.title })
      .from(s.notifications)
      .innerJoin(s.users, eq(s.users.id, s.notifications.userId))
      .where(eq(s.users.email, "reporter.rnp@example.org"))
      .orderBy(desc(s.notifications.id))
      .all()
      .map((n) => n.title);
    expect(rnpReporterNotes.slice(0, 3)).toEqual([
      "Your approved action plan for July 2022 – June 2023 was reopened",
      "Your action plan for July 2022 – June 2023 was approved",
      "Your action plan for July 2022 – June 2023 was returned",
    ]);
    const reviewerNotes = db()
      .select({ title: s.notifications.title, link: s.notifications.link })
      .from(s.notifications)
      .where(eq(s.notifications.userId, reviewer.id))
      .orderBy(desc(s.notifications.id))
      .get();
    expect(reviewerNotes).toEqual({
      title: "RNP submitted its action plan for July 2022 – June 2023",
      link: `/review/action-plans/${plan.id}`,
    });
  });

  it("refuses to submit an empty plan, and to remove an activity a report refers to", () => {
    const reporter = CALLERS.reporterA();
    const id = createActionPlan(reporter, { planId: rwandaPlan(), year: 2018 });
    expect(createActionPlan(reporter, { planId: rwandaPlan(), year: 2018 })).toBe(id);
    expect(() => submitActionPlan(reporter, id, { version: 1 })).toThrow(
      expect.objectContaining({
        code: "VALIDATION",
        message: expect.stringMatching(/at least one activity/),
      }),
    );
    expect(() => createActionPlan(reporter, { planId: rwandaPlan(), year: 2031 })).toThrow(
      expect.objectContaining({ code: "VALIDATION" }),
    );
    const plan = actionPlanOf("MIGEPROF", 2022);
    const before = snapshot();
    expect(() =>
      removeActivity(reporter, plan.id, {
        version: plan.version,
        activityId: activitiesOf(plan.id)[0]?.id,
      }),
    ).toThrow(
      expect.objectContaining({ code: "CONFLICT", message: expect.stringMatching(/Cancelled/) }),
    );
    expect(snapshot()).toBe(before);
  });

  it("edits, removes and reorders activities, each audited with before and after", () => {
    const reporter = CALLERS.reporterB();
    const plan = actionPlanOf("RNP", 2022);
    const [first, second] = activitiesOf(plan.id);
    if (!first || !second) throw new Error("RNP's plan needs two activities");
    let { version } = moveActivity(reporter, plan.id, {
      version: plan.version,
      activityId: second.id,
      direction: "up",
    });
    expect(activitiesOf(plan.id).map((a) => a.id)).toEqual([second.id, first.id]);
    expect(() =>
      moveActivity(reporter, plan.id, { version, activityId: second.id, direction: "up" }),
    ).toThrow(expect.objectContaining({ code: "CONFLICT" }));
    ({ version } = updateActivity(reporter, plan.id, first.id, {
      ...valid(version),
      outputId: first.outputId,
      description: "Hotline upgrade, phase 1",
      status: "delayed",
    }));
    expect(activitiesOf(plan.id).find((a) => a.id === first.id)).toMatchObject({
      description: "Hotline upgrade, phase 1",
      status: "delayed",
      budgetNeeded: 1_000_000,
    });
    const update = db()
      .select({ before: s.auditEvents.before, after: s.auditEvents.after })
      .from(s.auditEvents)
      .where(eq(s.auditEvents.action, "actionplan.activity.update"))
      .get();
    expect(update?.before).toMatchObject({ activity: { description: first.description } });
    expect(update?.after).toMatchObject({ activity: { description: "Hotline upgrade, phase 1" } });
    ({ version } = removeActivity(reporter, plan.id, { version, activityId: second.id }));
    expect(activitiesOf(plan.id).map((a) => a.id)).toEqual([first.id]);
    // An activity of another plan is not part of this one.
    const other = activitiesOf(actionPlanOf("MIGEPROF", 2022).id)[0];
    expect(() =>
      updateActivity(reporter, plan.id, other?.id, { ...valid(version), outputId: first.outputId }),
    ).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
  });

  it("refuses a stale write, naming who changed the plan, and changes nothing", () => {
    const plan = actionPlanOf("RNP", 2022);
    addActivity(CALLERS.reporterB(), plan.id, valid(plan.version));
    const before = snapshot();
    let caught: unknown;
    try {
      addActivity(CALLERS.reporterB(), plan.id, valid(plan.version, { description: "Mine too" }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/changed after you opened it\. .+ changed it at/),
    });
    expect(snapshot()).toBe(before);
    expect(() => submitActionPlan(CALLERS.reporterB(), plan.id, { version: plan.version })).toThrow(
      expect.objectContaining({ code: "CONFLICT" }),
    );
    const reviewer = CALLERS.reviewer();
    const fresh = actionPlanOf("RNP", 2022);
    submitActionPlan(CALLERS.reporterB(), plan.id, { version: fresh.version });
    expect(() => approveActionPlan(reviewer, plan.id, { version: fresh.version })).toThrow(
      expect.objectContaining({ code: "CONFLICT" }),
    );
    expect(actionPlanOf("RNP", 2022).version).toBe(fresh.version + 1);
  });
});
