/**
 * Reporting-period administration in the browser: an admin creates a year's quarters, changes
 * a deadline, closes and reopens with reasons; bad input is explained and kept. The seed (and
 * the tests the worker ran before) may hold some of Rwanda's periods, so each test picks a year
 * whose codes nobody has created yet.
 */
import { expect, test } from "./fixtures";
import { ACCOUNTS, queryDb, signInOverHttp } from "./support";

const RWANDA = "rwanda-2018-2022";

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function rwanda() {
  const [plan] = queryDb<{ id: number; title: string }>(
    "select id, title from plans where slug = ?",
    RWANDA,
  );
  if (!plan) throw new Error(`The seed has no plan ${RWANDA}`);
  return plan;
}

const codesOf = (planId: number) =>
  new Set(
    queryDb<{ code: string }>("select code from reporting_periods where plan_id = ?", planId).map(
      (row) => row.code,
    ),
  );

/** The latest year of Rwanda's plan (2018–2022) that has none of the given codes yet. */
function freeYear(planId: number, suffixes: string[]): number {
  const taken = codesOf(planId);
  const year = [2022, 2021, 2020, 2019, 2018].find((y) =>
    suffixes.every((suffix) => !taken.has(`${y}July${suffix}`)),
  );
  if (year === undefined) throw new Error("Every year of Rwanda's plan has these periods already");
  return year;
}

