import path from "node:path";
import { expect, test } from "./fixtures";
import { queryDb } from "./support";

const PLAN = "/plans/rwanda-2018-2022";
const SHOTS = path.join(".tmp", "pw-budget", "shots");
const rwf = (n: number) =>
  new Intl.NumberFormat("en-GB", {
    style: "currency",
    currency: "RWF",
    maximumFractionDigits: 0,
  }).format(n);

/** A year's approved figures (the latest frozen version of each action plan), from the e2e database. */
function approved(year: number) {
  const [row] = queryDb<{ needed: number; allocated: number; unfunded: number; n: number }>(
    `select total(a.budget_needed) as needed,
            total(a.budget_allocated) as allocated,
            total(max(coalesce(a.budget_needed, 0) - coalesce(a.budget_allocated, 0), 0)) as unfunded,
            count(distinct v.institution_id) as n
       from action_plan_versions v
       join plans p on p.id = v.plan_id
       left join action_plan_version_activities a on a.version_id = v.id
      where p.slug = 'rwanda-2018-2022' and v.year = ?
        and v.id in (select max(id) from action_plan_versions group by action_plan_id)`,
    year,
  );
  if (!row) throw new Error("no totals");
  return row;
}

const sideways = (page: import("@playwright/test").Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.describe("the public budget picture", () => {
  test("shows the approved action plans' figures, year by year, accessibly", async ({
    page,
    expectAccessible,
  }) => {
    await page.goto(PLAN);
    await page.getByRole("link", { name: /What the yearly action plans cost/ }).click();
    await expect(page).toHaveURL(`${PLAN}/budget`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Budget: what it costs and what is funded",
    );
    // The latest year with approved plans is shown first.
    const years = page.getByRole("navigation", { name: "Plan years" });
    await expect(years.getByRole("link", { name: "July 2022 – June 2023" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    // 2022 is also RNP's year in e2e/action-plans.spec.ts, which approves its plan (and may have
    // run before this in the same worker): the figures are checked on 2021 below, whose approved
    // versions no spec changes (action-plans.spec.ts reopens and edits RNP's 2021 plan, which
    // leaves them as they are).
    const summary = page.getByRole("definition");
    // No spending is reported for 2022 in the seed: that is not the same as nothing spent.
    await expect(summary.nth(2)).toHaveText("Not reported yet");
    const byInstitution = page.getByRole("table", { name: /By institution/ });
    await expect(byInstitution.getByRole("rowheader", { name: /\(MOH\)/ })).toBeVisible();
    // MIGEPROF's 2022 plan is a draft: it does not count.
    await expect(byInstitution.getByRole("rowheader", { name: /\(MIGEPROF\)/ })).toHaveCount(0);
    await expect(page.getByRole("table", { name: /By objective/ })).toBeVisible();
    await expect(
      page.getByText(/Only action plans the secretariat has approved count/),
    ).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: path.join(SHOTS, "budget-desktop.png"), fullPage: true });

    await page.setViewportSize({ width: 360, height: 800 });
    expect(await sideways(page)).toBe(0);
    await expectAccessible(page);
    await page.screenshot({ path: path.join(SHOTS, "budget-360.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Another year, chosen by link: the figures are the approved plans' sums in the database,
    // and MIGEPROF's approved 2021 plan counts.
    await years.getByRole("link", { name: "July 2021 – June 2022" }).click();
    await expect(page).toHaveURL(`${PLAN}/budget?year=2021`);
    const want = approved(2021);
    await expect(summary.first()).toHaveText(rwf(want.needed));
    await expect(summary.nth(1)).toHaveText(rwf(want.allocated));
    await expect(summary.nth(3)).toHaveText(rwf(want.unfunded));
    await expect(
      page.getByText(
        `${Math.floor((want.allocated / want.needed) * 100)}% of the money needed is allocated`,
      ),
    ).toBeVisible();
    await expect(byInstitution.getByRole("row")).toHaveCount(want.n + 1);
    await expect(byInstitution.getByRole("rowheader", { name: /\(MIGEPROF\)/ })).toBeVisible();
  });

  test("a plan without approved action plans says so; an unknown plan is a 404", async ({
    page,
    expectAccessible,
  }) => {
    await page.goto("/plans/rwanda-2009-2012/budget");
    await expect(page.getByText("No yearly action plan has been approved yet.")).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: path.join(SHOTS, "budget-empty.png"), fullPage: true });
    const response = await page.goto("/plans/no-such-plan/budget");
    expect(response?.status()).toBe(404);
  });

  test("the same figures as JSON", async ({ request }) => {
    const response = await request.get("/api/v1/plans/rwanda-2018-2022/budget.json");
    expect(response.status()).toBe(200);
    const body = await response.json();
    const data = body.data ?? body;
    expect(data.years[0].year).toBe(2022);
    // 2021: the year no other spec changes (see above).
    const year2021 = data.years.find((y: { year: number }) => y.year === 2021);
    expect(year2021.overall.needed).toBeCloseTo(approved(2021).needed, 2);
    expect((await request.get("/api/v1/plans/no-such-plan/budget.json")).status()).toBe(404);
  });
});
