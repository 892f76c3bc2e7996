/**
 * An admin edits the rest of the framework through the UI: milestones under an output (added,
 * due date moved with a reason: the public change log and output page show it), a custom
 * disaggregation dimension with categories ticked on an indicator, and two tabs editing one
 * indicator (the later save is refused, naming who changed it, and keeps what was typed), then
 * deleting that indicator.
 *
 * Every test makes its own records under output 2.1 of Rwanda's 2018–2022 plan (a milestone,
 * a dimension, indicators 2.1.m… and 2.1.n…), so the tests its worker runs after it see the
 * seeded framework unchanged and the plan's export stays a valid plan file (a dimension always
 * has a category).
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ACCOUNTS, signInOverHttp } from "./support";

const PLAN = "rwanda-2018-2022";
const shot = (name: string) => test.info().outputPath(name);
const suffix = () => (test.info().retry ? String(test.info().retry) : "");

async function expectNoPageOverflow(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Checks the page at 360 px too, with a screenshot of each width. */
async function bothWidths(page: Page, name: string, check: (page: Page) => Promise<void>) {
  await check(page);
  await page.screenshot({ path: shot(`${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await expectNoPageOverflow(page);
  await check(page);
  await page.screenshot({ path: shot(`${name}-360.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Adds an indicator to output 2.1 through the form (the plan is active: a reason is needed). */
async function addIndicator(page: Page, code: string, title: string) {
  await page.goto(`/admin/plans/${PLAN}/indicators/new?output=2.1`);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel(/^Reason/).fill("Added for an end-to-end test");
  await page.getByRole("button", { name: "Add the indicator" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Indicator ${code} was added.` }),
  ).toBeVisible();
}

test("an admin adds a milestone, moves its due date with a reason, and the public sees both", async ({
  page,
  expectAccessible,
}) => {
  test.setTimeout(90_000);
  const title = `Community dialogues on GBV held in every sector${suffix()}`;
  await signInOverHttp(page.request, ACCOUNTS.admin);

  await test.step("the plan hub leads to the output's milestones; the form checks as the admin types", async () => {
    await page.goto(`/admin/plans/${PLAN}`);
    await page.getByRole("link", { name: /^Milestones of output 2\.1 / }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Milestones of output 2.1");
    await page.getByLabel("Due date", { exact: true }).fill("2031-01-01");
    await page.getByLabel("Title").fill(title);
    await expect(page.getByText(/A date from 2017 to 2023/)).toBeVisible();
    await page.getByLabel("Due date", { exact: true }).fill("2021-06-30");
    await page.getByLabel("Status").selectOption("in_progress");
    await page.getByRole("button", { name: "Add the milestone" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: `Milestone "${title}" was added.` }),
    ).toBeVisible();
    const list = page.getByRole("region", { name: "In the order the public sees them" });
    await expect(list.getByRole("link", { name: title })).toBeVisible();
    await bothWidths(page, "milestones-list", expectAccessible);
  });

  await test.step("moving the due date needs a reason; what was typed stays after the refusal", async () => {
    await page.getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Milestone: ${title}`);
    await page.getByLabel("Due date", { exact: true }).fill("2022-03-31");
    await expect(page.getByLabel("Reason for moving the due date (required)")).toBeVisible();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toBeVisible();
    await expect(page.getByRole("link", { name: /^Reason: This plan is published/ })).toBeVisible();
    await expect(page.getByLabel("Due date", { exact: true })).toHaveValue("2022-03-31");
    await bothWidths(page, "milestone-refused", expectAccessible);

    await page.getByLabel(/^Reason/).fill("Sector elections moved the dialogues");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Saved: 1 change recorded." }),
    ).toBeVisible();
    await expect(page.getByLabel(/^Reason/)).toHaveValue("");
  });

  await test.step("the public change log and the output page show it", async () => {
    await page.context().clearCookies();
    await page.goto(`/plans/${PLAN}/changes`);
    const rows = page.getByRole("row").filter({ hasText: `Milestone 2.1: ${title}` });
    const due = rows.filter({ hasText: "Due date" });
    await expect(due).toHaveCount(1);
    await expect(due).toContainText("30 June 2021 → changed to 31 March 2022");
    await expect(due).toContainText("Sector elections moved the dialogues");
    await expect(rows.filter({ hasText: "Added to the plan" })).toContainText(
      "due 30 June 2021; In progress",
    );
    await expectAccessible(page);
    await page.screenshot({ path: shot("changes-milestone-desktop.png"), fullPage: true });

    await page.goto(`/plans/${PLAN}/outputs/2.1`);
    const row = page.getByRole("table", { name: "Milestones" }).getByRole("row", { name: title });
    await expect(row).toContainText("31 March 2022");
    // Recorded "in progress", but 31 March 2022 has passed: the public page says so.
    await expect(row).toContainText("Overdue");
    await expectAccessible(page);
  });
});

test("an admin adds a dimension with categories and breaks an indicator down by it", async ({
  page,
  expectAccessible,
}) => {
  test.setTimeout(90_000);
  const key = `e2e_age${suffix()}`;
  const name = `Age band${suffix()}`;
  const code = `2.1.m${suffix()}`;
  await signInOverHttp(page.request, ACCOUNTS.admin);

  await test.step("add the dimension with its first category, then a second", async () => {
    await page.goto(`/admin/plans/${PLAN}`);
    await page.getByRole("link", { name: "Disaggregation dimensions" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Disaggregation dimensions");
    // District's categories sit under Province's: it cannot move above it.
    await expect(page.getByRole("button", { name: "Move District up" })).toBeDisabled();
    await page.getByLabel("Key", { exact: true }).fill("province");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await expect(page.getByText("This plan already has a dimension with this key.")).toBeVisible();
    await page.getByLabel("Key", { exact: true }).fill(key);
    await page.getByLabel("First category's key").fill("under_30");
    await page.getByLabel("First category's label").fill("Under 30");
    await bothWidths(page, "dimensions-list", expectAccessible);
    await page.getByRole("button", { name: "Add the dimension" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Dimension: ${name}`);
    await expect(page.getByRole("status")).toContainText("Now add its categories.");

    await page.getByLabel("Key", { exact: true }).fill("30_plus");
    await page.getByLabel("Label", { exact: true }).fill("30 and over");
    await page.getByRole("button", { name: "Add the category" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Category 30_plus was added." }),
    ).toBeVisible();
    const categories = page.getByRole("table", { name: "Categories" });
    await expect(categories.getByRole("row")).toHaveCount(3);
    await expect(page.getByLabel("Key", { exact: true })).toHaveValue("");
    await bothWidths(page, "dimension-page", expectAccessible);
  });

  await test.step("tick it on a new indicator; it can no longer be deleted", async () => {
    await addIndicator(page, code, "Young women trained as community mediators");
    await page.goto(`/admin/plans/${PLAN}/indicators/${code}`);
    await page.getByRole("checkbox", { name }).check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Saved: 1 change recorded." }),
    ).toBeVisible();
    await page.goto(`/admin/plans/${PLAN}/dimensions/${key}`);
    await expect(page.getByText(`Indicators broken down by it: ${code}`)).toBeVisible();
    await expect(
      page.getByText(`It cannot be deleted. Indicators ${code} are broken down by it`),
    ).toBeVisible();
  });

  await test.step("a category's page edits its label and parent", async () => {
    await page.getByRole("link", { name: "30 and over" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name}: 30 and over`);
    await page.getByLabel("Label").fill("30 years and over");
    await page.getByRole("button", { name: "Save the category" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved.");
    await bothWidths(page, "category-page", expectAccessible);
  });
});

test("two tabs edit one indicator: the later save is refused with who and when, and keeps its text", async ({
  page,
  context,
  expectAccessible,
}) => {
  test.setTimeout(90_000);
  const code = `2.1.n${suffix()}`;
  await signInOverHttp(page.request, ACCOUNTS.admin);
  await addIndicator(page, code, "Sector committees with a woman chair");

  const url = `/admin/plans/${PLAN}/indicators/${code}`;
  const tabA = page;
  const tabB = await context.newPage();
  await tabA.goto(url);
  await tabB.goto(url);

  await tabA.getByLabel("Title", { exact: true }).fill("Sector committees chaired by a woman");
  await tabA.getByRole("button", { name: "Save changes" }).click();
  await expect(
    tabA.getByRole("status").filter({ hasText: "Saved: 1 change recorded." }),
  ).toBeVisible();
  // Tab A saves again from the same form: its own save does not make it stale.
  await tabA.getByLabel(/^Definition/).fill("Committees of the sector councils.");
  await tabA.getByRole("button", { name: "Save changes" }).click();
  await expect(
    tabA.getByRole("status").filter({ hasText: "Saved: 1 change recorded." }),
  ).toBeVisible();

  await tabB.getByLabel("Title", { exact: true }).fill("Typed in tab B");
  await tabB.getByLabel(/^Definition/).fill("A definition typed in tab B");
  await tabB.getByRole("button", { name: "Save changes" }).click();
  const conflict = tabB.getByRole("alert").filter({ hasText: "changed after you opened it" });
  await expect(conflict).toContainText(/NAP Secretariat changed it on .+ UTC/);
  await expect(tabB.getByLabel("Title", { exact: true })).toHaveValue("Typed in tab B");
  await expect(tabB.getByLabel(/^Definition/)).toHaveValue("A definition typed in tab B");
  await expectAccessible(tabB);
  await tabB.screenshot({ path: shot("indicator-conflict-desktop.png"), fullPage: true });

  await conflict.getByRole("link", { name: "Load the current values" }).click();
  await expect(tabB.getByLabel("Title", { exact: true })).toHaveValue(
    "Sector committees chaired by a woman",
  );

  await test.step("the indicator has no data: it can be deleted, with a reason", async () => {
    await tabB.getByRole("button", { name: `Delete indicator ${code}…` }).click();
    await tabB.getByRole("button", { name: `Yes, delete indicator ${code}` }).click();
    await expect(tabB.getByText(/say why this indicator is deleted/)).toBeVisible();
    await tabB.getByLabel("Reason for deleting (required)").fill("Merged into 2.1.a");
    await expectAccessible(tabB);
    await tabB.getByRole("button", { name: `Yes, delete indicator ${code}` }).click();
    await expect(tabB).toHaveURL(new RegExp(`/admin/plans/${PLAN}\\?deleted=`));
    await expect(tabB.getByRole("status")).toHaveText(`Indicator ${code} was deleted.`);
    expect((await tabB.goto(url))?.status()).toBe(404);
  });

  await test.step("an indicator with reported values cannot be deleted", async () => {
    await tabA.goto(`/admin/plans/${PLAN}/indicators/1.2.a`);
    await expect(tabA.getByText(/so it cannot be deleted: .* Edit it instead\./)).toBeVisible();
    await expect(tabA.getByRole("button", { name: /^Delete indicator/ })).toHaveCount(0);
  });
});
