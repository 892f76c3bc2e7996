import fs from "node:fs";
import path from "node:path";
import { request as playwrightRequest } from "@playwright/test";
import ExcelJS from "exceljs";
import { checkPlanFile, type PlanFile } from "../lib/framework/plan-file";
import { readPlanUpload } from "../lib/framework/plan-upload";
import { writePlanXlsx } from "../lib/framework/plan-xlsx";
import { expect, test } from "./fixtures";
import { ACCOUNTS, queryDb, signInOverHttp } from "./support";

const EXAMPLE = path.join("lib", "framework", "examples", "exampleland-2024-2028.plan.json");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const SHEETS = [
  "Read me",
  "Plan",
  "Institutions",
  "Dimensions",
  "Pillars",
  "Outputs",
  "Indicators",
  "Milestones",
];

/** The Exampleland example under its own address, so that it collides with no other spec. */
function example(slug: string): PlanFile {
  const checked = checkPlanFile(JSON.parse(fs.readFileSync(EXAMPLE, "utf8")));
  if (!checked.ok) throw new Error("the example is invalid");
  checked.file.plan.slug = slug;
  return checked.file;
}

async function workbook(file: PlanFile, change: (workbook: ExcelJS.Workbook) => void = () => {}) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await writePlanXlsx(file)) as unknown as ExcelJS.Buffer);
  change(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const sheetNames = async (bytes: Buffer) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return book.worksheets.map((s) => s.name);
};

const plansWithSlug = (slug: string) =>
  queryDb<{ n: number }>("select count(*) as n from plans where slug = ?", slug)[0]?.n;

