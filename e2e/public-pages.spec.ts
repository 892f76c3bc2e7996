import { expect, test } from "./fixtures";

const PLAN = "/plans/rwanda-2018-2022";

test.describe("public plan pages", () => {
  test("the home page lists both of Rwanda's plans and shows the demo-data notice", async ({
    page,
    expectAccessible,
  }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Women, Peace and Security National Action Plans",
    );
    await expect(page.getByRole("note", { name: "Demo data" })).toContainText("Demo data.");
    // Other tests may import plans of other countries into the same server.
    const plans = page.getByRole("main").getByRole("listitem").filter({ hasText: "Rwanda" });
    await expect(plans).toHaveCount(2);
    await expect(plans.first()).toContainText("Rwanda · 2018–2022 · Second national action plan");
    await expect(plans.first()).toContainText("5 objectives, 15 outputs");
    await expect(plans.nth(1)).toContainText("2009–2012");
    await expectAccessible(page);
  });

  test("a plan's home shows its facts, its objectives with their outputs, and who leads what", async ({
    page,
    expectAccessible,
  }) => {
    await page.goto("/");
    await page.getByRole("link", { name: /Rwanda National Action Plan 2018–2022/ }).click();
    await expect(page).toHaveURL(PLAN);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("2018–2022");
    await expect(page.getByText("No budget is allocated to implement the NAP.")).toBeVisible();
    await expect(
      page.getByText(/Civil society is also represented on the steering committee/),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: "5 objectives at a glance" })).toBeVisible();
    await expect(
      page.getByRole("link", {
        name: "Objective 3: Effective and operational Isange One Stop Centres",
        exact: false,
      }),
    ).toBeVisible();
    const matrix = page.getByRole("table", { name: "Who leads what" });
    await expect(matrix.getByRole("row")).toHaveCount(16);
    const row = matrix.getByRole("row", { name: /^1\.1 / });
    await expect(row.getByRole("cell").first()).toHaveText("MINALOC");
    await expect(row.getByRole("cell").nth(1)).toHaveText("GMO, MIGEPROF, NWC");
    await expectAccessible(page);
  });

  for (const slug of ["rwanda-2018-2022", "rwanda-2009-2012"]) {
    test(`${slug}: its home links every pillar and output, and is accessible`, async ({
      page,
      expectAccessible,
    }) => {
      await page.goto(`/plans/${slug}`);
      await expectAccessible(page);
      const main = page.getByRole("main");
      const hrefs = (prefix: string) =>
        main
          .locator(`a[href^="/plans/${slug}/${prefix}/"]`)
          .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute("href") ?? ""))]);
      expect(await hrefs("pillars")).toHaveLength(5);
      expect(await hrefs("outputs")).toHaveLength(slug === "rwanda-2018-2022" ? 15 : 0);
    });

    // One test per pillar (its page and its outputs' pages), so that they run in parallel and
    // each stays well inside the time limit however much approved data the pages show.
    for (const pillar of [1, 2, 3, 4, 5]) {
      test(`${slug}: pillar ${pillar} and its output pages render and are accessible`, async ({
        page,
        expectAccessible,
      }) => {
        test.setTimeout(90_000);
        const pillarHref = `/plans/${slug}/pillars/${pillar}`;
        const response = await page.goto(pillarHref);
        expect(response?.status(), pillarHref).toBe(200);
        await expect(page.getByRole("heading", { level: 1 })).not.toBeEmpty();
        await expectAccessible(page);
        const outputLinks = await page
          .getByRole("main")
          .locator(`a[href^="/plans/${slug}/outputs/${pillar}."]`)
          .evaluateAll((links) => [
            ...new Set(links.map((a) => (a.getAttribute("href") ?? "").split("#")[0] ?? "")),
          ]);
        if (slug === "rwanda-2018-2022") expect(outputLinks.length).toBeGreaterThan(0);
        for (const href of outputLinks) {
          const output = await page.goto(href);
          expect(output?.status(), href).toBe(200);
          await expect(page.getByRole("heading", { level: 1 })).not.toBeEmpty();
          await expectAccessible(page);
        }
      });
    }
  }

  test("a pillar page lists its outputs with their lead institutions and indicators", async ({
    page,
  }) => {
    await page.goto(`${PLAN}/pillars/2`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Increased efforts in conflict and SGBV prevention at the local level",
    );
    await expect(page.getByText("Objective 2 of 5")).toBeVisible();
    await expect(page.getByRole("heading", { level: 3 })).toHaveText([
      "2.1Increased public awareness on GBV issues",
      "2.2Improved accountability mechanisms for GBV at the local level",
      "2.3Gender responsive early warning and conflict prevention mechanisms established",
    ]);
  });

  test("an output page shows indicators with baseline, targets, status, source and milestones", async ({
    page,
  }) => {
    await page.goto(`${PLAN}/outputs/5.2`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Inclusion and active engagement of women in regional and international mechanisms and forums for conflict prevention, management and peace building",
    );
    await expect(
      page.getByText("Ministry of Foreign Affairs and International Cooperation (MINAFFET)"),
    ).toBeVisible();
    const indicator = page.getByRole("article", { name: /5\.2\.a/ });
    // The plan ended in 2022 and the latest value is for 2021: stale, saying what it gave then.
    await expect(indicator.getByText("Status: Stale", { exact: true })).toBeVisible();
    await expect(
      indicator.getByText(/as of 2021 \(approved .*\), when it was on track/),
    ).toBeVisible();
    const table = indicator.getByRole("table");
    await expect(table.getByRole("row", { name: /Baseline/ })).toContainText("20174.23 %");
    await expect(table.getByRole("row", { name: /Target 2022/ })).toContainText("10 %");
    await expect(table.getByRole("row", { name: /Latest approved value/ })).toContainText(
      "20219.17 %",
    );
    await expect(indicator.getByText(/Source: .*UN Department of Peace Operations/)).toBeVisible();

    await page.goto(`${PLAN}/outputs/2.3`);
    const milestones = page.getByRole("table", { name: "Milestones" });
    await expect(
      milestones.getByRole("row", {
        name: /GBV early-warning mechanism operational in all 30 districts/,
      }),
    ).toContainText("Overdue");
    // 2.3.a's latest value is for 2020, before the plan's last year (2022): stale, not on track.
    const districts = page.getByRole("article", { name: /2\.3\.a/ });
    await expect(districts.getByText("Status: Stale", { exact: true })).toBeVisible();
    await expect(districts.getByText("Status: On track", { exact: true })).toHaveCount(0);
    await expect(districts.getByText(/as of July 2020 – June 2021/)).toBeVisible();
  });

  test("an indicator page shows a chart with its data table, status method, source and downloads", async ({
    page,
    expectAccessible,
  }) => {
    await page.goto(`${PLAN}/outputs/5.2`);
    await page
      .getByRole("link", {
        name: "Women's share of Rwanda's uniformed personnel in UN peacekeeping missions",
      })
      .first()
      .click();
    await expect(page).toHaveURL(`${PLAN}/indicators/5.2.a`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Women's share of Rwanda's uniformed personnel in UN peacekeeping missions",
    );
    await expect(
      page.getByRole("img", {
        name: /approved values from 2018 \(5\.2 %\) to 2021 \(9\.17 %\); target 10 % by 2022/,
      }),
    ).toBeVisible();
    const table = page.getByRole("table", { name: "Figures by year" });
    await expect(table.getByRole("row", { name: /^2017/ })).toContainText("4.23 % (baseline)");
    await expect(table.getByRole("row", { name: /^2020/ })).toContainText("7 %");
    await expect(table.getByRole("row", { name: /^2020/ })).toContainText("7.21 %");
    await expect(table.getByRole("row", { name: /^2020/ })).toContainText(
      "UN Department of Peace Operations",
    );
    await expect(page.getByText(/How status is computed/)).toBeVisible();
    await expect(page.getByRole("link", { name: "CSV (Open SDG layout)" })).toBeVisible();
    await expectAccessible(page);
    expect((await page.goto(`${PLAN}/indicators/9.9.z`))?.status()).toBe(404);
  });

  test("a sensitive indicator says that small counts are withheld", async ({ page }) => {
    await page.goto(`${PLAN}/outputs/3.1`);
    await expect(page.getByRole("article", { name: /3\.1\.b/ })).toContainText(
      "Counts from 1 to 4 are not shown",
    );
  });

  test("unknown or malformed plan addresses give a 404 page", async ({
    page,
    expectAccessible,
  }) => {
    for (const href of [
      "/plans/atlantis-2020-2024",
      "/plans/NOT_A_SLUG",
      `${PLAN}/pillars/9`,
      `${PLAN}/pillars/one`,
      `${PLAN}/pillars/0`,
      `${PLAN}/outputs/9.9`,
      `${PLAN}/outputs/1.9`,
      `${PLAN}/outputs/..%2F..%2Fetc`,
      "/plans/rwanda-2009-2012/outputs/1.1",
    ]) {
      const response = await page.goto(href);
      expect(response?.status(), href).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    }
    await expectAccessible(page);
  });

  test("pages fit a 360 px phone without sideways scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const href of ["/", PLAN, `${PLAN}/pillars/1`, `${PLAN}/outputs/5.2`]) {
      await page.goto(href);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, href).toBeLessThanOrEqual(0);
    }
  });

  test("keyboard users can skip to the main content", async ({ page }) => {
    await page.goto(PLAN);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await skip.press("Enter");
    await expect(page.locator("main")).toBeFocused();
  });
});
