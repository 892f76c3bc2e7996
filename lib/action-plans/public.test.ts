/**
 * The public budget picture against a real (copied) seeded database: only approved action plans
 * count, the unfunded part is counted per activity, plans the public may not see give nothing,
 * and an approval shows at once through the cache.
 */
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { withTestDatabase } from "@/test/db";
import { getPublicBudget } from "./public";

withTestDatabase();

const SLUG = "rwanda-2018-2022";
const client = () => getDb().$client;

type Sums = {
  activities: number;
  needed: number;
  allocated: number;
  spent: number;
  unfunded: number;
  spentReported: number;
  institutions: number;
};

/** The expected totals, computed here in plain SQL, straight from the rows. */
function expected(year: number, statuses: string[]): Sums {
  return client()
    .prepare(
      `select count(a.id) as activities,
              coalesce(sum(a.budget_needed), 0) as needed,
              coalesce(sum(a.budget_allocated), 0) as allocated,
              coalesce(sum(a.amount_spent), 0) as spent,
              coalesce(sum(case when coalesce(a.budget_needed, 0) > coalesce(a.budget_allocated, 0)
                then coalesce(a.budget_needed, 0) - coalesce(a.budget_allocated, 0) else 0 end), 0)
                as unfunded,
              count(a.amount_spent) as spentReported,
              count(distinct ap.institution_id) as institutions
         from action_plans ap
         join plans p on p.id = ap.plan_id
         left join activities a on a.action_plan_id = ap.id
        where p.slug = ? and ap.year = ? and ap.status in (${statuses.map(() => "?").join(",")})`,
    )
    .get(SLUG, year, ...statuses) as Sums;
}

function yearOf(year: number) {
  return getPublicBudget(SLUG)?.years.find((y) => y.year === year);
}

function actionPlanOf(acronym: string, year: number) {
  return client()
    .prepare(
      `select ap.id, ap.status from action_plans ap
         join institutions i on i.id = ap.institution_id
         join plans p on p.id = ap.plan_id
        where p.slug = ? and i.acronym = ? and ap.year = ?`,
    )
    .get(SLUG, acronym, year) as { id: number; status: string };
}

describe("the public budget picture", () => {
  it("counts approved action plans only, per plan year, newest year first", () => {
    const budget = getPublicBudget(SLUG);
    expect(budget?.currency).toBeTruthy();
    expect(budget?.years.map((y) => y.year)).toEqual([2022, 2021]);
    const y2022 = yearOf(2022);
    const want = expected(2022, ["approved"]);
    expect(y2022?.overall).toEqual(want);
    // The seed's 2022 drafts (MIGEPROF, RNP) are left out; their activities exist.
    expect(actionPlanOf("MIGEPROF", 2022).status).toBe("draft");
    expect(expected(2022, ["draft"]).activities).toBeGreaterThan(0);
    const acronyms = y2022?.byInstitution.map((i) => i.acronym);
    expect(acronyms).not.toContain("MIGEPROF");
    expect(acronyms).not.toContain("RNP");
    expect(y2022?.overall.institutions).toBe(acronyms?.length);
    // The tables add up to the headline.
    const sum = (rows: { needed: number }[]) => rows.reduce((a, r) => a + r.needed, 0);
    expect(sum(y2022?.byPillar ?? [])).toBeCloseTo(want.needed, 2);
    expect(sum(y2022?.byInstitution ?? [])).toBeCloseTo(want.needed, 2);
    expect(yearOf(2021)?.overall).toEqual(expected(2021, ["approved"]));
  });

  it("leaves out submitted and returned plans, and takes in one as soon as it is approved", () => {
    const before = yearOf(2022)?.overall as Sums;
    const { id } = actionPlanOf("MIGEPROF", 2022);
    const own = client()
      .prepare(
        "select count(*) as n, total(budget_needed) as needed from activities where action_plan_id = ?",
      )
      .get(id) as { n: number; needed: number };
    expect(own.n).toBeGreaterThan(0);

    client().prepare("update action_plans set status = 'submitted' where id = ?").run(id);
    expect(yearOf(2022)?.overall).toEqual(before);
    client()
      .prepare(
        "update action_plans set status = 'draft', returned_at = '2022-07-01T00:00:00.000Z', return_reason = 'x' where id = ?",
      )
      .run(id);
    expect(yearOf(2022)?.overall).toEqual(before);

    // Approved by a plain SQL write: the trigger renews the cache token, so it shows at once.
    client().prepare("update action_plans set status = 'approved' where id = ?").run(id);
    const after = yearOf(2022);
    expect(after?.overall.activities).toBe(before.activities + own.n);
    expect(after?.overall.needed).toBeCloseTo(before.needed + own.needed, 2);
    expect(after?.overall.institutions).toBe(before.institutions + 1);
    expect(after?.byInstitution.map((i) => i.acronym)).toContain("MIGEPROF");
    expect(after?.overall).toEqual(expected(2022, ["approved"]));
  });

  it("moving a draft's activity into an approved plan counts it; back out, it is gone", () => {
    const draft = actionPlanOf("RNP", 2022).id;
    const approved = actionPlanOf("MOH", 2022).id;
    const before = yearOf(2022)?.overall as Sums;
    const activity = client()
      .prepare("select id from activities where action_plan_id = ? order by id limit 1")
      .get(draft) as { id: number };
    client()
      .prepare("update activities set action_plan_id = ? where id = ?")
      .run(approved, activity.id);
    expect(yearOf(2022)?.overall.activities).toBe(before.activities + 1);
    client()
      .prepare("update activities set action_plan_id = ? where id = ?")
      .run(draft, activity.id);
    expect(yearOf(2022)?.overall).toEqual(before);
  });

  it("counts the unfunded part per activity: over-allocation does not hide another gap", () => {
    const { id } = actionPlanOf("MOH", 2022);
    client().prepare("delete from activities where action_plan_id = ?").run(id);
    const output = client()
      .prepare(
        "select o.id from outputs o join pillars p on p.id = o.pillar_id join plans pl on pl.id = p.plan_id where pl.slug = ? limit 1",
      )
      .get(SLUG) as { id: number };
    const add = client().prepare(
      `insert into activities (action_plan_id, output_id, description, quarters, budget_needed, budget_allocated, amount_spent, position)
       values (?, ?, ?, 15, ?, ?, ?, ?)`,
    );
    add.run(id, output.id, "Over-funded", 100.1, 250.2, 10, 0);
    add.run(id, output.id, "Under-funded", 300.3, 100.1, null, 1);
    add.run(id, output.id, "Not costed", null, null, null, 2);
    const moh = yearOf(2022)?.byInstitution.find((i) => i.acronym === "MOH");
    expect(moh).toMatchObject({
      activities: 3,
      needed: 400.4,
      allocated: 350.3,
      spent: 10,
      // 300.3 − 100.1, not (400.4 − 350.3).
      unfunded: 200.2,
    });
  });

  it("gives nothing for a plan the public may not see, or one that does not exist", () => {
    expect(getPublicBudget("no-such-plan")).toBeNull();
    client().prepare("update plans set status = 'draft' where slug = ?").run(SLUG);
    expect(getPublicBudget(SLUG)).toBeNull();
  });

  it("shows no year while no action plan is approved", () => {
    client().prepare("update action_plans set status = 'submitted'").run();
    expect(getPublicBudget(SLUG)?.years).toEqual([]);
  });
});
