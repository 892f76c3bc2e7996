/**
 * Approval shows what will be published (issue 11, point 2). A reviewer opens MINADEF's
 * submitted 2021/22 report, whose 1.2.a total the seed types a decimal place off (1.5 % after an
 * approved 13.8 %): the decision screen lists every value that will go public beside the value
 * it replaces, with the warning. Approving without ticking it is refused, over the form and over
 * HTTP, and nothing is published; ticked and with a note, the value goes public and the note
 * shows in the history.
 *
 * MINADEF's 2021/22 report is this file's alone.
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ACCOUNTS, queryDb, signInOverHttp } from "./support";

const PLAN = "rwanda-2018-2022";
const SHOTS = path.join(".tmp", "pw-approval", "shots");

function minadefReport() {
  const [row] = queryDb<{ id: number; version: number; status: string }>(
    `select r.id, r.version, r.status from progress_reports r
       join institutions i on i.id = r.institution_id
       join reporting_periods p on p.id = r.period_id
      where i.acronym = 'MINADEF' and p.code = '2021July'`,
  );
  if (!row) throw new Error("The seed's MINADEF 2021/22 report is missing");
  return row;
}

const published = (reportId: number) =>
  queryDb<{ n: number }>("select count(*) as n from observations where report_id = ?", reportId)[0]
    ?.n;

async function publicTotals(page: Page) {
  const response = await page.request.get(`/api/v1/plans/${PLAN}/indicators/1.2.a/data.json`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    data: { observations: { period?: string; value: number | null; disaggregation?: object }[] };
  };
  return body.data.observations
    .filter((o) => o.period === "2021July" && Object.keys(o.disaggregation ?? {}).length === 0)
    .map((o) => o.value);
}

async function shoot(page: Page, name: string) {
  const box = page.getByRole("region", { name: "Your decision" });
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await box.screenshot({ path: path.join(SHOTS, `${name}-box-desktop.png`) });
  await page.setViewportSize({ width: 360, height: 800 });
  await box.screenshot({ path: path.join(SHOTS, `${name}-box-360.png`) });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "the page does not scroll sideways at 360 px").toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("a reviewer sees what approval publishes and must acknowledge its warning", async ({
  page,
  baseURL,
  expectAccessible,
}) => {
  test.setTimeout(90_000);
  const report = minadefReport();
  expect(report.status).toBe("submitted");
  expect(published(report.id)).toBe(0);
  await signInOverHttp(page.request, ACCOUNTS.reviewer);
  await page.goto(`/review/reports/${report.id}`);

  // The list of what goes public, each value beside the one it replaces.
  const decision = page.getByRole("region", { name: "Your decision" });
  const list = decision.getByRole("table", { name: "What approving publishes" });
  await expect(list).toContainText("Values for July 2021 – June 2022");
  const total = list.getByRole("row", { name: /1\.2\.a/ }).filter({ hasText: "Total" });
  await expect(total).toContainText("1.5 %");
  await expect(total).toContainText("13.8 %");
  await expect(total).toContainText("July 2020 – June 2021");
  await expect(total).toContainText("Check");
  await expect(
    list.getByRole("row", { name: /1\.2\.a/ }).filter({ hasText: "Troops" }),
  ).toHaveCount(1);
  const warnings = decision.getByRole("group", { name: "1 warning to check before approving" });
  const box = warnings.getByRole("checkbox", {
    name: "1.2.a Total: 1.5 is a 89 % fall from the last approved value (13.8, July 2020 – June 2021): more than ±50 %.",
  });
  await expect(box).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "decision");

  // Approving without the tick is refused with a message; what was typed stays.
  const note = decision.getByLabel("Note on why the figures stand");
  await note.fill("MINADEF confirmed");
  await decision.getByRole("button", { name: "Approve and publish" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: /^Not approved: the figures raise 1 warning/ }),
  ).toBeVisible();
  await expect(decision.getByText("Confirm 1 more warning before approving.")).toBeVisible();
  await expect(note).toHaveValue("MINADEF confirmed");
  expect(minadefReport().status).toBe("submitted");
  expect(published(report.id)).toBe(0);
  await expectAccessible(page);
  await shoot(page, "decision-refused");

  // The server does not take the client's word: an approval over HTTP without the warning's id,
  // or with an id it did not compute, is refused too.
  for (const acknowledged of [[], ["change|value:2:|anything"]]) {
    const response = await page.request.post(`/api/reports/${report.id}/transitions`, {
      data: { action: "approve", version: report.version, reason: "Looks fine.", acknowledged },
      headers: { Origin: baseURL ?? "" },
    });
    expect(response.status()).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /^Not approved: the figures raise 1 warning/,
    );
  }
  expect(published(report.id)).toBe(0);
  expect(await publicTotals(page)).toEqual([]);

  // Ticked, with a note: approved, and the value is public.
  await box.check();
  await note.fill("MINADEF confirmed 1.5 %: most women officers moved to the reserve.");
  await decision.getByRole("button", { name: "Approve and publish" }).click();
  await expect(page.getByText("The report is approved.")).toBeVisible();
  expect(minadefReport().status).toBe("approved");
  expect(await publicTotals(page)).toEqual([1.5]);

  // The history shows the note and the warning acknowledged.
  await page.getByText("Every change and decision, newest first").click();
  const approval = page.locator(".history > li").filter({ hasText: "approved it" });
  await expect(approval).toContainText(
    "Note: MINADEF confirmed 1.5 %: most women officers moved to the reserve.",
  );
  await expect(approval).toContainText("Warnings acknowledged:");
  await expect(approval).toContainText("1.2.a Total: 1.5 is a 89 % fall");
});
