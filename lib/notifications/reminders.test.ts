/** Deadline reminders against a real copy of the seeded database, at chosen dates. */
import { and, eq, like } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { notifications, plans, progressReports, reportingPeriods, users } from "@/db/schema";
import { expectedInstitutionIds } from "@/lib/reports/expected";
import { withTestDatabase } from "@/test/db";
import { CALLERS } from "@/test/viewers";
import { listNotifications } from "./data";
import { daysUntil, localDate, runReminders } from "./reminders";

withTestDatabase();

/** 10 January 2031, 9:00 in the server's time zone. */
const TODAY = new Date(2031, 0, 10, 9, 0);
const DAYS = [7, 1];

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days, date.getHours());
}

function activePlan() {
  const plan = getDb()
    .select({ id: plans.id, title: plans.title })
    .from(plans)
    .where(eq(plans.status, "active"))
    .orderBy(plans.id)
    .get();
  if (!plan) throw new Error("the seed has no active plan");
  return plan;
}

/** A fresh open period of the active plan, due `daysAhead` days after TODAY; other periods closed. */
function periodDueIn(daysAhead: number, options: { status?: "open" | "closed" } = {}) {
  const db = getDb();
  db.update(reportingPeriods).set({ status: "closed" }).run();
  const plan = activePlan();
  return db
    .insert(reportingPeriods)
    .values({
      planId: plan.id,
      code: "2031Q1",
      type: "quarterly",
      startDate: "2031-01-01",
      endDate: "2031-03-31",
      deadline: localDate(addDays(TODAY, daysAhead)),
      status: options.status ?? "open",
    })
    .returning({ id: reportingPeriods.id })
    .get().id;
}

function remindersOf(caller: "reporterA" | "reporterB") {
  return listNotifications(CALLERS[caller](), { limit: 100 }).filter((n) =>
    n.kind.startsWith("deadline."),
  );
}

function keysOf(email: string) {
  return getDb()
    .select({ key: notifications.dedupeKey })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(eq(users.email, email), like(notifications.dedupeKey, "deadline:%")))
    .orderBy(notifications.id)
    .all()
    .map((row) => row.key);
}

const A = "reporter.migeprof@example.org";

describe("daysUntil", () => {
  it("counts whole calendar days, also across months and DST changes", () => {
    expect(daysUntil("2031-01-17", "2031-01-10")).toBe(7);
    expect(daysUntil("2031-01-10", "2031-01-10")).toBe(0);
    expect(daysUntil("2031-01-09", "2031-01-10")).toBe(-1);
    expect(daysUntil("2031-04-01", "2031-03-25")).toBe(7);
    expect(daysUntil("2031-11-01", "2031-10-25")).toBe(7);
  });
});

