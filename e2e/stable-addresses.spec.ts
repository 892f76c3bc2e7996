/**
 * Stable public addresses on an adopted plan (docs/architecture.md, "Stable public addresses"): moving
 * Objective 1 of Rwanda's active plan asks for a reason, changes the order only, and every
 * public address still shows the same record; renaming an indicator's code leaves a permanent
 * redirect; deleting it leaves a 410 page saying what was removed and why.
 *
 * The move of Objective 1 is undone (Objective 1 back up, positions equal to the numbers again)
 * before the test goes on, so the tests its worker runs after it see Rwanda's order as seeded.
 * The indicator it renames and deletes is its own, added to output 1.1 (a retry gets new codes).
 */
import { expect, test } from "./fixtures";
import { ACCOUNTS, queryDb, signInOverHttp } from "./support";

const PLAN = "rwanda-2018-2022";
const shot = (name: string) => test.info().outputPath(name);

const positions = () =>
  queryDb<{ number: number; position: number | null }>(
    "select number, position from pillars where plan_id = (select id from plans where slug = ?) order by number",
    PLAN,
  );

test("moving Objective 1 keeps its addresses; a renamed code redirects; a removed one says so", async ({
  page,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  const retry = test.info().retry;
  const oldCode = `1.1.s${retry || ""}`;
  const newCode = `1.1.t${retry || ""}`;
  const reason = "The steering committee put security first (e2e)";
  await signInOverHttp(page.request, ACCOUNTS.admin);

  const outputTitle =
    await test.step("before: output 1.1 and the breadcrumb of 1.1.a", async () => {
      await page.goto(`/plans/${PLAN}/outputs/1.1`);
      return (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
    });
  expect(outputTitle.length).toBeGreaterThan(3);

  await test.step("Down on Objective 1 asks for a reason; refused without one", async () => {
    await page.goto(`/admin/plans/${PLAN}`);
    await page.getByRole("link", { name: "Move objective 1 down" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Move Objective 1 down?");
    await page.getByRole("button", { name: "Move Objective 1 down" }).click();
    await expect(
      page.getByText("Nothing was moved: please correct the reason below."),
    ).toBeVisible();
    await expect(
      page.getByText(/say why you move objective 1\..*at least 5 characters/),
    ).toBeVisible();
    expect(positions().every((p) => p.position === null || p.position === p.number)).toBe(true);
    await page.getByLabel("Reason for the change (required)").fill("Why");
    await page.getByRole("button", { name: "Move Objective 1 down" }).click();
    await expect(page.getByText(/at least 5 characters/)).toBeVisible();
    // What was typed stays.
    await expect(page.getByLabel("Reason for the change (required)")).toHaveValue("Why");
    await expectAccessible(page);
    await page.screenshot({ path: shot("move-reason-refused.png"), fullPage: true });
    await page.getByLabel("Reason for the change (required)").fill(reason);
    await page.getByRole("button", { name: "Move Objective 1 down" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/plans/${PLAN}\\?moved=1`));
    await expect(page.getByText(/^Moved\./)).toBeVisible();
    // Objective 2 now comes first; both keep their numbers.
    const headings = page.getByRole("heading", { level: 2 });
    await expect(headings.nth(0)).toHaveText(/^Objective 2: /);
    await expect(headings.nth(1)).toHaveText(/^Objective 1: /);
  });

  try {
    await test.step("the public addresses show the same records", async () => {
      await page.goto(`/plans/${PLAN}/outputs/1.1`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(outputTitle);
      await page.goto(`/plans/${PLAN}/indicators/1.1.a`);
      const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
      await expect(crumbs).toContainText("Objective 1");
      await expect(crumbs).toContainText("Output 1.1");
      await expect(crumbs).not.toContainText("Objective 2");
      await page.goto(`/plans/${PLAN}/changes`);
      const moved = page.getByRole("row").filter({ hasText: reason });
      await expect(moved.first()).toContainText("Place in the order (number kept)");
      await expect(moved).toHaveCount(2);
    });
  } finally {
    await test.step("undo the move (Objective 1 back up), with a reason", async () => {
      await page.goto(`/admin/plans/${PLAN}/move?pillar=1&direction=up`);
      await page
        .getByLabel("Reason for the change (required)")
        .fill("Back to the seeded order (e2e)");
      await page.getByRole("button", { name: "Move Objective 1 up" }).click();
      await expect(page).toHaveURL(new RegExp(`/admin/plans/${PLAN}\\?moved=1`));
      expect(positions().every((p) => p.position === null || p.position === p.number)).toBe(true);
    });
  }

  await test.step("an indicator of its own, whose code then changes (with a reason)", async () => {
    await page.goto(`/admin/plans/${PLAN}/indicators/new?output=1.1`);
    await page.getByLabel("Code", { exact: true }).fill(oldCode);
    await page.getByLabel("Title", { exact: true }).fill("Women district councillors (e2e)");
    await page.getByLabel("Unit").selectOption("count");
    await page.getByLabel(/^Reason/).fill("Added for the stable-addresses check");
    await page.getByRole("button", { name: "Add the indicator" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: `Indicator ${oldCode} was added.` }),
    ).toBeVisible();

    await page.goto(`/admin/plans/${PLAN}/indicators/${oldCode}`);
    await page.getByLabel("Code", { exact: true }).fill(newCode);
    await expect(page.getByLabel("Reason for this change (required)")).toBeVisible();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(/say why the code changes/)).toBeVisible();
    await page.getByLabel(/^Reason/).fill("Codes follow the new numbering");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(`/admin/plans/${PLAN}/indicators/${newCode}`);
  });

  await test.step("the old code redirects permanently (308), page and data", async () => {
    const pageAnswer = await page.request.get(`/plans/${PLAN}/indicators/${oldCode}`, {
      maxRedirects: 0,
    });
    expect(pageAnswer.status()).toBe(308);
    expect(pageAnswer.headers().location).toMatch(
      new RegExp(`/plans/${PLAN}/indicators/${newCode}$`),
    );
    const dataAnswer = await page.request.get(
      `/api/v1/plans/${PLAN}/indicators/${oldCode}/data.json`,
      { maxRedirects: 0 },
    );
    expect(dataAnswer.status()).toBe(308);
    expect(dataAnswer.headers().location).toBe(
      `/api/v1/plans/${PLAN}/indicators/${newCode}/data.json`,
    );
    const tree = await (await page.request.get(`/api/v1/plans/${PLAN}`)).json();
    const node = tree.data.pillars
      .find((p: { number: number }) => p.number === 1)
      .outputs.find((o: { code: string }) => o.code === "1.1")
      .indicators.find((i: { code: string }) => i.code === newCode);
    expect(node.previousCodes).toEqual([oldCode]);
    await page.goto(`/plans/${PLAN}/indicators/${oldCode}`);
    await expect(page).toHaveURL(`/plans/${PLAN}/indicators/${newCode}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(
      "Women district councillors (e2e)",
    );
  });

  await test.step("deleted with a reason, its addresses answer 410 with what and why", async () => {
    await page.goto(`/admin/plans/${PLAN}/indicators/${newCode}`);
    await page.getByRole("button", { name: `Delete indicator ${newCode}…` }).click();
    await page.getByLabel("Reason for deleting (required)").fill("Counted twice (e2e)");
    await page.getByRole("button", { name: `Yes, delete indicator ${newCode}` }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/plans/${PLAN}\\?deleted=`));

    const gone = await page.request.get(`/plans/${PLAN}/indicators/${newCode}`, {
      maxRedirects: 0,
    });
    expect(gone.status()).toBe(410);
    const data = await page.request.get(`/api/v1/plans/${PLAN}/indicators/${newCode}/data.json`);
    expect(data.status()).toBe(410);
    expect((await data.json()).error).toMatchObject({ code: "GONE" });

    // Every code the deleted indicator ever had now says it was removed (no redirect to a 410).
    const older = await page.request.get(`/plans/${PLAN}/indicators/${oldCode}`, {
      maxRedirects: 0,
    });
    expect(older.status()).toBe(410);

    await page.context().clearCookies();
    const answer = await page.goto(`/plans/${PLAN}/indicators/${newCode}`);
    expect(answer?.status()).toBe(410);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "This indicator was removed from the plan",
    );
    await expect(page.getByText("Counted twice (e2e)")).toBeVisible();
    await expect(page.getByText("Women district councillors (e2e)")).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: shot("removed-indicator.png"), fullPage: true });
  });
});
