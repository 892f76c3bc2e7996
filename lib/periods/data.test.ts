import { and, asc, eq, like } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, institutions, plans, progressReports, reportingPeriods } from "@/db/schema";
import { expectedInstitutionIds } from "@/lib/reports/expected";
import { withTestDatabase } from "@/test/db";
import { CALLER_NAMES, CALLERS, viewerFor } from "@/test/viewers";
import { createPeriods, getPeriod, listPeriods, setPeriodStatus, updateDeadline } from "./data";

withTestDatabase();

const db = () => getDb();
const admin = () => viewerFor("admin@example.org");

/** A plan of our own, so that no period the demo seed may hold gets in the way. */
function insertPlan(
  slug: string,
  fiscalYearStartMonth: number,
  status: "active" | "closed" = "active",
) {
  return db()
    .insert(plans)
    .values({
      slug,
      countryCode: "XTS",
      countryName: "Testland",
      title: `Test plan ${slug}`,
      generation: 1,
      startYear: 2024,
      endYear: 2027,
      status,
      currency: "USD",
      fiscalYearStartMonth,
    })
    .returning({ id: plans.id })
    .get().id;
}

const periodsOf = (planId: number) =>
  db()
    .select({
      code: reportingPeriods.code,
      type: reportingPeriods.type,
      startDate: reportingPeriods.startDate,
      endDate: reportingPeriods.endDate,
      deadline: reportingPeriods.deadline,
      status: reportingPeriods.status,
    })
    .from(reportingPeriods)
    .where(eq(reportingPeriods.planId, planId))
    .orderBy(asc(reportingPeriods.startDate), asc(reportingPeriods.code))
    .all();

const periodId = (planId: number, code: string) =>
  db()
    .select({ id: reportingPeriods.id })
    .from(reportingPeriods)
    .where(and(eq(reportingPeriods.planId, planId), eq(reportingPeriods.code, code)))
    .get()?.id ?? -1;

const periodAudit = (entityId?: number) =>
  db()
    .select({
      action: auditEvents.action,
      actorLabel: auditEvents.actorLabel,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
      reason: auditEvents.reason,
    })
    .from(auditEvents)
    .where(
      and(
        like(auditEvents.action, "period.%"),
        entityId === undefined ? undefined : eq(auditEvents.entityId, String(entityId)),
      ),
    )
    .orderBy(asc(auditEvents.id))
    .all();

const rwandaId = () =>
  db().select({ id: plans.id }).from(plans).where(eq(plans.slug, "rwanda-2018-2022")).get()?.id ??
  -1;

function expectError(run: () => unknown, code: string, message: string | RegExp) {
  let error: unknown;
  try {
    run();
  } catch (caught) {
    error = caught;
  }
  expect(error).toMatchObject({ code });
  expect((error as Error).message).toMatch(message);
}

