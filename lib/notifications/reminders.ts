/**
 * Deadline reminders: for every open reporting period of an active plan, the reporters of each
 * institution expected to report (lib/reports/expected.ts) whose report is missing or still a
 * draft are reminded REMINDER_DAYS before the deadline (default 7 and 1 days) and told once when
 * it has passed.
 *
 * Which reminder, when the app was not running on the day: the run sends only the most relevant
 * one, the nearest checkpoint already reached. With 7,1: found 3 days before, the "7 days"
 * reminder is sent (its text says "in 3 days"); found on the deadline day, only the "1 day"
 * one ("due today"); found after the deadline, only the overdue notice. A missed earlier
 * reminder is never sent late on top of a later one.
 *
 * Once per user: each notification carries a dedupeKey (`deadline:<periodId>:7d`,
 * `deadline:<periodId>:overdue`) that the database keeps unique per user, so repeated runs,
 * restarts and two servers never repeat one. A reporter who joins later still gets the current one.
 *
 * Days are counted in the server's local time zone (TZ): the deadline is a date, and "overdue"
 * starts the day after it.
 */
import "server-only";
import { and, count, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { institutions, notifications, plans, progressReports, reportingPeriods } from "@/db/schema";
import { readEnv } from "@/lib/config/env";
import { formatDate } from "@/lib/format";
import { parsePeriodCode } from "@/lib/periods/codes";
import { expectedInstitutionIds } from "@/lib/reports/expected";
import { type NotificationInput, notifyInstitutionReporters } from "./data";

const DAY_MS = 86_400_000;
/** Takes the write lock at the start: a read-then-write transaction cannot then lose it to another writer. */
const IMMEDIATE = { behavior: "immediate" } as const;

/** The date of `now` in the server's time zone, as YYYY-MM-DD. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole days from `today` to `deadline` (both YYYY-MM-DD): 0 on the day, negative after. */
export function daysUntil(deadline: string, today: string): number {
  const utc = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number);
    return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
  };
  return Math.round((utc(deadline) - utc(today)) / DAY_MS);
}

/**
 * The checkpoint due with `daysLeft` to go: "overdue" after the deadline, else the smallest
 * reminder day not below daysLeft (the nearest one already reached), or null when it is too early.
 */
export function checkpoint(daysLeft: number, reminderDays: readonly number[]): string | null {
  if (daysLeft < 0) return "overdue";
  const reached = reminderDays.filter((day) => day >= daysLeft);
  if (reached.length === 0) return null;
  return `${Math.min(...reached)}d`;
}

function dueIn(daysLeft: number): string {
  if (daysLeft === 0) return "today";
  if (daysLeft === 1) return "tomorrow";
  return `in ${daysLeft} days`;
}

function periodLabel(code: string): string {
  try {
    return parsePeriodCode(code).label;
  } catch {
    return code;
  }
}

/**
 * Sends the reminders due at `now`, in one transaction. Returns how many notifications were
 * created (0 on a repeated run). `reminderDays` defaults to REMINDER_DAYS.
 */
export function runReminders(
  now: Date,
  reminderDays: readonly number[] = readEnv().REMINDER_DAYS,
): number {
  const today = localDate(now);
  const db = getDb();
  return db.transaction((tx) => {
    const countRows = () => tx.select({ n: count() }).from(notifications).get()?.n ?? 0;
    const before = countRows();
    const periods = tx
      .select({
        id: reportingPeriods.id,
        code: reportingPeriods.code,
        deadline: reportingPeriods.deadline,
        planId: plans.id,
        planTitle: plans.title,
      })
      .from(reportingPeriods)
      .innerJoin(plans, eq(plans.id, reportingPeriods.planId))
      .where(and(eq(reportingPeriods.status, "open"), eq(plans.status, "active")))
      .all();
    for (const period of periods) {
      const daysLeft = daysUntil(period.deadline, today);
      const point = checkpoint(daysLeft, reminderDays);
      if (!point) continue;
      const expected = expectedInstitutionIds(tx, period.planId);
      if (expected.length === 0) continue;
      const done = new Set(
        tx
          .select({ institutionId: progressReports.institutionId })
          .from(progressReports)
          .where(
            and(
              eq(progressReports.periodId, period.id),
              inArray(progressReports.status, ["submitted", "approved"]),
            ),
          )
          .all()
          .map((row) => row.institutionId),
      );
      const late = expected.filter((id) => !done.has(id));
      if (late.length === 0) continue;
      const names = new Map(
        tx
          .select({ id: institutions.id, acronym: institutions.acronym })
          .from(institutions)
          .where(inArray(institutions.id, late))
          .all()
          .map((row) => [row.id, row.acronym]),
      );
      const label = periodLabel(period.code);
      const deadline = formatDate(period.deadline);
      for (const institutionId of late) {
        const who = names.get(institutionId) ?? "your institution";
        const message: NotificationInput =
          point === "overdue"
            ? {
                kind: "deadline.overdue",
                title: `Report overdue: ${label}`,
                body: `${who}'s progress report for ${label} (${period.planTitle}) was due on ${deadline} and has not been submitted. Please complete and submit it as soon as you can.`,
                link: "/workspace",
                dedupeKey: `deadline:${period.id}:overdue`,
              }
            : {
                kind: "deadline.reminder",
                title: `Report due ${dueIn(daysLeft)}: ${label}`,
                body: `${who}'s progress report for ${label} (${period.planTitle}) is due on ${deadline}. It has not been submitted yet.`,
                link: "/workspace",
                dedupeKey: `deadline:${period.id}:${point}`,
              };
        notifyInstitutionReporters(tx, institutionId, message);
      }
    }
    return countRows() - before;
  }, IMMEDIATE);
}
