/**
 * An admin builds a plan from nothing through the UI: an institution, the plan (a draft), a
 * pillar, an output with that institution as its lead, an indicator with targets (the existing
 * indicator form), then activates it; the public site shows the plan and its output page.
 *
 * It works on a plan, a country and an institution of its own (a retry gets new ones), so the
 * tests its worker runs after it see the seeded data unchanged.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ACCOUNTS, signInOverHttp } from "./support";

const shot = (name: string) => test.info().outputPath(name);

async function expectNoPageOverflow(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Checks the page with axe and takes a desktop and a 360 px screenshot. */
async function look(page: Page, name: string, expectAccessible: (page: Page) => Promise<void>) {
  await expectAccessible(page);
  await page.screenshot({ path: shot(`${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await expectNoPageOverflow(page);
  await page.screenshot({ path: shot(`${name}-360.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("an admin builds a plan from nothing, activates it, and the public sees it", async ({
  page,
  expectAccessible,
}) => {
  test.setTimeout(180_000);
  const retry = test.info().retry;
  const slug = `structland-2030-2034${retry ? `-r${retry}` : ""}`;
  const country = retry ? `ZS${String.fromCharCode(65 + retry)}` : "ZSL";
  const acronym = "MOWA";
  const title = "Structland National Action Plan 2030–2034";
  await signInOverHttp(page.request, ACCOUNTS.admin);

  await test.step("an institution of the new country", async () => {
    await page.goto("/admin");
    await page.getByRole("link", { name: "Institutions", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Institutions");
    await page.getByRole("link", { name: "Add an institution" }).click();
    await page.getByLabel("Country code").fill(country);
    await page.getByLabel("Acronym").fill("MIGEPROF");
    await page.getByLabel("Name").fill("Ministry of Women's Affairs");
    await page.getByLabel("Website (optional)").fill("mowa.example");
    await expect(page.getByText("A web address starting with https://")).toBeVisible();
    await page.getByLabel("Website (optional)").fill("https://mowa.example");
    await page.getByLabel("Acronym").fill(acronym);
    await look(page, "new-institution", expectAccessible);
    await page.getByRole("button", { name: "Add the institution" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "The institution was added." }),
    ).toBeVisible();
    await page.getByRole("link", { name: country, exact: true }).click();
    await expect(page.getByRole("row", { name: new RegExp(acronym) })).toContainText(
      "Ministry of Women's Affairs",
    );
    await look(page, "institutions", expectAccessible);
  });

  await test.step("a draft plan: checked as the admin types, refused and kept on a bad save", async () => {
    await page.goto("/admin");
    await page.getByRole("link", { name: "Create a plan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("New plan");
    await page.getByLabel("Address").fill("Structland 2030");
    await expect(page.getByText(/Lower-case letters, digits and single dashes/)).toBeVisible();
    await page.getByLabel("Address").fill(slug);
    await page.getByLabel("Country code").fill(country);
    await page.getByLabel("Country", { exact: true }).fill("Structland");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("First year").fill("2030");
    await page.getByLabel("Last year").fill("2034");
    await page
      .getByLabel("Lead institution (optional)")
      .selectOption({ label: `${acronym}: Ministry of Women's Affairs` });
    await page.getByLabel("Word for one pillar").fill("priority");
    await page.getByLabel("Word for several pillars").fill("priorities");
    await page.getByLabel("Currency").fill("usd");
    await page.getByLabel("Tolerance (percentage points)").fill("150");
    await page.getByRole("button", { name: "Create the draft plan" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "Nothing was saved" });
    await expect(summary).toBeVisible();
    await expect(summary.getByRole("link", { name: /Tolerance/ })).toHaveAttribute(
      "href",
      "#field-statusTolerance",
    );
    await expect(page.getByLabel("Title")).toHaveValue(title);
    await look(page, "new-plan-refused", expectAccessible);
    await page.getByLabel("Tolerance (percentage points)").fill("10");
    await page.getByRole("button", { name: "Create the draft plan" }).click();
    await expect(page).toHaveURL(`/admin/plans/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  });

  await test.step("activating a plan without priorities is refused", async () => {
    await page.getByRole("link", { name: "Details and status" }).click();
    await page.getByLabel("I confirm: publish this plan now.").check();
    await page.getByRole("button", { name: "Activate the plan" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "This plan has no priorities yet" }),
    ).toBeVisible();
    await look(page, "plan-details", expectAccessible);
  });

  await test.step("a priority and an output with its lead institution", async () => {
    await page.goto(`/admin/plans/${slug}`);
    await page.getByRole("link", { name: "Add the first priority" }).click();
    await page.getByLabel("Title").fill("Women's participation in peace processes");
    await page.getByRole("button", { name: "Add the priority" }).click();
    await expect(page).toHaveURL(`/admin/plans/${slug}#pillar-1`);
    await expect(
      page.getByRole("heading", { level: 2, name: /Priority 1: Women's/ }),
    ).toBeVisible();

    await page.getByRole("link", { name: "Add an output to priority 1" }).click();
    await page.getByLabel("Title").fill("Women mediators trained and deployed");
    await page.getByRole("button", { name: "Add the output" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/plans/${slug}/outputs/1\\.1`));
    await expect(
      page.getByRole("status").filter({ hasText: "Output 1.1 was added." }),
    ).toBeVisible();
    await page
      .getByLabel("Lead institution")
      .selectOption({ label: `${acronym}: Ministry of Women's Affairs` });
    // The same institution as a supporter too: refused in place.
    await page.getByLabel(`${acronym}: Ministry of Women's Affairs`, { exact: true }).check();
    await expect(
      page.getByText("The lead institution cannot also be a supporting one"),
    ).toBeVisible();
    await page.getByLabel(`${acronym}: Ministry of Women's Affairs`, { exact: true }).uncheck();
    await page.getByRole("button", { name: "Save who is responsible" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Saved: 1 change recorded." }),
    ).toBeVisible();
    await look(page, "output", expectAccessible);

    await page.goto(`/admin/plans/${slug}/responsibilities`);
    await expect(page.getByRole("row", { name: /1\.1/ })).toContainText("L");
    await look(page, "responsibilities", expectAccessible);
  });

  await test.step("an indicator with targets, through the indicator form", async () => {
    await page.goto(`/admin/plans/${slug}`);
    await page.getByRole("link", { name: "Add an indicator to output 1.1" }).click();
    await page.getByLabel("Code", { exact: true }).fill("SL.1");
    await page.getByLabel("Title", { exact: true }).fill("Women among trained mediators");
    await page.getByLabel("Unit").selectOption("percent");
    await page.getByLabel("Baseline value").fill("12");
    await page.getByLabel("Baseline year").fill("2029");
    await page.getByLabel("Target 2032").fill("25");
    await page.getByLabel("Target 2034").fill("40");
    await page.getByLabel(/^End target/).fill("40");
    await page
      .getByLabel("Responsible institution")
      .selectOption({ label: `${acronym}: Ministry of Women's Affairs` });
    await page.getByRole("button", { name: "Add the indicator" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Indicator SL.1 was added." }),
    ).toBeVisible();
    await page.goto(`/admin/plans/${slug}`);
    await look(page, "plan-hub", expectAccessible);
  });

  await test.step("activation publishes the plan", async () => {
    await page.getByRole("link", { name: "Details and status" }).click();
    await page.getByRole("button", { name: "Activate the plan" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "Tick the box to confirm" }),
    ).toBeVisible();
    await page.getByLabel("I confirm: publish this plan now.").check();
    await page.getByRole("button", { name: "Activate the plan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The plan is active" })).toBeVisible();
  });

  await test.step("the public sees the plan and its output page", async () => {
    await page.context().clearCookies();
    await page.goto(`/plans/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await page
      .getByRole("link", { name: /Women mediators trained and deployed/ })
      .first()
      .click();
    await expect(page).toHaveURL(`/plans/${slug}/outputs/1.1`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Women mediators trained and deployed",
    );
    await expect(page.getByText(acronym).first()).toBeVisible();
    const indicator = page.getByRole("article", { name: /SL\.1/ });
    await expect(indicator).toContainText("Women among trained mediators");
    await expect(indicator.getByRole("row", { name: /Target 2034/ })).toContainText("40");
    await look(page, "public-output", expectAccessible);
  });
});

test("the structure pages send the public to sign in", async ({ page }) => {
  await page.goto("/admin/plans/new");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.goto("/admin/institutions");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});
