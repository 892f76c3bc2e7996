import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkPlanFile, type PlanFile } from "./plan-file";
import { readPlanUpload, uploadProblems } from "./plan-upload";
import { columnLetter, formatLocation, writePlanXlsx } from "./plan-xlsx";

const example = (): PlanFile => {
  const checked = checkPlanFile(
    JSON.parse(
      fs.readFileSync(path.join(__dirname, "examples", "exampleland-2024-2028.plan.json"), "utf8"),
    ),
  );
  if (!checked.ok) throw new Error("the example is invalid");
  return checked.file;
};

/** The example as an export writes it: a category without a parent has parent null. */
const exampleAsExported = (): PlanFile => {
  const file = example();
  for (const dimension of file.dimensions)
    for (const category of dimension.categories) category.parent ??= null;
  return file;
};

/** The problems an upload shows, each as "where: message". */
async function problemsOf(bytes: Uint8Array, name = "plan.xlsx") {
  const upload = await readPlanUpload(bytes, name);
  if (!upload.ok) return { message: upload.message, problems: upload.problems };
  const checked = checkPlanFile(upload.input);
  if (checked.ok) return { message: "ok", problems: [] };
  return uploadProblems(upload, checked.problems);
}

/** The example's workbook, changed by `change`. */
async function edited(change: (workbook: ExcelJS.Workbook) => void) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await writePlanXlsx(example())) as unknown as ExcelJS.Buffer);
  change(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const sheet = (workbook: ExcelJS.Workbook, name: string) => {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
};

describe("plan workbook (xlsx)", () => {
  it("gives back the same plan file after writing and reading the example", async () => {
    const file = exampleAsExported();
    const upload = await readPlanUpload(await writePlanXlsx(file), "exampleland.xlsx");
    if (!upload.ok) throw new Error(JSON.stringify(upload.problems));
    expect(upload.format).toBe("xlsx");
    expect(checkPlanFile(upload.input)).toEqual({ ok: true, file });
  });

  it("lays the workbook out for a person: sheets, plain headings, frozen header, widths, help", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writePlanXlsx(example())) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Read me",
      "Plan",
      "Institutions",
      "Dimensions",
      "Pillars",
      "Outputs",
      "Indicators",
      "Milestones",
    ]);
    const indicators = sheet(workbook, "Indicators");
    const headings = (indicators.getRow(1).values as unknown[]).slice(1);
    expect(headings).toEqual([
      "Pillar",
      "Output",
      "Code",
      "Title",
      "Definition",
      "Unit",
      "Direction",
      "Baseline value",
      "Baseline year",
      "Target 2024",
      "Target 2025",
      "Target 2026",
      "Target 2027",
      "Target 2028",
      "End target",
      "Data source",
      "Collection frequency",
      "Responsible",
      "Sensitive",
      "Disaggregated by",
      "Provenance",
      "Illustrative",
    ]);
    for (const s of workbook.worksheets) {
      expect(s.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      for (let c = 1; c <= s.columnCount; c++)
        expect(s.getColumn(c).width ?? 0).toBeGreaterThanOrEqual(8);
    }
    // R1 is the first axis' outcome indicator: no output; its targets sit in their year columns.
    expect((indicators.getRow(2).values as unknown[]).slice(1, 15)).toEqual([
      1,
      undefined,
      "R1",
      "Proportion de femmes se sentant en sécurité dans leur commune",
      undefined,
      "percent",
      "increase",
      48,
      2023,
      undefined,
      undefined,
      55,
      undefined,
      62,
    ]);
    expect(indicators.getCell("F2").dataValidation).toMatchObject({ type: "list" });
    expect(indicators.getCell("F1").note).toContain("One of: count, percent");
    const plan = sheet(workbook, "Plan");
    expect(plan.getCell("A2").value).toBe("Web address");
    expect(plan.getCell("B2").value).toBe("exampleland-2024-2028");
    const readMe = sheet(workbook, "Read me");
    const explained = readMe.getColumn(2).values.filter(Boolean);
    expect(explained).toContain("Disaggregated by");
    expect(explained).toContain("Target 2026");
  });

  it("locates a value that is not one of the allowed ones", async () => {
    const bytes = await edited((wb) => {
      sheet(wb, "Indicators").getCell("F3").value = "kilograms";
    });
    expect((await problemsOf(bytes)).problems).toEqual([
      {
        where: "Indicators, row 3, column F (Unit)",
        message: "must be one of: count, percent, currency, yes_no, text",
      },
    ]);
  });

  it("reports a missing column and a missing sheet", async () => {
    const bytes = await edited((wb) => {
      sheet(wb, "Indicators").spliceColumns(7, 1);
      wb.removeWorksheet(sheet(wb, "Milestones").id);
    });
    expect(await problemsOf(bytes)).toEqual({
      message: "Nothing was imported: the file has 2 problems.",
      problems: [
        {
          where: "Indicators, row 1",
          message: 'there is no column "Direction" (see the Read me sheet)',
        },
        { where: "Milestones", message: 'the workbook has no sheet named "Milestones"' },
      ],
    });
  });

  it("locates an unknown institution, a code used twice and a target outside the plan's years", async () => {
    const bytes = await edited((wb) => {
      sheet(wb, "Outputs").getCell("E2").value = "NOPE";
      sheet(wb, "Indicators").getCell("C4").value = "R1";
      sheet(wb, "Indicators").getCell("N1").value = "Target 2031";
    });
    expect((await problemsOf(bytes)).problems).toEqual([
      {
        where: "Outputs, row 2, column E (Lead)",
        message: "NOPE is not in the file's institutions",
      },
      {
        where: "Indicators, row 2, column N (Target 2031)",
        message: "2031 is outside the plan's years 2024–2028",
      },
      {
        where: "Indicators, row 3, column N (Target 2031)",
        message: "2031 is outside the plan's years 2024–2028",
      },
      { where: "Indicators, row 4, column C (Code)", message: "indicator code R1 is used twice" },
      {
        where: "Indicators, row 4, column N (Target 2031)",
        message: "2031 is outside the plan's years 2024–2028",
      },
    ]);
  });

  it("locates text in a number cell and the problems of the plan sheet, all at once, in workbook order", async () => {
    const bytes = await edited((wb) => {
      sheet(wb, "Indicators").getCell("H2").value = "about half";
      sheet(wb, "Milestones").getCell("H2").value = "perhaps";
      sheet(wb, "Institutions").getCell("B3").value = null;
      const plan = sheet(wb, "Plan");
      plan.getCell("B16").value = "francs";
      plan.getCell("B7").value = "";
    });
    expect(await problemsOf(bytes)).toEqual({
      message: "Nothing was imported: the file has 5 problems.",
      problems: [
        { where: "Plan, row 7, column B (Start year)", message: "must be a whole year" },
        {
          where: "Plan, row 16, column B (Currency)",
          message: "must be an ISO 4217 code, e.g. RWF",
        },
        { where: "Institutions, row 3, column B (Name)", message: "must not be empty" },
        {
          where: "Indicators, row 2, column H (Baseline value)",
          message: 'must be a number, not "about half"',
        },
        { where: "Milestones, row 2, column H (Illustrative)", message: "must be yes or no" },
      ],
    });
  });

  it("names the pillar or output a row refers to when it does not exist", async () => {
    const bytes = await edited((wb) => {
      sheet(wb, "Outputs").getCell("A3").value = 7;
      sheet(wb, "Milestones").getCell("B2").value = 9;
    });
    expect((await problemsOf(bytes)).problems).toEqual([
      {
        where: "Outputs, row 3, column A (Pillar)",
        message: "there is no pillar 7 in the Pillars sheet",
      },
      // 2.1.1 belonged to output 2.1, which is gone with its row.
      {
        where: "Indicators, row 4, column B (Output)",
        message: "there is no output 2.1 in the Outputs sheet",
      },
      {
        where: "Milestones, row 2, column B (Output)",
        message: "there is no output 1.9 in the Outputs sheet",
      },
    ]);
  });

  it("refuses what is not a workbook, and tells JSON apart by content", async () => {
    expect(await problemsOf(new TextEncoder().encode("hello"), "plan.xlsx")).toEqual({
      message:
        "This file is not an Excel workbook (.xlsx), though its name says so. Start from the template.",
      problems: [],
    });
    const zipNotWorkbook = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]);
    expect((await problemsOf(zipNotWorkbook, "plan.xlsx")).message).toContain(
      "cannot be read as an Excel workbook",
    );
    expect(
      (await problemsOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), "plan.xls")).message,
    ).toContain("old Excel file (.xls)");
    // A workbook named .json is still read as a workbook; JSON named .xlsx is still JSON.
    const json = await readPlanUpload(
      new TextEncoder().encode(JSON.stringify(example())),
      "plan.xlsx",
    );
    expect(json).toMatchObject({ ok: true, format: "json" });
    const workbook = await readPlanUpload(await writePlanXlsx(example()), "plan.json");
    expect(workbook).toMatchObject({ ok: true, format: "xlsx" });
  });

  it("refuses a workbook that declares it unpacks to more than 50 MB, before unpacking it", async () => {
    const bytes = new Uint8Array(await writePlanXlsx(example()));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Make the central directory's first entry claim 60 MB.
    let end = bytes.length - 22;
    while (view.getUint32(end, true) !== 0x06054b50) end--;
    view.setUint32(view.getUint32(end + 16, true) + 24, 60 * 1024 * 1024, true);
    expect((await problemsOf(bytes)).message).toContain("over 50 MB");
  });

  it("writes locations as sheet, row and column letter", () => {
    expect(columnLetter(1)).toBe("A");
    expect(columnLetter(26)).toBe("Z");
    expect(columnLetter(27)).toBe("AA");
    expect(formatLocation({ sheet: "Indicators", row: 7, column: 6, header: "Unit" })).toBe(
      "Indicators, row 7, column F (Unit)",
    );
  });
});
