/**
 * The report's whole life in the browser, as PRODUCT.md draws it: a reporter drafts with
 * autosave, reloads and finds everything, submits; a reviewer returns it with a reason; the
 * reporter fixes and resubmits; the reviewer approves; only then does the value reach the public
 * output page and the API. And two focal points of one institution editing the same draft: the
 * later save is refused with who changed what, and nothing typed is lost.
 *
 * MINEMA's 2022/23 report is this file's alone (the seed leaves it unstarted); the conflict test
 * uses MIGEPROF's 2022/23 draft with its two focal points' accounts.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ACCOUNTS, queryDb, signInOverHttp } from "./support";

const PLAN = "rwanda-2018-2022";
const PERIOD = "July 2022 – June 2023";

async function waitSaved(page: Page) {
  await expect(page.getByRole("status").filter({ hasText: /All changes saved at/ })).toBeVisible({
    timeout: 15_000,
  });
}

async function publicValues(page: Page, code: string) {
  const response = await page.request.get(`/api/v1/plans/${PLAN}/indicators/${code}/data.json`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    data: { observations: { periodCode?: string; period?: string; value: number | null }[] };
  };
  return body.data.observations;
}

test.describe("the report's life", () => {
  test("draft with autosave, submit, return, resubmit, approve; public only after approval", async ({
    browser,
    expectAccessible,
  }) => {
    test.setTimeout(150_000);
    const reporterContext = await browser.newContext();
    const reporter = await reporterContext.newPage();
    await signInOverHttp(reporter.request, "reporter.minema@example.org");

    // The workspace lists the period as due; starting it opens the editor.
    await reporter.goto("/workspace");
    const due = reporter.getByRole("region", { name: /^Due \(/ });
    await expect(due.getByRole("row", { name: new RegExp(PERIOD) })).toContainText("Not started");
    await expectAccessible(reporter);
    await due.getByRole("button", { name: `Start the report for ${PERIOD}` }).click();
    await expect(reporter.getByRole("heading", { level: 1 })).toHaveText(
      `Progress report: ${PERIOD}`,
    );
    const reportId = Number(new URL(reporter.url()).pathname.split("/").at(-1));

    // Bad input is refused where it is typed, and what was typed stays.
    const count = reporter.getByLabel("4.2.a total");
    await count.fill("43.5");
    await expect(reporter.getByText("A count must be a whole number.")).toBeVisible();
    await expect(count).toHaveValue("43.5");
    await count.fill("1 2 3 4"); // 1234, or four numbers? Refused rather than guessed.
    await expect(
      reporter.getByText(/^Write a number in one of these forms: 1770, 1770\.5/),
    ).toBeVisible();
    await expect(count).toHaveValue("1 2 3 4");
    await count.fill("4321");
    await reporter.getByLabel("4.1.a total").fill("101");
    await expect(reporter.getByText("A percentage must be between 0 and 100.")).toBeVisible();
    await reporter.getByLabel("4.1.a total").fill("31.5");
    await waitSaved(reporter);

    // Reloaded, everything is there (from the server, not from this tab).
    await reporter.reload();
    await expect(reporter.getByLabel("4.2.a total")).toHaveValue("4321");
    await expect(reporter.getByLabel("4.1.a total")).toHaveValue("31.5");

    // Submitting an incomplete report lists what is missing, with links to each field.
    await reporter.getByRole("button", { name: "Submit for review" }).click();
    const problems = reporter.getByRole("alert").filter({ hasText: "Before you can submit" });
    await expect(problems).toBeVisible();
    await expect(problems.getByRole("link", { name: "Achievements" })).toBeVisible();
    await expect(problems.getByRole("link", { name: "Output 4.1: your rating" })).toBeVisible();
    await expectAccessible(reporter);
    await problems.getByRole("link", { name: "Achievements" }).click();
    await expect(reporter.getByLabel("Achievements")).toBeFocused();

    await reporter.getByLabel("Achievements").fill("Women's protection desks opened in two camps.");
    await reporter.getByLabel("Your rating of output 4.1").selectOption("on_track");
    await reporter.getByLabel("Your rating of output 4.2").selectOption("at_risk");
    await waitSaved(reporter);
    await reporter.getByRole("button", { name: "Submit for review" }).click();
    await expect(reporter.getByText("The report was submitted for review.")).toBeVisible();
    await expect(reporter.getByText("Submitted, awaiting review")).toBeVisible();
    await expect(reporter.getByLabel("4.2.a total")).toHaveCount(0); // locked: no more inputs

    // Not public while submitted.
    expect((await publicValues(reporter, "4.2.a")).map((o) => o.value)).not.toContain(4321);

    // The reviewer finds it in the queue and returns it with a reason.
    const reviewerContext = await browser.newContext();
    const reviewer = await reviewerContext.newPage();
    await signInOverHttp(reviewer.request, ACCOUNTS.reviewer);
    await reviewer.goto("/review");
    await reviewer.getByRole("link", { name: `MINEMA ${PERIOD}` }).click();
    await expect(reviewer).toHaveURL(new RegExp(`/review/reports/${reportId}$`));
    await expectAccessible(reviewer);
    await reviewer.getByRole("button", { name: "Return to the institution" }).click();
    await expect(reviewer.getByText(/Write a reason/)).toBeVisible();
    await reviewer
      .getByLabel("Reason for returning")
      .fill("Please name the source of the 4.2.a figure.");
    await reviewer.getByRole("button", { name: "Return to the institution" }).click();
    await expect(reviewer.getByText("The report was returned to the institution")).toBeVisible();

    // The reporter sees why, fixes and resubmits.
    await reporter.goto("/workspace");
    await expect(reporter.getByRole("region", { name: /^Returned for changes \(/ })).toContainText(
      "Please name the source of the 4.2.a figure.",
    );
    await reporter.goto(`/workspace/reports/${reportId}`);
    await expect(reporter.getByText("Returned for changes")).toBeVisible();
    await reporter
      .getByLabel("Note on the 4.2.a figures (source, method, caveats)")
      .fill("Source: MINEMA camp registers, June 2023.");
    await waitSaved(reporter);
    await reporter.getByRole("button", { name: "Submit for review" }).click();
    await expect(reporter.getByText("The report was submitted for review.")).toBeVisible();
    expect((await publicValues(reporter, "4.2.a")).map((o) => o.value)).not.toContain(4321);

    // Approved: locked, and now public on the output page and in the API.
    await reviewer.reload();
    // 4,321 after an approved 5 is flagged: each warning ticked, with a note, before publishing.
    const warnings = reviewer.getByRole("group", { name: /to check before approving$/ });
    // Two checks fire: the jump from the last approved value, and the value far above the target.
    await expect(
      warnings.getByRole("checkbox", { name: /^4\.2\.a Total: 4,321 is a .* rise/ }),
    ).toBeVisible();
    await expect(
      warnings.getByRole("checkbox", { name: /^4\.2\.a Total: 4,321 is .* of the / }),
    ).toBeVisible();
    for (const box of await warnings.getByRole("checkbox").all()) await box.check();
    await reviewer
      .getByLabel("Note on why the figures stand")
      .fill("MINEMA confirmed the June 2023 camp registers.");
    await reviewer.getByRole("button", { name: "Approve and publish" }).click();
    await expect(reviewer.getByText("The report is approved.")).toBeVisible();
    const approved = await publicValues(reviewer, "4.2.a");
    expect(approved.map((o) => o.value)).toContain(4321);

    const anonymous = await browser.newPage();
    await anonymous.goto(`/plans/${PLAN}/outputs/4.2`);
    await expect(anonymous.getByText("4,321").first()).toBeVisible();
    await anonymous.close();

    const rows = queryDb<{ status: string; versions: number }>(
      `select status, (select count(*) from report_versions v where v.report_id = r.id) as versions
         from progress_reports r where id = ?`,
      reportId,
    );
    expect(rows).toEqual([{ status: "approved", versions: 1 }]);
    const history = queryDb<{ action: string }>(
      "select action from audit_events where entity_type = 'progress_report' and entity_id = ? order by id",
      String(reportId),
    ).map((e) => e.action);
    expect(history).toEqual(
      expect.arrayContaining([
        "report.create",
        "report.save",
        "report.submit",
        "report.return",
        "report.approve",
      ]),
    );
    await reporterContext.close();
    await reviewerContext.close();
  });

  test("typed offline: kept on the device, sent when the connection returns, also after closing the tab", async ({
    browser,
  }) => {
    test.setTimeout(60_000);
    const [report] = queryDb<{ id: number }>(
      `select r.id from progress_reports r join institutions i on i.id = r.institution_id
         join reporting_periods p on p.id = r.period_id
        where i.acronym = 'MINALOC' and p.code = '2021July'`,
    );
    if (!report) throw new Error("The seed's MINALOC 2021/22 draft is missing");
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInOverHttp(page.request, "reporter.minaloc@example.org");
    await page.goto(`/workspace/reports/${report.id}`);
    const nextSteps = page.getByLabel("Next steps");
    await expect(nextSteps).toBeVisible();

    await context.setOffline(true);
    // Chromium applies its offline emulation to the network asynchronously: a request made at
    // once can still reach the server. The connection to the API is cut here as well, so that
    // what this test calls offline is offline for the server too.
    const reached: string[] = [];
    await page.route("**/api/**", (route) => {
      reached.push(`${route.request().method()} ${route.request().url()}`);
      return route.abort("internetdisconnected");
    });
    await nextSteps.fill("Train the remaining district councils (typed offline).");
    await expect(
      page.getByRole("status").filter({ hasText: "You seem to be offline" }),
    ).toBeVisible({
      timeout: 15_000,
    });
    const stored = () =>
      queryDb<{ next_steps: string | null }>(
        "select next_steps from progress_reports where id = ?",
        report.id,
      )[0]?.next_steps;
    expect(stored()).not.toBe("Train the remaining district councils (typed offline).");
    // The browser said it was offline, so the editor did not even try to send the report.
    expect(reached.filter((r) => r.startsWith("PATCH"))).toEqual([]);
    // The tab is closed while offline; the text waits on the device.
    await page.close();

    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`/workspace/reports/${report.id}`);
    await expect(again.getByLabel("Next steps")).toHaveValue(
      "Train the remaining district councils (typed offline).",
    );
    await waitSaved(again);
    expect(stored()).toBe("Train the remaining district councils (typed offline).");
    await context.close();
  });

  test("two focal points on one draft: the later save is refused, named, and nothing is lost", async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const [report] = queryDb<{ id: number }>(
      `select r.id from progress_reports r join institutions i on i.id = r.institution_id
         join reporting_periods p on p.id = r.period_id
        where i.acronym = 'MIGEPROF' and p.code = '2022July'`,
    );
    if (!report) throw new Error("The seed's MIGEPROF 2022/23 draft is missing");
    const open = async (email: string) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInOverHttp(page.request, email);
      await page.goto(`/workspace/reports/${report.id}`);
      await expect(page.getByLabel("Challenges")).toBeVisible();
      return { context, page };
    };
    const first = await open(ACCOUNTS.reporterA);
    const second = await open("reporter2.migeprof@example.org");

    await first.page.getByLabel("Challenges").fill("Funds arrived in March (first focal point).");
    await waitSaved(first.page);

    const mine = "Late funds and staff turnover (second focal point).";
    await second.page.getByLabel("Challenges").fill(mine);
    const conflict = second.page.getByRole("alert").filter({ hasText: "changed this report" });
    await expect(conflict).toContainText("MIGEPROF focal point");
    await expect(conflict).toContainText("Challenges");
    await expect(second.page.getByLabel("Challenges")).toHaveValue(mine);
    // Nothing of the second person's was written over the first's.
    expect(
      queryDb<{ challenges: string }>(
        "select challenges from progress_reports where id = ?",
        report.id,
      ),
    ).toEqual([{ challenges: "Funds arrived in March (first focal point)." }]);

    // Keeping theirs on top saves it, with the other person's value shown beside it.
    await second.page.getByRole("button", { name: "Keep my changes on top of theirs" }).click();
    await waitSaved(second.page);
    expect(
      queryDb<{ challenges: string }>(
        "select challenges from progress_reports where id = ?",
        report.id,
      ),
    ).toEqual([{ challenges: mine }]);
    await first.context.close();
    await second.context.close();
  });
});

test.describe("the report lists agree", () => {
  // RNP's 2021/22 report is returned in the seed and its deadline has passed (read only here).
  const RETURNED = "July 2021 – June 2022";

  test("/review and /workspace list a returned report the same way: back with the institution, marked overdue, not again under Overdue", async ({
    browser,
  }) => {
    const reviewerContext = await browser.newContext();
    const reviewer = await reviewerContext.newPage();
    await signInOverHttp(reviewer.request, ACCOUNTS.reviewer);
    await reviewer.goto("/review");
    const back = reviewer.getByRole("region", { name: /^Back with the institution \(/ });
    const backRow = back.getByRole("row", { name: new RegExp(`^RNP ${RETURNED}`) });
    await expect(backRow).toContainText("Returned");
    await expect(backRow).toContainText("(overdue)");
    const reviewOverdue = reviewer.getByRole("region", { name: /^Overdue \(/ });
    await expect(
      reviewOverdue.getByRole("row", { name: new RegExp(`^RNP ${RETURNED}`) }),
    ).toHaveCount(0);
    await reviewerContext.close();

    const reporterContext = await browser.newContext();
    const reporter = await reporterContext.newPage();
    await signInOverHttp(reporter.request, ACCOUNTS.reporterB);
    await reporter.goto("/workspace");
    const returned = reporter.getByRole("region", { name: /^Returned for changes \(/ });
    const returnedRow = returned.getByRole("row", { name: new RegExp(`^${RETURNED}`) });
    await expect(returnedRow).toContainText("Returned");
    await expect(returnedRow).toContainText("(overdue)");
    await expect(
      reporter
        .getByRole("region", { name: /^Overdue \(/ })
        .getByRole("row", { name: new RegExp(`^${RETURNED}`) }),
    ).toHaveCount(0);
    await reporterContext.close();
  });
});