describe("creating reporting periods", () => {
  it("creates one quarter of a calendar plan, due 30 days after it ends, with its audit event", () => {
    const planId = insertPlan("calendar-test", 1);
    const result = createPeriods(admin(), { planId, type: "quarterly", year: 2025, index: 3 });
    expect(result.planSlug).toBe("calendar-test");
    expect(result.created).toEqual([
      { id: expect.any(Number), code: "2025Q3", label: "Q3 2025 (July–September)" },
    ]);
    expect(periodsOf(planId)).toEqual([
      {
        code: "2025Q3",
        type: "quarterly",
        startDate: "2025-07-01",
        endDate: "2025-09-30",
        deadline: "2025-10-30",
        status: "open",
      },
    ]);
    expect(periodAudit(result.created[0]?.id)).toEqual([
      {
        action: "period.create",
        actorLabel: "admin@example.org",
        entityType: "reporting_period",
        entityId: String(result.created[0]?.id),
        before: null,
        after: {
          planId,
          planSlug: "calendar-test",
          code: "2025Q3",
          type: "quarterly",
          startDate: "2025-07-01",
          endDate: "2025-09-30",
          deadline: "2025-10-30",
          status: "open",
        },
        reason: null,
      },
    ]);
  });

  it("creates both halves of a calendar year and an annual period", () => {
    const planId = insertPlan("calendar-test", 1);
    createPeriods(admin(), { planId, type: "semi_annual", year: 2026, all: true });
    createPeriods(admin(), {
      planId,
      type: "annual",
      year: 2026,
      index: 1,
      deadline: "2027-03-31",
    });
    expect(periodsOf(planId).map((p) => [p.code, p.startDate, p.endDate, p.deadline])).toEqual([
      ["2026", "2026-01-01", "2026-12-31", "2027-03-31"],
      ["2026S1", "2026-01-01", "2026-06-30", "2026-07-30"],
      ["2026S2", "2026-07-01", "2026-12-31", "2027-01-30"],
    ]);
    expect(periodAudit().map((e) => e.action)).toEqual([
      "period.create",
      "period.create",
      "period.create",
    ]);
  });

  it("creates the four quarters of a July fiscal year at once", () => {
    const planId = insertPlan("fiscal-test", 7);
    const result = createPeriods(admin(), { planId, type: "quarterly", year: 2025, all: true });
    expect(result.created.map((c) => c.code)).toEqual([
      "2025JulyQ1",
      "2025JulyQ2",
      "2025JulyQ3",
      "2025JulyQ4",
    ]);
    expect(result.created[2]?.label).toBe("Q3 of the year from July 2025 (January–March 2026)");
    expect(periodsOf(planId).map((p) => [p.code, p.startDate, p.endDate, p.deadline])).toEqual([
      ["2025JulyQ1", "2025-07-01", "2025-09-30", "2025-10-30"],
      ["2025JulyQ2", "2025-10-01", "2025-12-31", "2026-01-30"],
      ["2025JulyQ3", "2026-01-01", "2026-03-31", "2026-04-30"],
      ["2025JulyQ4", "2026-04-01", "2026-06-30", "2026-07-30"],
    ]);
    expect(periodAudit()).toHaveLength(4);
  });

  it("uses Rwanda's July fiscal year for its plan", () => {
    const planId = rwandaId();
    // The demo seed may hold some of Rwanda's periods: pick a half-year it does not have.
    const taken = new Set(periodsOf(planId).map((p) => p.code));
    const year = [2022, 2021, 2020, 2019, 2018].find((y) => !taken.has(`${y}JulyS2`));
    expect(year, "every year of Rwanda's plan already has its S2").toBeDefined();
    const { created } = createPeriods(admin(), {
      planId,
      type: "semi_annual",
      year: year ?? 0,
      index: 2,
    });
    expect(created.map((c) => c.code)).toEqual([`${year}JulyS2`]);
    expect(periodsOf(planId).find((p) => p.code === `${year}JulyS2`)).toMatchObject({
      startDate: `${(year ?? 0) + 1}-01-01`,
      endDate: `${(year ?? 0) + 1}-06-30`,
      deadline: `${(year ?? 0) + 1}-07-30`,
    });
  });

  it("refuses a duplicate, naming the code, and creates nothing of a partly taken year", () => {
    const planId = insertPlan("fiscal-test", 7);
    createPeriods(admin(), { planId, type: "quarterly", year: 2025, index: 2 });
    createPeriods(admin(), { planId, type: "quarterly", year: 2025, index: 4 });
    const before = periodsOf(planId);
    expectError(
      () => createPeriods(admin(), { planId, type: "quarterly", year: 2025, index: 2 }),
      "CONFLICT",
      "2025JulyQ2 already exists for this plan; nothing was created.",
    );
    expectError(
      () => createPeriods(admin(), { planId, type: "quarterly", year: 2025, all: true }),
      "CONFLICT",
      "2025JulyQ2 and 2025JulyQ4 already exist for this plan; nothing was created.",
    );
    expect(periodsOf(planId)).toEqual(before);
    expect(periodAudit()).toHaveLength(2);
  });

  it("refuses a year outside the plan's years, saying which they are", () => {
    const planId = insertPlan("fiscal-test", 7);
    expectError(
      () => createPeriods(admin(), { planId, type: "annual", year: 2028, index: 1 }),
      "VALIDATION",
      "2028 is outside the plan's years, 2024–2027: choose a year from 2024/25 (July 2024 – June 2025) to 2027/28 (July 2027 – June 2028).",
    );
    expectError(
      () => createPeriods(admin(), { planId, type: "quarterly", year: 2023, all: true }),
      "VALIDATION",
      /^2023 is outside the plan's years, 2024–2027/,
    );
    const calendar = insertPlan("calendar-test", 1);
    expectError(
      () => createPeriods(admin(), { planId: calendar, type: "annual", year: 2030, index: 1 }),
      "VALIDATION",
      "2030 is outside the plan's years, 2024–2027: choose a year from 2024 to 2027.",
    );
    expect(periodsOf(planId)).toEqual([]);
    expect(periodsOf(calendar)).toEqual([]);
  });

  it("refuses a deadline before the period starts, a closed plan, an unknown plan or index", () => {
    const planId = insertPlan("fiscal-test", 7);
    expectError(
      () =>
        createPeriods(admin(), {
          planId,
          type: "quarterly",
          year: 2025,
          index: 3,
          deadline: "2025-12-31",
        }),
      "VALIDATION",
      "The deadline 31 December 2025 is before 2025JulyQ3 starts (1 January 2026).",
    );
    expectError(
      () =>
        createPeriods(admin(), {
          planId,
          type: "quarterly",
          year: 2025,
          all: true,
          deadline: "2026-01-15",
        }),
      "VALIDATION",
      "The deadline 15 January 2026 is before 2025JulyQ4 starts (1 April 2026).",
    );
    const closed = insertPlan("closed-test", 1, "closed");
    expectError(
      () => createPeriods(admin(), { planId: closed, type: "annual", year: 2025, index: 1 }),
      "CONFLICT",
      "is closed; a closed plan gets no new reporting periods",
    );
    expectError(
      () => createPeriods(admin(), { planId: 999_999, type: "annual", year: 2025, index: 1 }),
      "NOT_FOUND",
      "This plan was not found.",
    );
    expectError(
      () => createPeriods(admin(), { planId, type: "semi_annual", year: 2025, index: 3 }),
      "VALIDATION",
      "Choose which half-year (1 to 2), or all of them.",
    );
    expect(periodsOf(planId)).toEqual([]);
    expect(periodsOf(closed)).toEqual([]);
    expect(periodAudit()).toEqual([]);
  });

  it("refuses Rwanda's first plan, which is closed", () => {
    const closed = db()
      .select({ id: plans.id })
      .from(plans)
      .where(eq(plans.slug, "rwanda-2009-2012"))
      .get()?.id;
    expectError(
      () => createPeriods(admin(), { planId: closed ?? -1, type: "annual", year: 2010, index: 1 }),
      "CONFLICT",
      "a closed plan gets no new reporting periods",
    );
  });
});