test.describe("reporting periods", () => {
  test("an admin creates a year's quarters, changes a deadline, closes and reopens one", async ({
    page,
    expectAccessible,
  }) => {
    test.setTimeout(90_000);
    const plan = rwanda();
    const year = freeYear(plan.id, ["Q1", "Q2", "Q3", "Q4"]);
    const next = year + 1;
    await signInOverHttp(page.request, ACCOUNTS.admin);

    await page.goto("/admin");
    await page.getByRole("link", { name: "Reporting periods" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reporting periods");
    await expectAccessible(page);

    await page.getByRole("link", { name: "New reporting period" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("New reporting period");
    await page.getByLabel("Plan").selectOption(String(plan.id));
    await page.getByLabel("Kind of period").selectOption("quarterly");
    await page.getByLabel("Year", { exact: true }).selectOption(String(year));
    await page.getByLabel("Which quarter").selectOption("all");
    // The preview is computed in the browser from the period codes as the choices change.
    const preview = page.getByRole("region", { name: "What will be created" });
    await expect(preview).toContainText(
      `4 periods: ${year}JulyQ1, ${year}JulyQ2, ${year}JulyQ3, ${year}JulyQ4.`,
    );
    await expect(preview).toContainText(`Q3 of the year from July ${year} (January–March ${next})`);
    await expect(preview).toContainText(
      `Code ${year}JulyQ3 · 1 January ${next} – 31 March ${next} · due 30 April ${next}`,
    );
    await expectAccessible(page);
    await page.getByRole("button", { name: "Create 4 periods" }).click();
    await expect(page.getByRole("status")).toHaveText(
      `Created 4 periods ${year}JulyQ1, ${year}JulyQ2, ${year}JulyQ3 and ${year}JulyQ4, open for reporting.`,
    );
    // What was chosen stays chosen, and the preview now knows the periods exist.
    await expect(page.getByLabel("Year", { exact: true })).toHaveValue(String(year));
    await expect(preview).toContainText("Nothing: this plan has these periods already.");

    expect(
      queryDb(
        "select code, type, start_date, end_date, deadline, status from reporting_periods where plan_id = ? and code like ? order by start_date",
        plan.id,
        `${year}JulyQ%`,
      ),
    ).toEqual([
      {
        code: `${year}JulyQ1`,
        type: "quarterly",
        start_date: `${year}-07-01`,
        end_date: `${year}-09-30`,
        deadline: `${year}-10-30`,
        status: "open",
      },
      {
        code: `${year}JulyQ2`,
        type: "quarterly",
        start_date: `${year}-10-01`,
        end_date: `${year}-12-31`,
        deadline: `${next}-01-30`,
        status: "open",
      },
      {
        code: `${year}JulyQ3`,
        type: "quarterly",
        start_date: `${next}-01-01`,
        end_date: `${next}-03-31`,
        deadline: `${next}-04-30`,
        status: "open",
      },
      {
        code: `${year}JulyQ4`,
        type: "quarterly",
        start_date: `${next}-04-01`,
        end_date: `${next}-06-30`,
        deadline: `${next}-07-30`,
        status: "open",
      },
    ]);

    await page.getByRole("link", { name: "See the plan's periods" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reporting periods");
    const table = page.getByRole("region", { name: `Reporting periods of ${plan.title}` });
    const q3 = table.getByRole("row", { name: new RegExp(`${year}JulyQ3`) });
    await expect(q3).toContainText(`Q3 of the year from July ${year} (January–March ${next})`);
    await expect(q3).toContainText(`1 January ${next} – 31 March ${next}`);
    await expect(q3).toContainText(`30 April ${next}`);
    await expect(q3).toContainText(/Open/);
    await expect(q3).toContainText(/0 of \d+ submitted, 0 approved/);
    await expect(table.getByRole("row", { name: new RegExp(`${year}JulyQ1`) })).toContainText(
      `Q1 of the year from July ${year} (July–September ${year})`,
    );
    await expectAccessible(page);

    await q3.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      `Q3 of the year from July ${year} (January–March ${next})`,
    );
    await expectAccessible(page);

    // A deadline before the period starts is refused as it is typed, and by the server.
    const deadline = page.getByLabel("Submission deadline");
    await deadline.fill(`${year}-12-31`);
    await expect(deadline).toHaveAccessibleDescription(
      new RegExp(`The deadline 31 December ${year} is before ${year}JulyQ3 starts`),
    );
    await deadline.fill(`${next}-05-15`);
    await page.getByRole("button", { name: "Change the deadline" }).click();
    await expect(page.getByRole("status")).toHaveText(`The deadline is now 15 May ${next}.`);
    await expect(deadline).toHaveValue(`${next}-05-15`);
    const row = () =>
      queryDb<{ id: number; deadline: string; status: string }>(
        "select id, deadline, status from reporting_periods where plan_id = ? and code = ?",
        plan.id,
        `${year}JulyQ3`,
      )[0];
    expect(row()?.deadline).toBe(`${next}-05-15`);

    await page.getByLabel("Reason (optional)").fill("All figures for the quarter are in");
    await page.getByRole("button", { name: "Close the period" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The period is closed" })).toHaveText(
      "The period is closed: its draft reports can no longer be edited.",
    );
    await expect(page.getByRole("heading", { name: "Reopen the period" })).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: "Closed" })).toBeVisible();
    expect(row()?.status).toBe("closed");
    const audit = () =>
      queryDb<{ action: string; reason: string | null; before: string; after: string }>(
        "select action, reason, before, after from audit_events where entity_type = 'reporting_period' and entity_id = ? order by id",
        String(row()?.id),
      );
    expect(audit().map((event) => [event.action, event.reason])).toEqual([
      ["period.create", null],
      ["period.update_deadline", null],
      ["period.close", "All figures for the quarter are in"],
    ]);
    expect(JSON.parse(audit()[1]?.before ?? "{}")).toMatchObject({ deadline: `${next}-04-30` });
    expect(JSON.parse(audit()[1]?.after ?? "{}")).toMatchObject({ deadline: `${next}-05-15` });

    // Reopening needs a reason: refused without one, nothing changed.
    await page.getByRole("button", { name: "Reopen the period" }).click();
    // (Next's route announcer is an alert too: pick ours by its text.)
    await expect(
      page.getByRole("alert").filter({ hasText: "Please correct the fields marked below." }),
    ).toBeVisible();
    await expect(page.getByLabel("Reason", { exact: true })).toHaveAccessibleDescription(
      /Give the reason for reopening the period; it is kept in the audit log \(at least 5 characters\)\./,
    );
    expect(row()?.status).toBe("closed");
    await expectAccessible(page);

    await page.getByLabel("Reason", { exact: true }).fill("Two ministries asked for a week more");
    await page.getByRole("button", { name: "Reopen the period" }).click();
    await expect(page.getByRole("status").filter({ hasText: "open again" })).toHaveText(
      "The period is open again: institutions can edit their drafts and submit.",
    );
    expect(row()?.status).toBe("open");
    expect(audit().at(-1)).toMatchObject({
      action: "period.reopen",
      reason: "Two ministries asked for a week more",
    });

    await page.getByLabel("Reason (optional)").fill("Closed again for the test");
    await page.getByRole("button", { name: "Close the period" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "The period is closed" }),
    ).toBeVisible();
    await page.getByRole("link", { name: "Reporting periods" }).click();
    await expect(
      page
        .getByRole("region", { name: `Reporting periods of ${plan.title}` })
        .getByRole("row", { name: new RegExp(`${year}JulyQ3`) }),
    ).toContainText("Closed");
  });

  test("a bad choice is explained as it is typed and by the server, and what was typed stays", async ({
    page,
    expectAccessible,
  }) => {
    const plan = rwanda();
    const year = freeYear(plan.id, ["S2"]);
    const before = codesOf(plan.id).size;
    await signInOverHttp(page.request, ACCOUNTS.admin);
    await page.goto(`/admin/periods/new?plan=${RWANDA}`);
    await expect(page.getByLabel("Plan")).toHaveValue(String(plan.id));
    await page.getByLabel("Kind of period").selectOption("semi_annual");
    await page.getByLabel("Year", { exact: true }).selectOption(String(year));
    await page.getByLabel("Which half-year").selectOption("2");
    const deadline = page.getByLabel("Submission deadline (optional)");
    await deadline.fill(`${year}-12-01`);
    const message = `The deadline 1 December ${year} is before ${year}JulyS2 starts (1 January ${year + 1}).`;
    // Checked in the browser as the user types …
    await expect(deadline).toHaveAccessibleDescription(new RegExp(literal(message)));
    await expect(deadline).toHaveAttribute("aria-invalid", "true");
    // … and by the server, which creates nothing and keeps every choice.
    await page.getByRole("button", { name: "Create the period" }).click();
    await expect(page.getByRole("alert").filter({ hasText: message })).toHaveText(message);
    await expect(page.getByLabel("Plan")).toHaveValue(String(plan.id));
    await expect(page.getByLabel("Kind of period")).toHaveValue("semi_annual");
    await expect(page.getByLabel("Year", { exact: true })).toHaveValue(String(year));
    await expect(page.getByLabel("Which half-year")).toHaveValue("2");
    await expect(deadline).toHaveValue(`${year}-12-01`);
    await expect(deadline).toHaveAccessibleDescription(new RegExp(literal(message)));
    expect(codesOf(plan.id).size).toBe(before);
    await expectAccessible(page);
  });
});
