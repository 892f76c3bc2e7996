/**
 * The one count of a dimension's (or category's) uses in reported figures: exact, so that a
 * key with `_` never counts another key's figures (`age_group` is not `age-group`), both in the
 * count itself and in the plan-file import that refuses removing a dimension with data.
 */
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { withTestDatabase } from "@/test/db";
import { CALLERS } from "@/test/viewers";
import { breakdownNames, breakdownUses } from "./breakdown-uses";
import { exportPlanFile } from "./data";
import { checkPlanUpload } from "./plan-merge";

withTestDatabase();

const RWANDA = "rwanda-2018-2022";
const sql = () => getDb().$client;

describe("breakdownNames (the rule in plain code)", () => {
  it("matches a dimension or one category exactly, between `;`", () => {
    expect(breakdownNames("age-group=youth;sex=female", { dimension: "age-group" })).toBe(true);
    expect(breakdownNames("age-group=youth;sex=female", { dimension: "age_group" })).toBe(false);
    expect(breakdownNames("sex=female;age-group=youth", { dimension: "age-group" })).toBe(true);
    expect(breakdownNames("province=eastern", { dimension: "province", category: "east" })).toBe(
      false,
    );
    expect(breakdownNames("province=eastern", { dimension: "province", category: "eastern" })).toBe(
      true,
    );
    expect(breakdownNames("age-group=15-24", { dimension: "age-group", category: "15_24" })).toBe(
      false,
    );
    expect(breakdownNames("", { dimension: "age_group" })).toBe(false);
  });
});

/** The Rwanda plan's id and one of its reported values, re-keyed to `age-group=15-24`. */
function figureUnderAgeGroup() {
  const plan = sql().prepare("select id from plans where slug = ?").get(RWANDA) as { id: number };
  const value = sql()
    .prepare(
      `select v.rowid as rowid from report_values v join indicators i on i.id = v.indicator_id
        where i.plan_id = ? order by v.rowid limit 1`,
    )
    .get(plan.id) as { rowid: number };
  sql()
    .prepare("update report_values set breakdown = 'age-group=15-24' where rowid = ?")
    .run(value.rowid);
  return plan.id;
}

describe("breakdownUses (the database count)", () => {
  it("counts `age-group` figures for `age-group` only, never for `age_group`", () => {
    const planId = figureUnderAgeGroup();
    const db = getDb();
    expect(breakdownUses(db, planId, { dimension: "age-group" })).toBeGreaterThanOrEqual(1);
    expect(breakdownUses(db, planId, { dimension: "age_group" })).toBe(0);
    expect(breakdownUses(db, planId, { dimension: "age-group", category: "15-24" })).toBe(
      breakdownUses(db, planId, { dimension: "age-group" }),
    );
    expect(breakdownUses(db, planId, { dimension: "age-group", category: "15_24" })).toBe(0);
    expect(breakdownUses(db, planId, { dimension: "age-group", category: "15" })).toBe(0);
  });

  it("lets an import remove an unused `age_group` dimension while `age-group` figures exist", () => {
    const planId = figureUnderAgeGroup();
    const dimension = sql()
      .prepare(
        "insert into dimensions (plan_id, key, name, position) values (?, 'age_group', 'Age group', 99) returning id",
      )
      .get(planId) as { id: number };
    sql()
      .prepare(
        "insert into dimension_categories (dimension_id, key, label, position) values (?, '15_24', '15 to 24', 0)",
      )
      .run(dimension.id);
    const file = exportPlanFile(CALLERS.admin(), RWANDA);
    if (!file) throw new Error("no Rwanda plan");
    const upload = structuredClone(file);
    upload.dimensions = upload.dimensions.filter((d) => d.key !== "age_group");
    const check = checkPlanUpload(CALLERS.admin(), upload);
    if (check.kind !== "update") throw new Error(`expected an update, got ${check.kind}`);
    expect(check.preview.refusals).toEqual([]);
    expect(check.preview.changes.some((c) => c.key === "dimension:age_group")).toBe(true);
  });
});