describe("deadlines, closing and reopening", () => {
  let planId = 0;
  let id = 0;
  beforeEach(() => {
    planId = insertPlan("fiscal-test", 7);
    createPeriods(admin(), { planId, type: "quarterly", year: 2025, index: 2 });
    id = periodId(planId, "2025JulyQ2");
  });

  it("moves a deadline, with before and after in the audit log", () => {
    expect(updateDeadline(admin(), id, "2026-02-15")).toEqual({ changed: true });
    expect(periodsOf(planId)[0]?.deadline).toBe("2026-02-15");
    expect(periodAudit(id).slice(1)).toEqual([
      expect.objectContaining({
        action: "period.update_deadline",
        before: { code: "2025JulyQ2", deadline: "2026-01-30" },
        after: { code: "2025JulyQ2", deadline: "2026-02-15" },
      }),
    ]);
    // The same deadline again changes nothing and writes nothing.
    expect(updateDeadline(admin(), id, "2026-02-15")).toEqual({ changed: false });
    expect(periodAudit(id)).toHaveLength(2);
  });

  it("refuses a deadline before the period starts, and an unknown period", () => {
    expectError(
      () => updateDeadline(admin(), id, "2025-09-30"),
      "VALIDATION",
      "The deadline 30 September 2025 is before 2025JulyQ2 starts (1 October 2025).",
    );
    expectError(() => updateDeadline(admin(), 999_999, "2026-01-01"), "NOT_FOUND", "not found");
    expect(periodsOf(planId)[0]?.deadline).toBe("2026-01-30");
  });

  it("closes with a reason, recording the drafts it locks, and reopens only with a reason", () => {
    const institutionIds = db().select({ id: institutions.id }).from(institutions).limit(2).all();
    db()
      .insert(progressReports)
      .values([
        { institutionId: institutionIds[0]?.id ?? -1, periodId: id, status: "draft" },
        { institutionId: institutionIds[1]?.id ?? -1, periodId: id, status: "submitted" },
      ])
      .run();

    expect(setPeriodStatus(admin(), id, "closed", " Deadline long past ")).toEqual({
      changed: true,
    });
    expect(periodsOf(planId)[0]?.status).toBe("closed");
    expect(periodAudit(id).at(-1)).toMatchObject({
      action: "period.close",
      before: { code: "2025JulyQ2", status: "open" },
      after: { code: "2025JulyQ2", status: "closed", draftsLocked: 1 },
      reason: "Deadline long past",
    });

    expectError(
      () => setPeriodStatus(admin(), id, "open", "   "),
      "VALIDATION",
      "Give the reason for reopening the period",
    );
    expect(periodsOf(planId)[0]?.status).toBe("closed");

    expect(setPeriodStatus(admin(), id, "open", "Two ministries sent late figures")).toEqual({
      changed: true,
    });
    expect(periodsOf(planId)[0]?.status).toBe("open");
    expect(periodAudit(id).at(-1)).toMatchObject({
      action: "period.reopen",
      before: { status: "closed" },
      after: { status: "open", draftsEditable: 1 },
      reason: "Two ministries sent late figures",
    });
    // Opening an open period changes nothing.
    expect(setPeriodStatus(admin(), id, "open", "again")).toEqual({ changed: false });
    expect(periodAudit(id).map((e) => e.action)).toEqual([
      "period.create",
      "period.close",
      "period.reopen",
    ]);
  });

  it("does not reopen a period of a closed plan", () => {
    setPeriodStatus(admin(), id, "closed");
    db().update(plans).set({ status: "closed" }).where(eq(plans.id, planId)).run();
    expectError(
      () => setPeriodStatus(admin(), id, "open", "Need it"),
      "CONFLICT",
      "The plan is closed; its reporting periods cannot be reopened.",
    );
    expect(periodsOf(planId)[0]?.status).toBe("closed");
  });
});

