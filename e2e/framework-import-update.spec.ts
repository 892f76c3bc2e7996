import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ACCOUNTS, signInOverHttp } from "./support";

const EXAMPLE = path.join("lib", "framework", "examples", "exampleland-2024-2028.plan.json");
// Its own plan: later specs of the same worker assert Rwanda's plan as seeded.
const SLUG = "exampleland-import-update";
/** Set SCREENSHOTS=1 to keep pictures of the preview (desktop and 360 px) in .tmp/screens. */
const SCREENSHOTS = process.env.SCREENSHOTS ? path.resolve(".tmp", "screens") : null;

function planFile() {
  const file = JSON.parse(fs.readFileSync(EXAMPLE, "utf8"));
  file.plan.slug = SLUG;
  file.plan.status = "active";
  return file;
}

async function upload(page: Page, file: unknown, name: string) {
  await page.getByLabel("Plan file").setInputFiles({
    name,
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await page.getByRole("button", { name: "Check and import" }).click();
}

test("an admin updates a published plan from a file: preview, reason, apply, public change log", async ({
  page,
  expectAccessible,
}) => {
  test.setTimeout(90_000);
  await signInOverHttp(page.request, ACCOUNTS.admin);
  await page.goto("/admin/plans/import");

  // First import: a new, active plan.
  await upload(page, planFile(), "exampleland.plan.json");
  await expect(page.getByRole("status")).toContainText("was imported and is on the public site");

  // The same plan, changed: a target, a new indicator, an output renamed.
  const changed = planFile();
  const output = changed.pillars[0].outputs[0];
  const indicator = output.indicators[0];
  const target = indicator.targets.find((t: { year: number }) => t.year === 2026);
  expect(target.value).toBe(40);
  target.value = 45;
  output.indicators.push({
    ...structuredClone(indicator),
    code: "1.1.2",
    title: "Femmes formées à l'alerte précoce",
    targets: [{ year: 2028, value: 500 }],
  });
  changed.pillars[1].outputs[0].title = "Les forces de défense recrutent et promeuvent des femmes";
  await upload(page, changed, "exampleland-v2.plan.json");

  const preview = page.getByRole("region", { name: /^What would change in/ });
  await expect(preview).toBeVisible();
  // Taken to the preview, below the upload form.
  await expect(preview.getByRole("heading", { level: 2 })).toBeFocused();
  await expect(
    preview.getByRole("heading", { name: "3 changes: 1 added, 2 changed" }),
  ).toBeVisible();
  const indicators = preview.getByRole("region", { name: /^Indicators and targets/ });
  await expect(indicators).toContainText("Target for 2026: 40 → changed to 45");
  await expect(indicators).toContainText("1.1.2 Femmes formées à l'alerte précoce");
  await expect(indicators).toContainText("targets 2028: 500");
  await expect(preview.getByRole("region", { name: /^Outputs/ })).toContainText(
    "Title: Le recrutement",
  );
  await expect(preview.getByRole("region", { name: /^Outputs/ })).toContainText(
    "Les forces de défense recrutent et promeuvent des femmes",
  );
  await expect(page.getByLabel("Reason for the changes (required)")).toBeVisible();
  await expectAccessible(page);
  if (SCREENSHOTS) {
    await page.screenshot({ path: path.join(SCREENSHOTS, "import-preview.png"), fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({
      path: path.join(SCREENSHOTS, "import-preview-360.png"),
      fullPage: true,
    });
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  await page.getByLabel("Reason for the changes (required)").fill("Mid-term review of 2026");
  await page.getByRole("button", { name: "Apply these changes" }).click();
  await expect(page.getByRole("status")).toContainText(
    `The plan ${SLUG} was updated: 3 changes applied and listed in its public change log.`,
  );

  // The public indicator page shows the new target.
  await page.goto(`/plans/${SLUG}/indicators/1.1.1`);
  await expect(page.getByRole("row", { name: /^2026 / })).toContainText("45");
  await page.goto(`/plans/${SLUG}/indicators/1.1.2`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    "Femmes formées à l'alerte précoce",
  );

  // The change log lists it, with the reason.
  await page.goto(`/plans/${SLUG}/changes`);
  const row = page.getByRole("row", { name: /Target for 2026/ });
  await expect(row).toContainText("40 → changed to 45");
  await expect(row).toContainText("Mid-term review of 2026");
  await expect(page.getByRole("row", { name: /1\.1\.2 Femmes formées/ })).toContainText(
    "Added to the plan",
  );
  await expectAccessible(page);

  // The same file again: nothing would change.
  await page.goto("/admin/plans/import");
  await upload(page, changed, "exampleland-v2.plan.json");
  await expect(
    page.getByText("Nothing would change: the plan already matches this file."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply these changes" })).toHaveCount(0);
});

test("an upload that would remove reported data is refused before anything is applied", async ({
  page,
}) => {
  await signInOverHttp(page.request, ACCOUNTS.admin);
  await page.goto("/admin/plans/import");
  // Rwanda's plan (only read here) without its first output, which has action-plan activities.
  const response = await page.request.get("/api/v1/plans/rwanda-2018-2022/framework.json");
  const file = await response.json();
  file.pillars[0].outputs.shift();
  await upload(page, file, "rwanda.plan.json");
  await expect(
    page.getByRole("alert").filter({ hasText: "This file cannot be applied." }),
  ).toBeVisible();
  const refusals = page.getByRole("region", { name: "What stops this update" });
  // Each refusal is a row: where it is in the file, and why.
  const row = refusals
    .getByRole("row")
    .filter({ hasText: /Output 1\.1: .* action-plan activities.*it cannot be removed/ });
  await expect(row.getByRole("rowheader")).toHaveText("pillars[0].outputs");
  await expect(page.getByRole("button", { name: "Apply these changes" })).toHaveCount(0);
  if (SCREENSHOTS)
    await page.screenshot({ path: path.join(SCREENSHOTS, "import-refused.png"), fullPage: true });
});
