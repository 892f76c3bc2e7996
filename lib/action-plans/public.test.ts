/**
 * The public budget picture against a real (copied) seeded database: only the latest approved
 * version of each action plan counts (a reopened, edited or re-submitted plan keeps its approved
 * figures public; a re-approval replaces them), the unfunded part is counted per activity, plans
 * the public may not see give nothing, an approval shows at once through the cache, and the
 * migration gives plans approved before versions existed their first version.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { MIGRATIONS_FOLDER } from "@/db/migrate";
import { withTestDatabase } from "@/test/db";
import { CALLERS, viewerFor } from "@/test/viewers";
import {
  approveActionPlan,
  getActionPlan,
  reopenActionPlan,
  returnActionPlan,
  submitActionPlan,
  updateActivity,
} from "./data";
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
      `select ap.id, ap.status, ap.version from action_plans ap
         join institutions i on i.id = ap.institution_id
         join plans p on p.id = ap.plan_id
        where p.slug = ? and i.acronym = ? and ap.year = ?`,
    )
    .get(SLUG, acronym, year) as { id: number; status: string; version: number };
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

  it("leaves out submitted and returned plans, and takes one in as soon as it is approved", () => {
    const before = yearOf(2022)?.overall as Sums;
    const reporter = CALLERS.reporterA();
    const reviewer = CALLERS.reviewer();
    const plan = actionPlanOf("MIGEPROF", 2022);
    const own = client()
      .prepare(
        "select count(*) as n, total(budget_needed) as needed from activities where action_plan_id = ?",
      )
      .get(plan.id) as { n: number; needed: number };
    expect(own.n).toBeGreaterThan(0);

    let { version } = submitActionPlan(reporter, plan.id, { version: plan.version });
    expect(yearOf(2022)?.overall).toEqual(before);
    ({ version } = returnActionPlan(reviewer, plan.id, { version, reason: "Cost it in detail." }));
    expect(yearOf(2022)?.overall).toEqual(before);
    ({ version } = submitActionPlan(reporter, plan.id, { version }));
    approveActionPlan(reviewer, plan.id, { version });
    const after = yearOf(2022);
    expect(after?.overall.activities).toBe(before.activities + own.n);
    expect(after?.overall.needed).toBeCloseTo(before.needed + own.needed, 2);
    expect(after?.overall.institutions).toBe(before.institutions + 1);
    expect(after?.byInstitution.map((i) => i.acronym)).toContain("MIGEPROF");
    expect(after?.overall).toEqual(expected(2022, ["approved"]));
  });

  it("keeps the last approved figures while a plan is reopened, edited and re-submitted; a re-approval replaces them", () => {
    const reporter = viewerFor("reporter.moh@example.org");
    const reviewer = CALLERS.reviewer();
    const admin = CALLERS.admin();
    const plan = actionPlanOf("MOH", 2022);
    const approved = yearOf(2022);
    const moh = () => yearOf(2022)?.byInstitution.find((i) => i.acronym === "MOH");
    const approvedMoh = moh();
    expect(approvedMoh?.activities).toBeGreaterThan(0);

    // Reopened: still public, with the approved figures, and the pages say so.
    let { version } = reopenActionPlan(admin, plan.id, {
      version: plan.version,
      reason: "Budget revised in June.",
    });
    expect(yearOf(2022)).toEqual(approved);
    expect(getActionPlan(reporter, plan.id).publicVersion).toMatchObject({
      versionNumber: 1,
      totals: { needed: approvedMoh?.needed, allocated: approvedMoh?.allocated },
    });

    // A draft amount changed: the workspace shows it, the public does not.
    const [first] = getActionPlan(reporter, plan.id).activities;
    if (!first) throw new Error("MOH's plan has no activity");
    ({ version } = updateActivity(reporter, plan.id, first.id, {
      version,
      outputId: first.outputId,
      description: first.description,
      quarters: first.quarters,
      budgetNeeded: "99000000",
      budgetAllocated: "1000000",
      amountSpent: "250000",
      fundingSource: first.fundingSource,
      status: "delayed",
    }));
    const live = getActionPlan(reporter, plan.id);
    expect(live.totals.overall.needed).not.toBeCloseTo(approvedMoh?.needed ?? 0, 2);
    expect(live.publicVersion?.totals.needed).toBeCloseTo(approvedMoh?.needed ?? 0, 2);
    expect(yearOf(2022)).toEqual(approved);
    expect(getPublicBudget(SLUG)?.years.find((y) => y.year === 2022)?.overall.spentReported).toBe(
      0,
    );

    // Re-submitted, then returned: still the approved figures.
    ({ version } = submitActionPlan(reporter, plan.id, { version }));
    expect(yearOf(2022)).toEqual(approved);
    ({ version } = returnActionPlan(reviewer, plan.id, { version, reason: "Explain the rise." }));
    expect(yearOf(2022)).toEqual(approved);

    // Approved again: the new figures replace the old ones, once (not added to them).
    ({ version } = submitActionPlan(reporter, plan.id, { version }));
    approveActionPlan(reviewer, plan.id, { version });
    const now = moh();
    expect(now?.needed).toBeCloseTo(live.totals.overall.needed, 2);
    expect(now?.allocated).toBeCloseTo(live.totals.overall.allocated, 2);
    expect(now?.spentReported).toBe(1);
    expect(now?.activities).toBe(approvedMoh?.activities);
    expect(yearOf(2022)?.overall).toEqual(expected(2022, ["approved"]));
    expect(getActionPlan(reporter, plan.id).publicVersion?.versionNumber).toBe(2);
    const versions = client()
      .prepare("select version_number from action_plan_versions where action_plan_id = ?")
      .all(plan.id);
    expect(versions).toEqual([{ version_number: 1 }, { version_number: 2 }]);
  });

  it("ignores changes to the live rows of an approved plan: only a frozen version is public", () => {
    const before = getPublicBudget(SLUG);
    const draft = actionPlanOf("RNP", 2022).id;
    const approved = actionPlanOf("MOH", 2022).id;
    // Even a write that bypasses the data layer (moving a draft's activity into an approved plan,
    // changing an approved amount) leaves the public figures as they were approved.
    client()
      .prepare(
        "update activities set action_plan_id = ? where id = (select min(id) from activities where action_plan_id = ?)",
      )
      .run(approved, draft);
    client()
      .prepare("update activities set budget_needed = 1 where action_plan_id = ?")
      .run(approved);
    expect(getPublicBudget(SLUG)).toEqual(before);
  });

  it("counts the unfunded part per activity: over-allocation does not hide another gap", () => {
    const { id } = actionPlanOf("MOH", 2022);
    const version = client()
      .prepare("select max(id) as id from action_plan_versions where action_plan_id = ?")
      .get(id) as { id: number };
    client()
      .prepare("delete from action_plan_version_activities where version_id = ?")
      .run(version.id);
    const output = client()
      .prepare(
        "select o.id, o.pillar_id from outputs o join pillars p on p.id = o.pillar_id join plans pl on pl.id = p.plan_id where pl.slug = ? limit 1",
      )
      .get(SLUG) as { id: number; pillar_id: number };
    const add = client().prepare(
      `insert into action_plan_version_activities (version_id, output_id, pillar_id, description, quarters, budget_needed, budget_allocated, amount_spent, status, position)
       values (?, ?, ?, ?, 15, ?, ?, ?, 'planned', ?)`,
    );
    add.run(version.id, output.id, output.pillar_id, "Over-funded", 100.1, 250.2, 10, 0);
    add.run(version.id, output.id, output.pillar_id, "Under-funded", 300.3, 100.1, null, 1);
    add.run(version.id, output.id, output.pillar_id, "Not costed", null, null, null, 2);
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

  it("shows no year while no action plan has an approved version", () => {
    const before = getPublicBudget(SLUG)?.years;
    // Every plan back to submitted: the approved versions still stand.
    client().prepare("update action_plans set status = 'submitted'").run();
    expect(getPublicBudget(SLUG)?.years).toEqual(before);
    client().prepare("delete from action_plan_versions").run();
    expect(getPublicBudget(SLUG)?.years).toEqual([]);
  });
});

describe("the migration that introduced versions", () => {
  it("makes version 1 of every plan approved before it, so an upgraded installation keeps its public budget", () => {
    const before = getPublicBudget(SLUG);
    // An installation from before the migration: approved plans, no versions. One more approved
    // plan (MIGEPROF 2022, with activities) that the seed never froze.
    const sqlite = client();
    sqlite.exec("drop table action_plan_version_activities; drop table action_plan_versions;");
    sqlite
      .prepare("update action_plans set status = 'approved' where id = ?")
      .run(actionPlanOf("MIGEPROF", 2022).id);
    const file = fs
      .readdirSync(MIGRATIONS_FOLDER)
      .find((name) => name.endsWith("_action_plan_versions.sql"));
    if (!file) throw new Error("no action_plan_versions migration");
    const statements = fs
      .readFileSync(path.join(MIGRATIONS_FOLDER, file), "utf8")
      .split("--> statement-breakpoint");
    sqlite.transaction(() => {
      for (const statement of statements) sqlite.exec(statement);
    })();

    const versions = sqlite
      .prepare("select count(*) as n, max(version_number) as v from action_plan_versions")
      .get() as { n: number; v: number };
    const approvedPlans = sqlite
      .prepare("select count(*) as n from action_plans where status = 'approved'")
      .get() as { n: number };
    expect(versions).toEqual({ n: approvedPlans.n, v: 1 });
    expect(yearOf(2021)?.overall).toEqual(before?.years.find((y) => y.year === 2021)?.overall);
    expect(yearOf(2022)?.overall).toEqual(expected(2022, ["approved"]));
    expect(yearOf(2022)?.byInstitution.map((i) => i.acronym)).toContain("MIGEPROF");
    // The triggers came back with the tables: a new version shows at once.
    sqlite.prepare("delete from action_plan_versions").run();
    expect(getPublicBudget(SLUG)?.years).toEqual([]);
  });
});