describe("listing reporting periods", () => {
  it("lists each plan's periods in date order with labels, report counts and expected institutions", () => {
    const planId = rwandaId();
    const taken = new Set(periodsOf(planId).map((p) => p.code));
    const year = [2022, 2021, 2020, 2019, 2018].find(
      (y) => !taken.has(`${y}JulyQ1`) && !taken.has(`${y}JulyQ2`),
    );
    expect(year).toBeDefined();
    createPeriods(admin(), { planId, type: "quarterly", year: year ?? 0, index: 2 });
    createPeriods(admin(), { planId, type: "quarterly", year: year ?? 0, index: 1 });
    const q1 = periodId(planId, `${year}JulyQ1`);
    const [a, b, c] = db().select({ id: institutions.id }).from(institutions).limit(3).all();
    db()
      .insert(progressReports)
      .values([
        { institutionId: a?.id ?? -1, periodId: q1, status: "approved" },
        { institutionId: b?.id ?? -1, periodId: q1, status: "submitted" },
        { institutionId: c?.id ?? -1, periodId: q1, status: "approved" },
      ])
      .run();

    const groups = listPeriods(admin());
    const slugs = groups.map((g) => g.plan.slug);
    expect(slugs).toContain("rwanda-2018-2022");
    expect(slugs).toContain("rwanda-2009-2012");
    // Active plans come before closed ones.
    expect(slugs.indexOf("rwanda-2018-2022")).toBeLessThan(slugs.indexOf("rwanda-2009-2012"));

    const [rwanda] = listPeriods(admin(), "rwanda-2018-2022");
    expect(rwanda?.plan).toMatchObject({
      slug: "rwanda-2018-2022",
      startYear: 2018,
      endYear: 2022,
      status: "active",
      fiscalYearStartMonth: 7,
    });
    expect(rwanda?.expectedInstitutions).toBe(expectedInstitutionIds(db(), planId).length);
    expect(rwanda?.expectedInstitutions).toBeGreaterThan(0);
    const starts = rwanda?.periods.map((p) => p.startDate) ?? [];
    expect(starts).toEqual([...starts].sort());
    const mine = rwanda?.periods.filter((p) => p.code.startsWith(`${year}JulyQ`));
    expect(mine).toEqual([
      {
        id: q1,
        code: `${year}JulyQ1`,
        type: "quarterly",
        label: `Q1 of the year from July ${year} (July–September ${year})`,
        startDate: `${year}-07-01`,
        endDate: `${year}-09-30`,
        deadline: `${year}-10-30`,
        status: "open",
        reports: { draft: 0, submitted: 1, approved: 2 },
      },
      expect.objectContaining({
        code: `${year}JulyQ2`,
        reports: { draft: 0, submitted: 0, approved: 0 },
      }),
    ]);
    expect(getPeriod(admin(), q1)).toMatchObject({
      code: `${year}JulyQ1`,
      plan: { slug: "rwanda-2018-2022" },
      reports: { draft: 0, submitted: 1, approved: 2 },
    });
    expect(() => listPeriods(admin(), "atlantis-2020-2024")).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    expect(() => getPeriod(admin(), 999_999)).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
  });
});

