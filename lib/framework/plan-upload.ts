/**
 * An uploaded plan, as a JSON plan file or an Excel workbook, read into the plan-file input that
 * the import checks. The format is told by the content, not the name: an .xlsx is a ZIP archive,
 * which starts with "PK". Problems are returned with where they are in the user's own file: a
 * JSON path for a plan file, a sheet, row and column for a workbook.
 */
import type { PlanFileProblem } from "./plan-file";
import { locatedProblem, problemCount, readPlanXlsx, sortByPlace } from "./plan-xlsx";

export type UploadProblem = { where: string; message: string };

export type PlanUpload =
  | {
      ok: true;
      format: "json" | "xlsx";
      input: unknown;
      /** Where the value at a plan-file JSON path came from in the upload. */
      locate: (path: string) => string;
    }
  | { ok: false; message: string; problems: UploadProblem[] };

const startsWith = (bytes: Uint8Array, prefix: number[]) =>
  prefix.every((byte, i) => bytes[i] === byte);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
// The binary Excel 97–2003 format (.xls) is an OLE compound file.
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

export async function readPlanUpload(bytes: Uint8Array, name: string): Promise<PlanUpload> {
  if (startsWith(bytes, ZIP)) {
    const read = await readPlanXlsx(bytes);
    return read.ok ? { ...read, format: "xlsx" } : read;
  }
  if (startsWith(bytes, OLE)) {
    return {
      ok: false,
      message:
        "This is an old Excel file (.xls). Save it from Excel as an Excel workbook (.xlsx) and import that.",
      problems: [],
    };
  }
  try {
    const input: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return { ok: true, format: "json", input, locate: (path) => path };
  } catch {
    return {
      ok: false,
      message: /\.xlsx$/i.test(name)
        ? "This file is not an Excel workbook (.xlsx), though its name says so. Start from the template."
        : "This file is not valid JSON, nor an Excel workbook (.xlsx). Export a plan file, or start from the example or the template.",
      problems: [],
    };
  }
}

/** The import's problems (with JSON paths) as the user should read them for this upload. */
export function uploadProblems(
  upload: Extract<PlanUpload, { ok: true }>,
  problems: PlanFileProblem[],
): { message: string; problems: UploadProblem[] } {
  return {
    message: problemCount(problems.length),
    problems:
      upload.format === "xlsx"
        ? sortByPlace(problems.map((p) => locatedProblem(p, upload.locate)))
        : problems.map((p) => ({ where: p.path, message: p.message })),
  };
}