describe("runReminders", () => {
  afterEach(() => {
    delete process.env.REMINDER_DAYS;
  });

  it("the institutions of the test are expected to report", () => {
    const expected = expectedInstitutionIds(getDb(), activePlan().id);
    expect(expected).toContain(CALLERS.reporterA().institutionId);
    expect(expected).toContain(CALLERS.reporterB().institutionId);
  });

  const CASES: { days: number; title: string | null; key: string | null }[] = [
    { days: 8, title: null, key: null },
    { days: 7, title: "Report due in 7 days: Q1 2031 (January–March)", key: "7d" },
    // The app was not running 7 days before: the 7-day reminder, late, and only that one.
    { days: 3, title: "Report due in 3 days: Q1 2031 (January–March)", key: "7d" },
    { days: 1, title: "Report due tomorrow: Q1 2031 (January–March)", key: "1d" },
    { days: 0, title: "Report due today: Q1 2031 (January–March)", key: "1d" },
    { days: -1, title: "Report overdue: Q1 2031 (January–March)", key: "overdue" },
  ];

  for (const { days, title, key } of CASES) {
    it(`${days} days before the deadline: ${title ?? "nothing yet"}`, () => {
      const periodId = periodDueIn(days);
      runReminders(TODAY, DAYS);
      const mine = remindersOf("reporterA");
      if (title === null) {
        expect(mine).toEqual([]);
        return;
      }
      expect(mine.map((n) => n.title)).toEqual([title]);
      expect(keysOf(A)).toEqual([`deadline:${periodId}:${key}`]);
      expect(mine[0]?.link).toBe("/workspace");
      expect(mine[0]?.kind).toBe(key === "overdue" ? "deadline.overdue" : "deadline.reminder");
    });
  }

  it("names the institution, the period, the plan and the deadline", () => {
    periodDueIn(7);
    runReminders(TODAY, DAYS);
    const [reminder] = remindersOf("reporterA");
    expect(reminder?.body).toBe(
      `MIGEPROF's progress report for Q1 2031 (January–March) (${activePlan().title}) is due on 17 January 2031. It has not been submitted yet.`,
    );
  });

  it("each reminder once per user, over days of repeated runs, and never a missed one late", () => {
    const periodId = periodDueIn(8);
    const created: number[] = [];
    // Every day from 8 days before to 3 days after, several runs a day; a gap (app down) at 2.
    for (const day of [8, 8, 7, 7, 6, 5, 4, 3, 1, 1, 0, 0, -1, -1, -2, -3]) {
      const now = addDays(TODAY, 8 - day);
      created.push(runReminders(now, DAYS), runReminders(now, DAYS));
    }
    expect(keysOf(A)).toEqual([
      `deadline:${periodId}:7d`,
      `deadline:${periodId}:1d`,
      `deadline:${periodId}:overdue`,
    ]);
    expect(remindersOf("reporterA").map((n) => n.title)).toEqual([
      "Report overdue: Q1 2031 (January–March)",
      "Report due tomorrow: Q1 2031 (January–March)",
      "Report due in 7 days: Q1 2031 (January–March)",
    ]);
    // A repeated run the same day creates nothing.
    for (let i = 1; i < created.length; i += 2) expect(created[i]).toBe(0);
  });

  it("after the app was down across the deadline, only the overdue notice", () => {
    const periodId = periodDueIn(5);
    runReminders(addDays(TODAY, 5 + 2), DAYS);
    expect(keysOf(A)).toEqual([`deadline:${periodId}:overdue`]);
  });

  it("a submitted or approved report stops the reminders; a draft does not", () => {
    const periodId = periodDueIn(1);
    const a = CALLERS.reporterA();
    const b = CALLERS.reporterB();
    getDb()
      .insert(progressReports)
      .values([
        { institutionId: a.institutionId ?? 0, periodId, status: "draft" },
        { institutionId: b.institutionId ?? 0, periodId, status: "submitted" },
      ])
      .run();
    runReminders(TODAY, DAYS);
    expect(remindersOf("reporterA")).toHaveLength(1);
    expect(remindersOf("reporterB")).toEqual([]);
    getDb()
      .update(progressReports)
      .set({ status: "approved" })
      .where(eq(progressReports.periodId, periodId))
      .run();
    runReminders(addDays(TODAY, 2), DAYS);
    expect(remindersOf("reporterA")).toHaveLength(1);
  });

  it("nothing for a closed period or a plan that is not active", () => {
    const periodId = periodDueIn(1, { status: "closed" });
    runReminders(TODAY, DAYS);
    expect(remindersOf("reporterA")).toEqual([]);

    getDb()
      .update(reportingPeriods)
      .set({ status: "open" })
      .where(eq(reportingPeriods.id, periodId))
      .run();
    getDb().update(plans).set({ status: "closed" }).run();
    runReminders(TODAY, DAYS);
    expect(remindersOf("reporterA")).toEqual([]);
  });

  it("skips deactivated reporters, and reminds one who joins later of the current step", () => {
    const periodId = periodDueIn(7);
    getDb().update(users).set({ active: false }).where(eq(users.email, A)).run();
    runReminders(TODAY, DAYS);
    expect(keysOf(A)).toEqual([]);
    getDb().update(users).set({ active: true }).where(eq(users.email, A)).run();
    runReminders(addDays(TODAY, 1), DAYS);
    expect(keysOf(A)).toEqual([`deadline:${periodId}:7d`]);
  });

  it("reads the days from REMINDER_DAYS by default", () => {
    process.env.REMINDER_DAYS = "3";
    const periodId = periodDueIn(7);
    expect(runReminders(TODAY)).toBe(0);
    getDb()
      .update(reportingPeriods)
      .set({ deadline: localDate(addDays(TODAY, 3)) })
      .where(eq(reportingPeriods.id, periodId))
      .run();
    expect(runReminders(TODAY)).toBeGreaterThan(0);
    expect(keysOf(A)).toHaveLength(1);
    expect(keysOf(A)[0]).toMatch(/:3d$/);
  });
});