describe("reporting periods deny matrix", () => {
  let planId = 0;
  let open = 0;
  let closed = 0;
  beforeEach(() => {
    planId = insertPlan("fiscal-test", 7);
    createPeriods(admin(), { planId, type: "quarterly", year: 2025, all: true });
    open = periodId(planId, "2025JulyQ1");
    closed = periodId(planId, "2025JulyQ2");
    setPeriodStatus(admin(), closed, "closed", "set-up");
  });
  const snapshot = () =>
    JSON.stringify([
      db().select().from(reportingPeriods).orderBy(reportingPeriods.id).all(),
      periodAudit(),
    ]);

  type Caller = ReturnType<(typeof CALLERS)[keyof typeof CALLERS]>;
  const OPERATIONS: Record<string, (v: Caller) => unknown> = {
    listPeriods: (v) => listPeriods(v),
    getPeriod: (v) => getPeriod(v, open),
    createPeriods: (v) => createPeriods(v, { planId, type: "semi_annual", year: 2026, index: 2 }),
    createAllPeriods: (v) => createPeriods(v, { planId, type: "quarterly", year: 2026, all: true }),
    updateDeadline: (v) => updateDeadline(v, open, "2025-12-01"),
    closePeriod: (v) => setPeriodStatus(v, open, "closed", "Too late"),
    reopenPeriod: (v) => setPeriodStatus(v, closed, "open", "Let me in"),
  };

  for (const [name, operation] of Object.entries(OPERATIONS)) {
    for (const caller of CALLER_NAMES.filter((c) => c !== "admin")) {
      it(`refuses ${name} to ${caller} and changes nothing`, () => {
        const before = snapshot();
        const viewer = CALLERS[caller]();
        expect(() => operation(viewer)).toThrow(
          expect.objectContaining({ code: viewer ? "FORBIDDEN" : "UNAUTHENTICATED" }),
        );
        expect(snapshot()).toBe(before);
        if (viewer) {
          // The refusal itself is in the audit log.
          const denied = db()
            .select({ after: auditEvents.after })
            .from(auditEvents)
            .where(eq(auditEvents.action, "authz.denied"))
            .orderBy(asc(auditEvents.id))
            .all()
            .at(-1);
          expect(denied?.after).toMatchObject({ attempted: "periods.manage" });
        }
      });
    }
    it(`allows ${name} to an admin`, () => {
      const before = snapshot();
      expect(() => operation(CALLERS.admin())).not.toThrow();
      // Reads change nothing; each write changes something (so the refusals above mean it).
      if (name === "listPeriods" || name === "getPeriod") expect(snapshot()).toBe(before);
      else expect(snapshot()).not.toBe(before);
    });
  }
});
