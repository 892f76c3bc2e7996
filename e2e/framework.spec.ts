import fs from "node:fs";
import path from "node:path";
import { planFileSchema } from "../lib/framework/plan-file";
import { expect, test } from "./fixtures";
import { ACCOUNTS, signInOverHttp } from "./support";

const EXAMPLE = path.join("lib", "framework", "examples", "exampleland-2024-2028.plan.json");

test.describe("plan files", () => {
  test("a published plan downloads as a valid plan file, and the schema is published", async ({
    request,
  }) => {
    const response = await request.get("/api/v1/plans/rwanda-2018-2022/framework.json");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toContain(
      'filename="rwanda-2018-2022.plan.json"',
    );
    const file = planFileSchema.parse(await response.json());
    expect(file.pillars.flatMap((p) => p.outputs)).toHaveLength(15);
    expect((await request.get("/api/v1/plans/atlantis-2020-2024/framework.json")).status()).toBe(
      404,
    );
    const schema = await (await request.get("/api/v1/schemas/plan-file.json")).json();
    expect(schema.title).toBe("NAP Tracker plan file, version 1");
  });

  test("an admin imports a plan of another shape; a broken file lists its problems and saves nothing", async ({
    page,
    expectAccessible,
  }) => {
    test.setTimeout(60_000);
    await signInOverHttp(page.request, ACCOUNTS.admin);
    await page.goto("/admin");
    await page.getByRole("link", { name: "Import a plan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import a plan");
    await expectAccessible(page);

    const broken = JSON.parse(fs.readFileSync(EXAMPLE, "utf8"));
    broken.plan.slug = "exampleland-broken";
    broken.pillars[0].outputs[0].lead = "NOPE";
    broken.plan.currency = "francs";
    await page.getByLabel("Plan file").setInputFiles({
      name: "broken.plan.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await page.getByRole("button", { name: "Check and import" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was imported" })).toContainText(
      "2 problems",
    );
    const problems = page.getByRole("region", { name: "Problems to fix" });
    await expect(problems).toContainText("plan.currency");
    await expect(
      problems.getByRole("row").filter({ hasText: "pillars[0].outputs[0].lead" }),
    ).toContainText("NOPE is not in the file's institutions");
    await expectAccessible(page);

    await page.getByLabel("Plan file").setInputFiles({
      name: "not-json.plan.json",
      mimeType: "application/json",
      buffer: Buffer.from("{ this is not json"),
    });
    await page.getByRole("button", { name: "Check and import" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "not valid JSON" })).toBeVisible();

    const active = JSON.parse(fs.readFileSync(EXAMPLE, "utf8"));
    active.plan.slug = "exampleland-2024-2028-live";
    active.plan.status = "active";
    await page.getByLabel("Plan file").setInputFiles({
      name: "exampleland.plan.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(active)),
    });
    await page.getByRole("button", { name: "Check and import" }).click();
    await expect(page.getByRole("status")).toContainText("was imported and is on the public site");
    await page.getByRole("link", { name: "Open the imported plan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Plan d'action national Femmes, paix et sécurité 2024–2028",
    );
    await expect(page.getByRole("heading", { name: "3 axes at a glance" })).toBeVisible();
    await page.getByRole("link", { name: /^Axe 2:/ }).click();
    await expect(page.getByText("Axe 2 of 3")).toBeVisible();
    await expectAccessible(page);
    expect((await page.request.get("/api/v1/plans/exampleland-broken")).status()).toBe(404);
  });
});
