/**
 * An admin edits the M&E framework through the UI: adds an indicator with targets to an active
 * plan (it appears on the public output page), changes one of its targets (refused without a
 * reason, typed values kept; saved with one), and the public change log shows the change.
 *
 * It adds its own indicator to output 1.1 of Rwanda's 2018–2022 plan and edits only that one, so
 * the tests its worker runs after it see the seeded indicators unchanged.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ACCOUNTS, signInOverHttp } from "./support";

const PLAN = "rwanda-2018-2022";
const shot = (name: string) => test.info().outputPath(name);

/** The page never scrolls sideways at this width (tables may, inside their own region). */
async function expectNoPageOverflow(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test("an admin adds an indicator with targets, changes a target with a reason, and the public sees both", async ({
  page,
  expectAccessible,
}) => {
  test.setTimeout(90_000);
  // A code nobody else uses (a retry gets its own).
  const code = test.info().retry ? `1.1.z${test.info().retry}` : "1.1.z";
  await signInOverHttp(page.request, ACCOUNTS.admin);

  await test.step("the admin home leads to the plan's framework", async () => {
    await page.goto("/admin");
    await page
      .getByRole("region", { name: "Plans and indicators" })
      .getByRole("link", { name: /Rwanda National Action Plan 2018–2022/ })
      .click();
    await expect(page).toHaveURL(`/admin/plans/${PLAN}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("2018–2022");
    await expect(page.getByRole("button", { name: "Move 1.1.a up" })).toBeDisabled();
    await expectAccessible(page);
    await page.screenshot({ path: shot("admin-plan-desktop.png"), fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await expectNoPageOverflow(page);
    await page.screenshot({ path: shot("admin-plan-360.png") });
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  await test.step("the form checks as the admin types, and refuses an addition without a reason", async () => {
    await page.getByRole("link", { name: "Add an indicator to output 1.1" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("New indicator");
    await expect(page.getByLabel("Belongs to")).toHaveValue("output:1.1");
    await page.getByLabel("Code", { exact: true }).fill("1.1.a");
    await expect(page.getByText("Another indicator of this plan has this code.")).toBeVisible();
    await page.getByLabel("Code", { exact: true }).fill(code);
    await page.getByLabel("Title", { exact: true }).fill("Women mayors of districts");
    await page.getByLabel("Unit").selectOption("count");
    await page.getByLabel("Baseline value").fill("3");
    await page.getByLabel("Baseline year").fill("2017");
    await page.getByLabel("Target 2020").fill("four");
    await expect(page.getByText("Enter a number, like 12 or 4.5.")).toBeVisible();
    await page.getByLabel("Target 2020").fill("4");
    await page.getByLabel("Target 2022").fill("8");
    await page.getByLabel(/^End target/).fill("8");

    await page.getByRole("button", { name: "Add the indicator" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toBeVisible();
    await expect(page.getByText(/say why this indicator is added/)).toBeVisible();
    // What was typed is still there.
    await expect(page.getByLabel("Code", { exact: true })).toHaveValue(code);
    await expect(page.getByLabel("Target 2022")).toHaveValue("8");
    await expectAccessible(page);
    await page.screenshot({ path: shot("new-indicator-refused-desktop.png"), fullPage: true });

    await page.getByLabel(/^Reason/).fill("Added at the steering committee's request");
    await page.getByRole("button", { name: "Add the indicator" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: `Indicator ${code} was added.` }),
    ).toBeVisible();
  });

  await test.step("it appears on the public output page with its targets", async () => {
    await page.goto(`/plans/${PLAN}/outputs/1.1`);
    const indicator = page.getByRole("article", { name: new RegExp(code.replaceAll(".", "\\.")) });
    await expect(indicator).toContainText("Women mayors of districts");
    const table = indicator.getByRole("table");
    await expect(table.getByRole("row", { name: /Baseline/ })).toContainText("20173");
    await expect(table.getByRole("row", { name: /Target 2022/ })).toContainText("8");
  });

  await test.step("changing a target needs a reason; the typed values stay after the refusal", async () => {
    await page.goto(`/admin/plans/${PLAN}`);
    await page.getByRole("link", { name: new RegExp(`^${code.replaceAll(".", "\\.")}`) }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      `Indicator ${code}: Women mayors of districts`,
    );
    await expect(page.getByLabel("Target 2022")).toHaveValue("8");
    await page.getByLabel("Target 2022").fill("9");
    await expect(page.getByLabel("Reason for this change (required)")).toBeVisible();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toBeVisible();
    await expect(page.getByText(/say why the baseline or targets change/)).toBeVisible();
    await expect(page.getByLabel("Target 2022")).toHaveValue("9");
    await expectAccessible(page);
    await page.setViewportSize({ width: 360, height: 800 });
    await expectNoPageOverflow(page);
    await page.screenshot({ path: shot("edit-indicator-refused-360.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });

    // A reason is at least 5 characters besides spaces, in the framework as in reports.
    await page.getByLabel(/^Reason/).fill("Why");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toBeVisible();
    await expect(
      page.getByText(/say why the baseline or targets change.*at least 5 characters/),
    ).toBeVisible();
    await expect(page.getByLabel(/^Reason/)).toHaveValue("Why");
    await expect(page.getByLabel("Target 2022")).toHaveValue("9");

    await page.getByLabel(/^Reason/).fill("District elections moved to 2022");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Saved: 1 change recorded." }),
    ).toBeVisible();
    await expect(page.getByLabel(/^Reason/)).toHaveValue("");
  });

  await test.step("the public change log shows the addition and the target change, with reasons", async () => {
    await page.context().clearCookies();
    await page.goto(`/plans/${PLAN}`);
    await page.getByRole("link", { name: "Changes to this plan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Changes to this plan");
    const rows = page.getByRole("row").filter({ hasText: `${code} Women mayors of districts` });
    const change = rows.filter({ hasText: "Target for 2022" });
    await expect(change).toHaveCount(1);
    await expect(change).toContainText("8 → changed to 9");
    await expect(change).toContainText("District elections moved to 2022");
    const added = rows.filter({ hasText: "Added to the plan" });
    await expect(added).toContainText("targets 2020: 4, 2022: 8");
    await expect(added).toContainText("Added at the steering committee's request");
    await expectAccessible(page);
    await page.screenshot({ path: shot("changes-desktop.png"), fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await expectNoPageOverflow(page);
    await expectAccessible(page);
    await page.screenshot({ path: shot("changes-360.png"), fullPage: true });
  });
});

test("the change log of an unknown plan is a 404, and the admin pages send the public to sign in", async ({
  page,
}) => {
  expect((await page.goto("/plans/atlantis-2020-2024/changes"))?.status()).toBe(404);
  await page.goto(`/admin/plans/${PLAN}/indicators/1.1.a`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});
