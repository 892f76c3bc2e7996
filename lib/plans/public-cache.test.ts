/**
 * The public-read cache: answers are reused while the published data is unchanged, and any
 * write to the tables they come from (by any code path: triggers, migration 0007) shows on
 * the very next read.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { withTestDatabase } from "@/test/db";
import { getPlanTree, listPlans } from "./data";
import { getIndicatorData } from "./indicator-data";
import { publicDataToken } from "./public-cache";

withTestDatabase();

const reviewer = { id: 2, role: "reviewer" as const, institutionId: null };
const sql = () => getDb().$client;
const SLUG = "rwanda-2018-2022";

const CACHED_TABLES = [
  "plans",
  "pillars",
  "outputs",
  "output_institutions",
  "dimensions",
  "dimension_categories",
  "indicators",
  "indicator_targets",
  "indicator_dimensions",
  "milestones",
  "institutions",
  "observations",
  "action_plans",
  "activities",
];

describe("the public-read cache", () => {
  it("reuses one frozen answer while nothing changes", () => {
    const first = getPlanTree(null, SLUG);
    expect(getPlanTree(null, SLUG)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.pillars[0]?.outputs[0]?.indicators[0])).toBe(true);
    const pillars = (first?.pillars ?? []) as unknown[];
    expect(pillars.length).toBeGreaterThan(0);
    expect(() => pillars.push({})).toThrow(TypeError);
  });

  it("shows a change on the very next read, whoever wrote it", () => {
    const before = getPlanTree(null, SLUG);
    const code = before?.pillars[0]?.outputs[0]?.indicators[0]?.code as string;
    // A write outside the data-access layer (a script, an import): the trigger still fires.
    sql().prepare("update indicators set title = 'Renamed for the test' where code = ?").run(code);
    const after = getPlanTree(null, SLUG);
    expect(after).not.toBe(before);
    expect(after?.pillars[0]?.outputs[0]?.indicators[0]?.title).toBe("Renamed for the test");
  });

  it("shows newly approved values at once on the plan and indicator reads", () => {
    const tree = getPlanTree(null, SLUG);
    const indicator = tree?.pillars[0]?.outputs[0]?.indicators[0];
    const data = getIndicatorData(null, SLUG, indicator?.code as string);
    const id = (
      sql().prepare("select id from indicators where code = ?").get(indicator?.code) as {
        id: number;
      }
    ).id;
    sql()
      .prepare(
        `insert into observations (indicator_id, period_code, year, breakdown, value, approved_at)
         values (?, '2099', 2099, '', 12345, '2099-01-01T00:00:00.000Z')`,
      )
      .run(id);
    expect(getPlanTree(null, SLUG)?.pillars[0]?.outputs[0]?.indicators[0]?.latest?.value).toBe(
      12345,
    );
    const fresh = getIndicatorData(null, SLUG, indicator?.code as string);
    expect(fresh?.observations.length).toBe((data?.observations.length ?? 0) + 1);
  });

  it("keeps the public's answer and a reviewer's apart", () => {
    getDb()
      .update(s.plans)
      .set({ status: "draft" })
      .where(eq(s.plans.slug, "rwanda-2009-2012"))
      .run();
    expect(listPlans(reviewer)).toHaveLength(2);
    expect(listPlans(null).map((p) => p.slug)).toEqual([SLUG]);
    expect(getPlanTree(reviewer, "rwanda-2009-2012")).not.toBeNull();
    expect(getPlanTree(null, "rwanda-2009-2012")).toBeNull();
  });

  it("has a trigger for every insert, update and delete on each table the reads come from", () => {
    const triggers = new Set(
      (
        sql()
          .prepare(
            "select name from sqlite_master where type = 'trigger' and name like '%public_token'",
          )
          .all() as { name: string }[]
      ).map((t) => t.name),
    );
    for (const table of CACHED_TABLES)
      for (const event of ["insert", "update", "delete"])
        expect(triggers.has(`${table}_${event}_public_token`), `${table} ${event}`).toBe(true);
    // And each of them draws a new token.
    for (const table of CACHED_TABLES) {
      const token = publicDataToken();
      sql()
        .prepare(
          `update ${table} set rowid = rowid where rowid = (select min(rowid) from ${table})`,
        )
        .run();
      expect(publicDataToken(), table).not.toBe(token);
    }
    const token = publicDataToken();
    sql()
      .prepare(
        "delete from indicator_targets where rowid = (select min(rowid) from indicator_targets)",
      )
      .run();
    expect(publicDataToken()).not.toBe(token);
  });
});