test.describe("plan workbooks (xlsx)", () => {
  test("an admin downloads the template and an export, imports a workbook, and only they get the draft's workbook", async ({
    page,
    baseURL,
    expectAccessible,
  }) => {
    test.setTimeout(90_000);
    const slug = "exampleland-2024-2028-xlsx";
    await signInOverHttp(page.request, ACCOUNTS.admin);
    await page.goto("/admin/plans/import");

    const templateDownload = page.waitForEvent("download");
    await page.getByRole("link", { name: "plan workbook template (.xlsx)" }).click();
    const template = await templateDownload;
    expect(template.suggestedFilename()).toBe("nap-tracker-plan-template.xlsx");
    expect(await sheetNames(fs.readFileSync(await template.path()))).toEqual(SHEETS);

    const exportDownload = page.waitForEvent("download");
    await page.getByRole("link", { name: "Rwanda 2018–2022 (.xlsx)" }).click();
    const exported = await exportDownload;
    expect(exported.suggestedFilename()).toBe("rwanda-2018-2022.xlsx");
    const rwanda = await readPlanUpload(fs.readFileSync(await exported.path()), "rwanda.xlsx");
    if (!rwanda.ok) throw new Error(JSON.stringify(rwanda.problems));
    const rwandaFile = checkPlanFile(rwanda.input);
    expect(rwandaFile.ok && rwandaFile.file.pillars.flatMap((p) => p.outputs)).toHaveLength(15);

    await page.getByLabel("Plan file").setInputFiles({
      name: "exampleland.xlsx",
      mimeType: XLSX,
      buffer: await workbook(example(slug)),
    });
    await page.getByRole("button", { name: "Check and import" }).click();
    await expect(page.getByRole("status")).toContainText(
      `The plan ${slug} was imported as a draft`,
    );
    expect(plansWithSlug(slug)).toBe(1);
    await expectAccessible(page);

    // The draft's workbook: the admin gets it from the plan's admin page, nobody outside does.
    await page.goto(`/admin/plans/${slug}`);
    const draftDownload = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download as an Excel workbook" }).click();
    const draft = await draftDownload;
    expect(draft.suggestedFilename()).toBe(`${slug}.xlsx`);
    const again = await readPlanUpload(fs.readFileSync(await draft.path()), "draft.xlsx");
    expect(again.ok && checkPlanFile(again.input)).toMatchObject({
      ok: true,
      file: { plan: { slug, status: "draft" } },
    });
    for (const account of [null, ACCOUNTS.reporterA, ACCOUNTS.cso]) {
      const client = await playwrightRequest.newContext({ baseURL });
      if (account) await signInOverHttp(client, account);
      const response = await client.get(`/api/v1/plans/${slug}/plan.xlsx`);
      expect(response.status(), `${account ?? "anonymous"} gets the draft's workbook`).toBe(404);
      await client.dispose();
    }
  });

  test("a published plan's workbook is open data, with its type and file name", async ({
    request,
  }) => {
    const response = await request.get("/api/v1/plans/rwanda-2018-2022/plan.xlsx");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe(XLSX);
    expect(response.headers()["content-disposition"]).toBe(
      'attachment; filename="rwanda-2018-2022.xlsx"',
    );
    expect(await sheetNames(await response.body())).toEqual(SHEETS);
    expect((await request.get("/api/v1/plans/atlantis-2020-2024/plan.xlsx")).status()).toBe(404);
    const template = await request.get("/api/v1/schemas/plan-template.xlsx");
    expect(template.headers()["content-type"]).toBe(XLSX);
  });

  test("a workbook with mistakes lists them by sheet, row and column, and creates nothing", async ({
    page,
    expectAccessible,
  }) => {
    test.setTimeout(60_000);
    const slug = "exampleland-xlsx-broken";
    await signInOverHttp(page.request, ACCOUNTS.admin);
    await page.goto("/admin/plans/import");
    const broken = await workbook(example(slug), (book) => {
      const indicators = book.getWorksheet("Indicators");
      const plan = book.getWorksheet("Plan");
      if (!indicators || !plan) throw new Error("sheets missing");
      indicators.getCell("F3").value = "kilograms";
      indicators.getCell("H2").value = "about half";
      plan.getCell("B16").value = "francs";
      // A broken reference is listed in the same pass as the malformed cells.
      const outputs = book.getWorksheet("Outputs");
      if (!outputs) throw new Error("sheet missing");
      let lead = 0;
      outputs.getRow(1).eachCell((cell, column) => {
        if (String(cell.value).startsWith("Lead")) lead = column;
      });
      outputs.getRow(2).getCell(lead).value = "NOPE";
    });
    await page.getByLabel("Plan file").setInputFiles({
      name: "exampleland.xlsx",
      mimeType: XLSX,
      buffer: broken,
    });
    await page.getByRole("button", { name: "Check and import" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was imported" })).toContainText(
      "4 problems",
    );
    const problems = page.getByRole("region", { name: "Problems to fix" });
    const row = (where: string) => problems.getByRole("row").filter({ hasText: where });
    await expect(row("Indicators, row 2, column H (Baseline value)")).toContainText(
      'must be a number, not "about half"',
    );
    await expect(row("Indicators, row 3, column F (Unit)")).toContainText(
      "must be one of: count, percent, currency, yes_no, text",
    );
    await expect(
      problems.getByRole("row").filter({ hasText: /^Outputs, row 2, column/ }),
    ).toContainText("NOPE is not in the file's institutions");
    await expect(row("Plan, row 16, column B (Currency)")).toContainText(
      "must be an ISO 4217 code, e.g. RWF",
    );
    await expectAccessible(page);
    fs.mkdirSync(path.join(".tmp"), { recursive: true });
    await page.screenshot({ path: path.join(".tmp", "import-xlsx-problems.png"), fullPage: true });
    expect(plansWithSlug(slug)).toBe(0);

    await page.getByLabel("Plan file").setInputFiles({
      name: "not-a-workbook.xlsx",
      mimeType: XLSX,
      buffer: Buffer.from("this is not a workbook"),
    });
    await page.getByRole("button", { name: "Check and import" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "This file is not an Excel workbook (.xlsx)" }),
    ).toBeVisible();
    expect(plansWithSlug(slug)).toBe(0);
  });
});
