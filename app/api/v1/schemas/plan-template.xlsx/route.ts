import { handleApi } from "@/lib/api/respond";
import example from "@/lib/framework/examples/exampleland-2024-2028.plan.json";
import { checkPlanFile } from "@/lib/framework/plan-file";
import { writePlanXlsx, XLSX_CONTENT_TYPE } from "@/lib/framework/plan-xlsx";

/**
 * GET /api/v1/schemas/plan-template.xlsx: the plan workbook to start from, filled with the
 * fictional Exampleland plan so that every sheet shows what goes where (the "Read me" sheet
 * explains each column).
 */
export function GET() {
  return handleApi(async () => {
    const checked = checkPlanFile(example);
    if (!checked.ok) throw new Error("The shipped example plan file is invalid.");
    return new Response(new Uint8Array(await writePlanXlsx(checked.file)), {
      headers: {
        "Content-Type": XLSX_CONTENT_TYPE,
        "Content-Disposition": 'attachment; filename="nap-tracker-plan-template.xlsx"',
        "Cache-Control": "public, max-age=3600",
        "Access-Control-Allow-Origin": "*",
      },
    });
  });
}
