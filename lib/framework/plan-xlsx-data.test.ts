import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { withTestDatabase } from "@/test/db";
import { CALLERS } from "@/test/viewers";
import { exportPlanFile, importPlanFile } from "./data";
import { checkPlanFile } from "./plan-file";
import { readPlanUpload, uploadProblems } from "./plan-upload";
import { writePlanXlsx } from "./plan-xlsx";

withTestDatabase();

const rwanda = () => {
  const file = exportPlanFile(null, "rwanda-2018-2022");
  if (!file) throw new Error("no export");
  return file;
};

describe("plan workbook (xlsx) and the database", () => {
  it("gives back Rwanda's exported plan file after writing and reading it as a workbook", async () => {
    const file = rwanda();
    // The seeded plan uses every part of the format: a matrix, hierarchical dimensions, targets.
    expect(file.dimensions.some((d) => d.categories.some((c) => c.parent))).toBe(true);
    const upload = await readPlanUpload(await writePlanXlsx(file), "rwanda.xlsx");
    if (!upload.ok) throw new Error(JSON.stringify(upload.problems));
    expect(checkPlanFile(upload.input)).toEqual({ ok: true, file });
  });

  it("imports a workbook, then exports the same plan file", async () => {
    const file = rwanda();
    file.plan.slug = "rwanda-2018-2022-from-excel";
    const upload = await readPlanUpload(await writePlanXlsx(file), "rwanda.xlsx");
    if (!upload.ok) throw new Error(JSON.stringify(upload.problems));
    expect(importPlanFile(CALLERS.admin(), upload.input)).toEqual({
      ok: true,
      slug: "rwanda-2018-2022-from-excel",
      status: "active",
    });
    expect(exportPlanFile(CALLERS.admin(), "rwanda-2018-2022-from-excel")).toEqual(file);
  });

  it("locates the import's own refusal (an address already taken) in the Plan sheet", async () => {
    const before = getDb().$client.prepare("select count(*) as n from plans").get();
    const upload = await readPlanUpload(await writePlanXlsx(rwanda()), "rwanda.xlsx");
    if (!upload.ok) throw new Error(JSON.stringify(upload.problems));
    const result = importPlanFile(CALLERS.admin(), upload.input);
    if (result.ok) throw new Error("imported twice");
    expect(uploadProblems(upload, result.problems)).toEqual({
      message: "Nothing was imported: the file has 1 problem.",
      problems: [
        {
          where: "Plan, row 2, column B (Web address)",
          message: "a plan with the address rwanda-2018-2022 already exists",
        },
      ],
    });
    expect(getDb().$client.prepare("select count(*) as n from plans").get()).toEqual(before);
  });
});
