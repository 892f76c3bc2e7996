/**
 * The budget sums of a set of activities, live (`activities`) or frozen
 * (`action_plan_version_activities`): one definition, so the workspace, the review pages and the
 * public budget cannot drift apart. Sums are in whole cents, so that two-decimal amounts add up
 * exactly; the unfunded part is max(needed − allocated, 0) per activity (schemas.ts says why).
 */
import "server-only";
import { type AnyColumn, sql } from "drizzle-orm";

const cents = (column: AnyColumn) => sql`round(coalesce(${column}, 0) * 100)`;

type ActivityColumns = {
  id: AnyColumn;
  budgetNeeded: AnyColumn;
  budgetAllocated: AnyColumn;
  amountSpent: AnyColumn;
};

export function moneyOf(t: ActivityColumns) {
  return {
    activities: sql<number>`count(${t.id})`,
    needed: sql<number>`total(${cents(t.budgetNeeded)}) / 100.0`,
    allocated: sql<number>`total(${cents(t.budgetAllocated)}) / 100.0`,
    spent: sql<number>`total(${cents(t.amountSpent)}) / 100.0`,
    // max(a, b) with two arguments is SQLite's scalar maximum: the gap of each activity, never below 0.
    unfunded: sql<number>`total(max(${cents(t.budgetNeeded)} - ${cents(t.budgetAllocated)}, 0)) / 100.0`,
  };
}

export type Totals = {
  activities: number;
  needed: number;
  allocated: number;
  spent: number;
  unfunded: number;
};
