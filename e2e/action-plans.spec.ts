/**
 * A yearly action plan's way through the browser: RNP's focal point adds an activity (a bad
 * input is shown at its field and what was typed stays), sees the totals and the unfunded gap,
 * and submits; a reviewer finds it among every institution's plans and approves it.
 *
 * RNP's 2022 action plan is this file's alone (the seed leaves it a draft; the deny matrix
 * uses MIGEPROF's plans, e2e/report-life.spec.ts MIGEPROF's progress report). So is RNP's
 * approved 2021 plan, which the second test reopens and edits but never approves again, so the
 * approved 2021 figures e2e/public-budget.spec.ts checks stay as they are.
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ACCOUNTS, queryDb, signInOverHttp } from "./support";

const YEAR = "July 2022 – June 2023";
const SHOTS = path.join(".tmp", "pw-ap", "shots");
const rwf = (n: number) =>
  new Intl.NumberFormat("en-GB", {
    style: "currency",
    currency: "RWF",
    maximumFractionDigits: 0,
  }).format(n);

function rnpPlan() {
  const [row] = queryDb<{ id: number; needed: number; allocated: number; unfunded: number }>(
    `select ap.id,
            total(a.budget_needed) as needed,
            total(a.budget_allocated) as allocated,
            total(max(coalesce(a.budget_needed, 0) - coalesce(a.budget_allocated, 0), 0)) as unfunded
       from action_plans ap
       join institutions i on i.id = ap.institution_id
       left join activities a on a.action_plan_id = ap.id
      where i.acronym = 'RNP' and ap.year = 2022
      group by ap.id`,
  );
  if (!row) throw new Error("The seed has no RNP 2022 action plan");
  return row;
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: path.join(SHOTS, `${name}-360.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("a reporter drafts and submits an action plan; a reviewer approves it", async ({
  browser,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  const before = rnpPlan();
  const [output] = queryDb<{ title: string }>(
    `select o.title from outputs o join pillars p on p.id = o.pillar_id
       join plans pl on pl.id = p.plan_id
      where pl.slug = 'rwanda-2018-2022' and p.number = 2 and o.number = 3`,
  );

  const reporterContext = await browser.newContext();
  const reporter = await reporterContext.newPage();
  await signInOverHttp(reporter.request, ACCOUNTS.reporterB);
  await reporter.goto("/workspace");
  await reporter.getByRole("link", { name: "Yearly action plans" }).click();
  await expect(reporter.getByRole("heading", { level: 1 })).toHaveText("Yearly action plans");
  await expectAccessible(reporter);
  await reporter.getByRole("link", { name: `${YEAR} action plan` }).click();
  await expect(reporter.getByRole("heading", { level: 1 })).toHaveText(`RNP action plan: ${YEAR}`);
  await expect(reporter.getByText("Draft", { exact: true })).toBeVisible();
  await expectAccessible(reporter);

  // A bad input: the errors are at their fields, and what was typed stays.
  const form = reporter.getByRole("form", { name: "Add an activity" });
  await form.getByLabel("Output").selectOption({ label: `2.3 ${output?.title}` });
  await form.getByLabel("Activity").fill("ab");
  await form.getByLabel("Budget needed (RWF)").fill("5000000.125");
  await form.getByLabel("Budget allocated (RWF)").fill("3 000 000");
  await form.getByLabel("Q2").check();
  await form.getByRole("button", { name: "Add the activity" }).click();
  await expect(form.getByText("Describe the activity in at least 3 characters.")).toBeVisible();
  await expect(form.getByText("Budget needed can have at most two decimals.")).toBeVisible();
  await expect(form.getByLabel("Activity")).toHaveValue("ab");
  await expect(form.getByLabel("Activity")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Budget needed (RWF)")).toHaveValue("5000000.125");
  await expect(form.getByLabel("Budget allocated (RWF)")).toHaveValue("3 000 000");
  await expect(form.getByLabel("Q2")).toBeChecked();
  await expectAccessible(reporter);

  await form.getByLabel("Activity").fill("Refresher training for gender desk officers");
  await form.getByLabel("Budget needed (RWF)").fill("5000000");
  await form.getByRole("button", { name: "Add the activity" }).click();
  await expect(
    reporter.getByRole("status").filter({ hasText: "The activity was added." }),
  ).toBeVisible();
  const row = reporter.getByRole("row", { name: /Refresher training for gender desk officers/ });
  await expect(row).toContainText("Q2");
  await expect(row).toContainText(rwf(5_000_000));
  await expect(row).toContainText(rwf(2_000_000));

  // Totals: the plan's own, with the unfunded gap, and by output.
  const totals = reporter.locator("dl[aria-label='Totals of this action plan']");
  await expect(totals).toContainText(`Budget needed${rwf(before.needed + 5_000_000)}`);
  await expect(totals).toContainText(`Unfunded${rwf(before.unfunded + 2_000_000)}`);
  await expect(
    reporter.getByRole("table", { name: "By output (RWF)" }).getByRole("row", { name: /^2\.3 / }),
  ).toContainText(rwf(before.unfunded + 2_000_000));
  await expectAccessible(reporter);
  await shoot(reporter, "workspace-plan");

  await reporter.getByRole("button", { name: "Submit the action plan" }).click();
  await expect(
    reporter.getByRole("status").filter({ hasText: "The action plan was submitted for review." }),
  ).toBeVisible();
  await expect(reporter.getByText("Submitted, awaiting review").first()).toBeVisible();
  await expect(reporter.getByRole("button", { name: "Add the activity" })).toHaveCount(0);
  await reporterContext.close();

  // The reviewer finds it among every institution's plans, with the totals, and approves it.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signInOverHttp(reviewer.request, ACCOUNTS.reviewer);
  await reviewer.goto("/review");
  await reviewer.getByRole("link", { name: "Yearly action plans" }).click();
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText("Yearly action plans");
  await reviewer.getByRole("link", { name: "2022", exact: true }).click();
  const listRow = reviewer.getByRole("row", { name: /^RNP action plan/ });
  await expect(listRow).toContainText("Submitted, awaiting review");
  await expect(listRow).toContainText(rwf(before.unfunded + 2_000_000));
  await expect(reviewer.getByRole("table", { name: /^By pillar, / })).toBeVisible();
  await expect(reviewer.getByRole("table", { name: /^By output, / })).toBeVisible();
  await expectAccessible(reviewer);
  await shoot(reviewer, "review-list");

  await listRow.getByRole("link").click();
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText(`RNP action plan: ${YEAR}`);
  await expectAccessible(reviewer);
  await reviewer.getByRole("button", { name: "Approve the action plan" }).click();
  await expect(
    reviewer.getByRole("status").filter({ hasText: "The action plan was approved." }),
  ).toBeVisible();
  await expect(reviewer.getByText(/^Approved/).first()).toBeVisible();
  await expectAccessible(reviewer);
  await shoot(reviewer, "review-plan");
  await reviewerContext.close();

  const [stored] = queryDb<{ status: string }>(
    "select status from action_plans where id = ?",
    before.id,
  );
  expect(stored?.status).toBe("approved");
});

test("a reopened action plan keeps its approved figures on the public budget while it is edited", async ({
  browser,
  page,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  const [plan] = queryDb<{ id: number; needed: number }>(
    `select ap.id, total(a.budget_needed) as needed from action_plans ap
       join institutions i on i.id = ap.institution_id
       left join activities a on a.action_plan_id = ap.id
      where i.acronym = 'RNP' and ap.year = 2021 group by ap.id`,
  );
  if (!plan) throw new Error("The seed has no RNP 2021 action plan");
  const publicRow = async () => {
    await page.goto("/plans/rwanda-2018-2022/budget?year=2021");
    return page
      .getByRole("table", { name: /By institution/ })
      .getByRole("row", { name: /\(RNP\)/ });
  };
  await expect(await publicRow()).toContainText(rwf(plan.needed));

  // An admin reopens it with a reason.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInOverHttp(admin.request, ACCOUNTS.admin);
  await admin.goto(`/review/action-plans/${plan.id}`);
  await admin.getByLabel("Reason for reopening").fill("The police budget was revised in June.");
  await admin.getByRole("button", { name: "Reopen as a draft" }).click();
  await expect(
    admin.getByRole("status").filter({ hasText: "The action plan was reopened as a draft." }),
  ).toBeVisible();
  await adminContext.close();
  await expect(await publicRow()).toContainText(rwf(plan.needed));

  // RNP's focal point changes an amount: their page shows it, and says what the public sees.
  const reporterContext = await browser.newContext();
  const reporter = await reporterContext.newPage();
  await signInOverHttp(reporter.request, ACCOUNTS.reporterB);
  await reporter.goto(`/workspace/action-plans/${plan.id}`);
  await expect(reporter.getByText("Reopened", { exact: true })).toBeVisible();
  await expect(
    reporter
      .getByRole("note")
      .filter({ hasText: "The public budget still shows the last approved version" }),
  ).toContainText(rwf(plan.needed));
  await reporter.getByRole("link", { name: /^Edit/ }).first().click();
  const form = reporter.getByRole("form", { name: "Change the activity" });
  const old = Number(await form.getByLabel("Budget needed (RWF)").inputValue());
  await form.getByLabel("Budget needed (RWF)").fill(String(old + 7_000_000));
  await form.getByRole("button", { name: "Save the activity" }).click();
  await expect(
    reporter.getByRole("status").filter({ hasText: "The activity was saved." }),
  ).toBeVisible();
  await expect(reporter.locator("dl[aria-label='Totals of this action plan']")).toContainText(
    `Budget needed${rwf(plan.needed + 7_000_000)}`,
  );
  await expectAccessible(reporter);
  await shoot(reporter, "reopened-plan");
  await reporterContext.close();

  // The public still sees the approved figures, on the page and in the API.
  await expect(await publicRow()).toContainText(rwf(plan.needed));
  const api = await page.request.get("/api/v1/plans/rwanda-2018-2022/budget.json");
  const body = await api.json();
  const year2021 = (body.data ?? body).years.find((y: { year: number }) => y.year === 2021);
  const rnp = year2021.byInstitution.find((i: { acronym: string }) => i.acronym === "RNP");
  expect(rnp.needed).toBeCloseTo(plan.needed, 2);
});
