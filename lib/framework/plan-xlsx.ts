/**
 * The plan file as an Excel workbook (.xlsx), for people who prepare their plan in a spreadsheet.
 *
 * One sheet per level of the plan (Plan, Institutions, Dimensions, Pillars, Outputs, Indicators,
 * Milestones) and a "Read me" sheet that explains every column. Reading a workbook builds the
 * plan-file input object and checks it with the same checkPlanFile as a JSON upload, so the two
 * formats cannot drift apart; while reading, every value remembers the cell it came from, so each
 * problem is reported as "Indicators, row 7, column F (Unit): …" instead of a JSON path.
 *
 * Pure (no database): lib/framework/plan-upload.ts decides which format an upload is.
 */
import ExcelJS from "exceljs";
import {
  COLLECTION_FREQUENCIES,
  INDICATOR_DIRECTIONS,
  INDICATOR_UNITS,
  INSTITUTION_KINDS,
  MILESTONE_STATUSES,
  PLAN_STATUSES,
} from "@/lib/domain/enums";
import {
  checkPlanFile,
  PLAN_FILE_FORMAT,
  PLAN_FILE_VERSION,
  type PlanFile,
  type PlanFileProblem,
} from "./plan-file";

export const XLSX_CONTENT_TYPE =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Kind = "text" | "integer" | "number" | "yes/no" | "list" | "date";

type Column = {
  header: string;
  width: number;
  kind: Kind;
  help: string;
  choices?: readonly string[];
  wrap?: boolean;
};

const col = (
  header: string,
  width: number,
  kind: Kind,
  help: string,
  extra: Partial<Column> = {},
): Column => ({ header, width, kind, help, ...extra });

/** The rows of the Plan sheet: label in column A, value in column B, help in column C. */
const PLAN_FIELDS = [
  [
    "slug",
    col(
      "Web address",
      0,
      "text",
      "Lower-case words joined by dashes, e.g. kenya-2020-2024. It must be new.",
    ),
  ],
  ["countryCode", col("Country code", 0, "text", "ISO 3166-1 alpha-3 code, e.g. RWA.")],
  [
    "countryName",
    col("Country name", 0, "text", "The country's name as the public should read it."),
  ],
  ["title", col("Title", 0, "text", "The plan's full title.")],
  [
    "generation",
    col(
      "Generation",
      0,
      "integer",
      "1 for the country's first national action plan, 2 for the second, …",
    ),
  ],
  ["startYear", col("Start year", 0, "integer", "The first year of the plan, e.g. 2024.")],
  ["endYear", col("End year", 0, "integer", "The last year of the plan, e.g. 2028.")],
  [
    "status",
    col("Status", 0, "text", "draft (not public), active or closed. Leave blank for draft.", {
      choices: PLAN_STATUSES,
    }),
  ],
  ["summary", col("Summary", 0, "text", "A short summary for the plan's public page. Optional.")],
  [
    "leadInstitution",
    col(
      "Lead institution",
      0,
      "text",
      "Acronym of the institution that leads the plan (from the Institutions sheet). Optional.",
    ),
  ],
  [
    "budgetStatement",
    col("Budget", 0, "text", "How the plan is funded, in a sentence or two. Optional."),
  ],
  [
    "civilSocietyParticipation",
    col("Civil society participation", 0, "text", "How civil society takes part. Optional."),
  ],
  [
    "pillarTerm",
    col(
      "Pillar term",
      0,
      "text",
      "What the plan calls a pillar (objective, axis, …). Blank: pillar.",
    ),
  ],
  [
    "pillarTermPlural",
    col("Pillar term, plural", 0, "text", "The plural of the pillar term. Blank: pillars."),
  ],
  ["currency", col("Currency", 0, "text", "ISO 4217 code of the budget's currency, e.g. RWF.")],
  [
    "fiscalYearStartMonth",
    col("Fiscal year starts in month", 0, "integer", "1 (January) to 12. Blank: 1."),
  ],
  [
    "originalLanguage",
    col(
      "Original language",
      0,
      "text",
      "Language tag of the plan's text, e.g. en or fr. Blank: en.",
    ),
  ],
  [
    "statusTolerance",
    col(
      "On-track tolerance",
      0,
      "number",
      "Share between 0 and 1 (0.1 = 10 points) by which progress may lag and still be on track. Blank: 0.1.",
    ),
  ],
  [
    "statusAtRiskShare",
    col(
      "At-risk share",
      0,
      "number",
      "Share between 0 and 1 of the expected progress below which an indicator is off track rather than at risk. Blank: 0.5.",
    ),
  ],
] as const satisfies readonly (readonly [string, Column])[];

const C = {
  institutions: [
    col("Acronym", 14, "text", "Short name used everywhere else in the workbook, e.g. MIGEPROF."),
    col("Name", 60, "text", "Full name."),
    col("Kind", 18, "text", "The kind of institution.", { choices: INSTITUTION_KINDS }),
  ],
  dimensions: [
    col(
      "Dimension key",
      16,
      "text",
      "Short key of the dimension (lower-case, digits, - or _), e.g. sex. Repeat it on every row of the dimension.",
    ),
    col("Dimension name", 22, "text", "Name of the dimension as the public reads it, e.g. Sex."),
    col("Category key", 18, "text", "Short key of the category, e.g. female."),
    col("Category label", 30, "text", "Label of the category, e.g. Women."),
    col(
      "Parent",
      24,
      "text",
      "Optional: the category of an earlier dimension this one belongs to, written dimension/category, e.g. province/kigali.",
    ),
  ],
  pillars: [
    col("Number", 10, "integer", "1, 2, 3, … in the plan's order."),
    col("Title", 60, "text", "The pillar's title.", { wrap: true }),
    col("Description", 60, "text", "Optional.", { wrap: true }),
  ],
  outputs: [
    col(
      "Pillar",
      8,
      "integer",
      "Number of the pillar (from the Pillars sheet) the output belongs to.",
    ),
    col("Output", 8, "integer", "Number of the output within its pillar: 1, 2, 3, …"),
    col("Title", 60, "text", "The output's title.", { wrap: true }),
    col("Description", 40, "text", "Optional.", { wrap: true }),
    col(
      "Lead",
      14,
      "text",
      "Acronym of the lead institution (from the Institutions sheet). Optional.",
    ),
    col(
      "Supporting",
      30,
      "list",
      "Acronyms of the supporting institutions, separated by commas. Optional.",
    ),
  ],
  indicators: [
    col("Pillar", 8, "integer", "Number of the pillar the indicator belongs to."),
    col(
      "Output",
      8,
      "integer",
      "Number of the output within the pillar. Leave blank for an outcome indicator of the pillar itself.",
    ),
    col("Code", 10, "text", "Short unique code, e.g. 1.2.a."),
    col("Title", 50, "text", "What is measured.", { wrap: true }),
    col("Definition", 30, "text", "How it is measured. Optional.", { wrap: true }),
    col("Unit", 10, "text", "The kind of value.", { choices: INDICATOR_UNITS }),
    col("Direction", 11, "text", "Which way is progress.", { choices: INDICATOR_DIRECTIONS }),
    col(
      "Baseline value",
      10,
      "number",
      "Optional; a number (a percentage as 0–100). Give its year too.",
    ),
    col("Baseline year", 10, "integer", "The year of the baseline value."),
  ],
  // "Target <year>" columns come here, one per year of the plan.
  indicatorsAfterTargets: [
    col("End target", 10, "number", "The target at the end of the plan. Optional."),
    col("Data source", 30, "text", "Where the data comes from. Optional.", { wrap: true }),
    col("Collection frequency", 13, "text", "How often the data is collected. Blank: annual.", {
      choices: COLLECTION_FREQUENCIES,
    }),
    col("Responsible", 14, "text", "Acronym of the institution that reports it. Optional."),
    col("Sensitive", 10, "yes/no", "yes when the data must not be published in detail. Blank: no."),
    col(
      "Disaggregated by",
      18,
      "list",
      "Dimension keys (from the Dimensions sheet), separated by commas. Optional.",
    ),
    col("Provenance", 24, "text", "Where the indicator comes from. Optional.", { wrap: true }),
    col(
      "Illustrative",
      11,
      "yes/no",
      "yes when the indicator is an example, not official. Blank: no.",
    ),
  ],
  milestones: [
    col("Pillar", 8, "integer", "Number of the pillar."),
    col("Output", 8, "integer", "Number of the output within the pillar."),
    col("Title", 50, "text", "The milestone.", { wrap: true }),
    col("Description", 40, "text", "Optional.", { wrap: true }),
    col("Due date", 12, "date", "The date it is due, e.g. 2026-06-30."),
    col("Status", 13, "text", "Blank: not_started.", { choices: MILESTONE_STATUSES }),
    col("Responsible", 14, "text", "Acronym of the responsible institution. Optional."),
    col(
      "Illustrative",
      11,
      "yes/no",
      "yes when the milestone is an example, not official. Blank: no.",
    ),
  ],
};

const TARGET_HEADER = /^target\s+(\d{4})$/i;
const targetColumn = (year: number) =>
  col(
    `Target ${year}`,
    11,
    "number",
    `The target for ${year}. Optional; one column per year of the plan.`,
  );

const SHEETS = {
  readMe: "Read me",
  plan: "Plan",
  institutions: "Institutions",
  dimensions: "Dimensions",
  pillars: "Pillars",
  outputs: "Outputs",
  indicators: "Indicators",
  milestones: "Milestones",
} as const;

// ---------------------------------------------------------------------------------------------
// Writing

type CellOut = string | number | null;
const yesNo = (value: boolean) => (value ? "yes" : "no");
const list = (values: readonly string[]) => values.join(", ");

function addTable(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly Column[],
  rows: CellOut[][],
) {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
  });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
  columns.forEach((c, i) => {
    header.getCell(i + 1).note = c.choices ? `${c.help} One of: ${c.choices.join(", ")}.` : c.help;
  });
  for (const values of rows) sheet.addRow(values.map((v) => v ?? null));
  // Text columns stay text when typed into (a code like 1.10 must not become the number 1.1), long
  // texts wrap, and the columns with a fixed list of values offer it as a drop-down.
  const lastRow = Math.max(rows.length + 1, 200);
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    if (c.kind === "text" || c.kind === "list") column.numFmt = "@";
    if (c.wrap) column.alignment = { vertical: "top", wrapText: true };
    if (c.choices) {
      for (let r = 2; r <= lastRow; r++) {
        sheet.getCell(r, i + 1).dataValidation = {
          type: "list",
          allowBlank: true,
          formulae: [`"${c.choices.join(",")}"`],
          showErrorMessage: true,
          errorTitle: c.header,
          error: `Choose one of: ${c.choices.join(", ")}`,
        };
      }
    }
  });
  return sheet;
}

function planYears(file: PlanFile) {
  const years = new Set<number>();
  for (let y = file.plan.startYear; y <= file.plan.endYear && years.size < 100; y++) years.add(y);
  // Targets outside the plan's years cannot be imported, but an export never hides data.
  for (const pillar of file.pillars)
    for (const indicator of [
      ...pillar.outcomeIndicators,
      ...pillar.outputs.flatMap((o) => o.indicators),
    ])
      for (const target of indicator.targets) years.add(target.year);
  return [...years].sort((a, b) => a - b);
}

/** The plan as a workbook; readPlanXlsx(writePlanXlsx(file)) gives the same plan file back. */
export async function writePlanXlsx(file: PlanFile): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "NAP Tracker";
  workbook.title = file.plan.title;
  const years = planYears(file);
  const indicatorColumns = [
    ...C.indicators,
    ...years.map(targetColumn),
    ...C.indicatorsAfterTargets,
  ];

  addReadMe(workbook, file, indicatorColumns);

  const plan = addTable(
    workbook,
    SHEETS.plan,
    [
      col("Field", 28, "text", "What the row is about. Do not change this column."),
      col("Value", 70, "text", "The plan's value.", { wrap: true }),
      col("Explanation", 70, "text", "What to write.", { wrap: true }),
    ],
    PLAN_FIELDS.map(([key, field]) => {
      const value = file.plan[key];
      return [
        field.header,
        value,
        field.choices ? `${field.help} One of: ${field.choices.join(", ")}.` : field.help,
      ];
    }),
  );
  // Values of the Plan sheet are of mixed kinds: only its text rows are kept as text.
  plan.getColumn(2).numFmt = "General";
  PLAN_FIELDS.forEach(([, field], i) => {
    if (field.kind === "text") plan.getCell(i + 2, 2).numFmt = "@";
  });
  plan.getColumn(3).font = { color: { argb: "FF555555" } };

  addTable(
    workbook,
    SHEETS.institutions,
    C.institutions,
    file.institutions.map((i) => [i.acronym, i.name, i.kind]),
  );
  addTable(
    workbook,
    SHEETS.dimensions,
    C.dimensions,
    file.dimensions.flatMap((d) =>
      d.categories.map((c) => [d.key, d.name, c.key, c.label, c.parent ?? null]),
    ),
  );
  addTable(
    workbook,
    SHEETS.pillars,
    C.pillars,
    file.pillars.map((p) => [p.number, p.title, p.description]),
  );
  addTable(
    workbook,
    SHEETS.outputs,
    C.outputs,
    file.pillars.flatMap((p) =>
      p.outputs.map((o) => [
        p.number,
        o.number,
        o.title,
        o.description,
        o.lead,
        list(o.supporting) || null,
      ]),
    ),
  );
  type Indicator = PlanFile["pillars"][number]["outcomeIndicators"][number];
  const indicatorRow = (pillar: number, output: number | null, i: Indicator): CellOut[] => [
    pillar,
    output,
    i.code,
    i.title,
    i.definition,
    i.unit,
    i.direction,
    i.baseline?.value ?? null,
    i.baseline?.year ?? null,
    ...years.map((y) => i.targets.find((t) => t.year === y)?.value ?? null),
    i.endTarget,
    i.dataSource,
    i.collectionFrequency,
    i.responsible,
    yesNo(i.sensitive),
    list(i.dimensions) || null,
    i.provenance,
    yesNo(i.illustrative),
  ];
  addTable(
    workbook,
    SHEETS.indicators,
    indicatorColumns,
    file.pillars.flatMap((p) => [
      ...p.outcomeIndicators.map((i) => indicatorRow(p.number, null, i)),
      ...p.outputs.flatMap((o) => o.indicators.map((i) => indicatorRow(p.number, o.number, i))),
    ]),
  );
  addTable(
    workbook,
    SHEETS.milestones,
    C.milestones,
    file.pillars.flatMap((p) =>
      p.outputs.flatMap((o) =>
        o.milestones.map((m) => [
          p.number,
          o.number,
          m.title,
          m.description,
          m.dueDate,
          m.status,
          m.responsible,
          yesNo(m.illustrative),
        ]),
      ),
    ),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addReadMe(workbook: ExcelJS.Workbook, file: PlanFile, indicatorColumns: Column[]) {
  const sheet = workbook.addWorksheet(SHEETS.readMe, {
    views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
  });
  sheet.columns = [
    { header: "Sheet", width: 16 },
    { header: "Column", width: 28 },
    { header: "What to write", width: 100 },
  ];
  sheet.getRow(1).font = { bold: true };
  const intro = [
    `${file.plan.title}: a national action plan for NAP Tracker, as a workbook (plan file format version ${PLAN_FILE_VERSION}).`,
    "Fill in or change the sheets, keep the sheet names and the column headings of row 1, then import the workbook at Admin › Import a plan.",
    "The whole workbook is checked first; if anything is wrong, every problem is listed with its sheet, row and column, and nothing is saved.",
    "Institutions are named by their acronym and dimensions by their key everywhere; lists are separated by commas; yes/no columns take yes or no.",
    "Indicators: leave the Output column blank for an outcome indicator of the pillar. Add or remove Target <year> columns for the years of the plan.",
  ];
  for (const line of intro) {
    const row = sheet.addRow(["", "", line]);
    row.getCell(3).alignment = { wrapText: true, vertical: "top" };
  }
  sheet.addRow([]);
  const explain = (name: string, columns: readonly Column[]) => {
    for (const c of columns) {
      const row = sheet.addRow([
        name,
        c.header,
        c.choices ? `${c.help} One of: ${c.choices.join(", ")}.` : c.help,
      ]);
      row.getCell(3).alignment = { wrapText: true, vertical: "top" };
    }
  };
  explain(
    SHEETS.plan,
    PLAN_FIELDS.map(([, f]) => ({ ...f, header: `${f.header} (row)` })),
  );
  explain(SHEETS.institutions, C.institutions);
  explain(SHEETS.dimensions, C.dimensions);
  explain(SHEETS.pillars, C.pillars);
  explain(SHEETS.outputs, C.outputs);
  explain(SHEETS.indicators, indicatorColumns);
  explain(SHEETS.milestones, C.milestones);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Where a value came from in the workbook. */
export type CellLocation = { sheet: string; row?: number; column?: number; header?: string };

export function columnLetter(column: number): string {
  let out = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** "Indicators, row 7, column F (Unit)". */
export function formatLocation(location: CellLocation): string {
  const parts = [location.sheet];
  if (location.row !== undefined) parts.push(`row ${location.row}`);
  if (location.column !== undefined)
    parts.push(
      `column ${columnLetter(location.column)}${location.header ? ` (${location.header})` : ""}`,
    );
  else if (location.header) parts.push(location.header);
  return parts.join(", ");
}

export type XlsxProblem = { where: string; message: string };

export type ReadPlanXlsxResult =
  | { ok: true; input: Record<string, unknown>; locate: (path: string) => string }
  | { ok: false; message: string; problems: XlsxProblem[] };

type Value =
  | { kind: "blank" }
  | { kind: "text"; text: string }
  | { kind: "number"; number: number }
  | { kind: "boolean"; boolean: boolean }
  | { kind: "date"; date: Date }
  | { kind: "error"; error: string };

function cellValue(cell: ExcelJS.Cell): Value {
  const raw = cell.value;
  if (raw === null || raw === undefined) return { kind: "blank" };
  if (typeof raw === "number") return { kind: "number", number: raw };
  if (typeof raw === "boolean") return { kind: "boolean", boolean: raw };
  if (typeof raw === "string")
    return raw.trim() ? { kind: "text", text: raw.trim() } : { kind: "blank" };
  if (raw instanceof Date) return { kind: "date", date: raw };
  if ("error" in raw) return { kind: "error", error: String(raw.error) };
  if ("richText" in raw) {
    const text = raw.richText
      .map((r) => r.text)
      .join("")
      .trim();
    return text ? { kind: "text", text } : { kind: "blank" };
  }
  if ("formula" in raw || "sharedFormula" in raw) {
    const result = (raw as { result?: unknown }).result;
    if (result === undefined || result === null) return { kind: "blank" };
    if (typeof result === "number") return { kind: "number", number: result };
    if (typeof result === "boolean") return { kind: "boolean", boolean: result };
    if (typeof result === "string")
      return result.trim() ? { kind: "text", text: result.trim() } : { kind: "blank" };
    if (result instanceof Date) return { kind: "date", date: result };
    return { kind: "error", error: String((result as { error?: string }).error ?? "#VALUE!") };
  }
  if ("text" in raw) {
    const text = String((raw as { text: unknown }).text ?? "").trim();
    return text ? { kind: "text", text } : { kind: "blank" };
  }
  return { kind: "error", error: "an unreadable value" };
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Turns zod's generic wording into words for someone editing a spreadsheet. */
function plainMessage(message: string): string {
  if (/^Invalid input: expected \w+, received (undefined|null)$/.test(message))
    return "must not be empty";
  const option = /^Invalid option: expected one of (.+)$/.exec(message);
  if (option?.[1]) return `must be one of: ${option[1].replaceAll('"', "").split("|").join(", ")}`;
  if (/^Invalid input: expected int, received number$/.test(message))
    return "must be a whole number";
  const small = /^Too small: expected number to be >=?(\S+)$/.exec(message);
  if (small) return `must be at least ${small[1]}`;
  const big = /^Too big: expected number to be <=?(\S+)$/.exec(message);
  if (big) return `must be at most ${big[1]}`;
  return message;
}

/** The nearest path at or above `path` that has a location: `a.b[2].c` → `a.b[2]` → `a.b` → `a`. */
function parentPath(path: string): string | null {
  const shorter = path.replace(/(\[\d+\]|\.[^.[\]]+)$/, "");
  return shorter === path || shorter === "" ? null : shorter;
}

class WorkbookReader {
  readonly problems: { location: CellLocation; message: string }[] = [];
  readonly locations = new Map<string, CellLocation>();
  /** Paths whose cell could not be read: the schema's own complaint about them is redundant. */
  readonly unreadable = new Set<string>();
  /** Sheets that are missing or lack a column: what the schema says about their content is moot. */
  readonly broken = new Set<string>();

  constructor(readonly workbook: ExcelJS.Workbook) {}

  at(path: string, location: CellLocation) {
    if (!this.locations.has(path)) this.locations.set(path, location);
  }

  locate(path: string): CellLocation | null {
    for (let p: string | null = path; p !== null; p = parentPath(p)) {
      const found = this.locations.get(p);
      if (found) return found;
    }
    return null;
  }

  problem(location: CellLocation, message: string, path?: string) {
    this.problems.push({ location, message });
    if (path) this.unreadable.add(path);
  }

  /** The sheet's data rows as cell readers by heading, or null (and a problem) if it is unusable. */
  table(name: string, columns: readonly Column[], extra?: RegExp) {
    const sheet = this.workbook.getWorksheet(name);
    if (!sheet) {
      this.problem({ sheet: name }, `the workbook has no sheet named "${name}"`);
      this.broken.add(name);
      return null;
    }
    const byHeader = new Map<string, number>();
    const extras: { column: number; header: string; match: RegExpExecArray }[] = [];
    sheet.getRow(1).eachCell((cell, column) => {
      const value = cellValue(cell);
      const header =
        value.kind === "text" ? value.text : value.kind === "number" ? String(value.number) : "";
      if (!header) return;
      byHeader.set(header.toLowerCase(), column);
      const match = extra?.exec(header);
      if (match) extras.push({ column, header, match });
    });
    const missing = columns.filter((c) => !byHeader.has(c.header.toLowerCase()));
    for (const c of missing)
      this.problem(
        { sheet: name, row: 1 },
        `there is no column "${c.header}" (see the Read me sheet)`,
      );
    if (missing.length) {
      this.broken.add(name);
      return null;
    }
    const positions = columns.map((c) => byHeader.get(c.header.toLowerCase()) as number);
    const rows: Row[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells = [...positions, ...extras.map((e) => e.column)];
      if (cells.every((c) => cellValue(row.getCell(c)).kind === "blank")) continue;
      rows.push(
        new Row(
          this,
          name,
          r,
          (i) => ({
            cell: row.getCell(positions[i] as number),
            column: positions[i] as number,
            column_: columns[i] as Column,
          }),
          extras.map((e) => ({ ...e, cell: row.getCell(e.column) })),
        ),
      );
    }
    return rows;
  }
}

type CellRef = { cell: ExcelJS.Cell; column: number; column_: Column };

/** One data row: reads its cells by column index, recording where each value goes. */
class Row {
  constructor(
    readonly reader: WorkbookReader,
    readonly sheet: string,
    readonly row: number,
    readonly ref: (i: number) => CellRef,
    readonly extras: {
      column: number;
      header: string;
      match: RegExpExecArray;
      cell: ExcelJS.Cell;
    }[],
  ) {}

  where(i: number): CellLocation {
    const { column, column_ } = this.ref(i);
    return { sheet: this.sheet, row: this.row, column, header: column_.header };
  }

  /** The value of column i for the plan-file path `path` (undefined when blank). */
  read(i: number, path: string): unknown {
    const { cell, column_ } = this.ref(i);
    const location = this.where(i);
    this.reader.at(path, location);
    return readCell(this.reader, cellValue(cell), column_.kind, location, path);
  }

  /** A list column: each entry gets its own path, all at the same cell. */
  readList(i: number, path: string): string[] | undefined {
    const value = this.read(i, path);
    if (value === undefined) return undefined;
    const entries = String(value)
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);
    entries.forEach((_, k) => {
      this.reader.at(`${path}[${k}]`, this.where(i));
    });
    return entries;
  }

  /** Whether column i is blank. */
  blank(i: number): boolean {
    return cellValue(this.ref(i).cell).kind === "blank";
  }
}

function readCell(
  reader: WorkbookReader,
  value: Value,
  kind: Kind,
  location: CellLocation,
  path: string,
): unknown {
  if (value.kind === "blank") return undefined;
  if (value.kind === "error") {
    reader.problem(location, `the cell cannot be read (${value.error})`, path);
    return value.error;
  }
  switch (kind) {
    case "integer":
    case "number": {
      if (value.kind === "number") return value.number;
      if (value.kind === "text" && NUMBER.test(value.text)) return Number(value.text);
      const shown =
        value.kind === "text"
          ? `"${value.text}"`
          : value.kind === "date"
            ? isoDate(value.date)
            : String(value.kind === "boolean" ? value.boolean : "");
      reader.problem(location, `must be a number, not ${shown}`, path);
      return shown;
    }
    case "yes/no": {
      if (value.kind === "boolean") return value.boolean;
      if (value.kind === "text") {
        const word = value.text.toLowerCase();
        if (["yes", "y", "true"].includes(word)) return true;
        if (["no", "n", "false"].includes(word)) return false;
      }
      reader.problem(location, "must be yes or no", path);
      return String(value.kind === "text" ? value.text : "");
    }
    case "date": {
      if (value.kind === "date") return isoDate(value.date);
      if (value.kind === "text") return value.text;
      reader.problem(location, "must be a date like 2026-06-30", path);
      return String(value.kind === "number" ? value.number : "");
    }
    default: {
      if (value.kind === "text") return value.text;
      if (value.kind === "number") return String(value.number);
      if (value.kind === "date") return isoDate(value.date);
      return value.boolean ? "yes" : "no";
    }
  }
}

/** Reads a workbook as the plan-file input object; nothing is checked beyond reading cells. */
function readWorkbook(reader: WorkbookReader): Record<string, unknown> {
  const input: Record<string, unknown> = { format: PLAN_FILE_FORMAT, version: PLAN_FILE_VERSION };

  // Plan: one row per field, found by its label, in any order.
  const plan: Record<string, unknown> = {};
  input.plan = plan;
  reader.at("plan", { sheet: SHEETS.plan });
  const planRows = reader.table(SHEETS.plan, [
    col("Field", 0, "text", ""),
    col("Value", 0, "text", ""),
  ]);
  if (planRows) {
    const fields = new Map<string, (typeof PLAN_FIELDS)[number]>(
      PLAN_FIELDS.map((f) => [f[1].header.toLowerCase(), f]),
    );
    for (const row of planRows) {
      const label = row.read(0, `(field ${row.row})`);
      const field = typeof label === "string" ? fields.get(label.toLowerCase()) : undefined;
      if (!field) {
        reader.problem(
          row.where(0),
          label === undefined
            ? "the row has a value but no field name"
            : `"${String(label)}" is not a field of the plan (the fields are listed in the Read me sheet)`,
        );
        continue;
      }
      const [key, spec] = field;
      const path = `plan.${key}`;
      const location = { ...row.where(1), header: spec.header };
      reader.at(path, location);
      const value = readCell(reader, cellValue(row.ref(1).cell), spec.kind, location, path);
      if (value !== undefined) plan[key] = value;
    }
    for (const [key, spec] of PLAN_FIELDS)
      reader.at(`plan.${key}`, { sheet: SHEETS.plan, header: `no row for ${spec.header}` });
  }

  const institutions: Record<string, unknown>[] = [];
  input.institutions = institutions;
  reader.at("institutions", { sheet: SHEETS.institutions });
  for (const row of reader.table(SHEETS.institutions, C.institutions) ?? []) {
    const path = `institutions[${institutions.length}]`;
    reader.at(path, { sheet: SHEETS.institutions, row: row.row });
    institutions.push({
      acronym: row.read(0, `${path}.acronym`),
      name: row.read(1, `${path}.name`),
      kind: row.read(2, `${path}.kind`),
    });
  }

  // Dimensions: one row per category, grouped by dimension key in order of first appearance.
  const dimensions: { key: unknown; name: unknown; categories: Record<string, unknown>[] }[] = [];
  input.dimensions = dimensions;
  reader.at("dimensions", { sheet: SHEETS.dimensions });
  for (const row of reader.table(SHEETS.dimensions, C.dimensions) ?? []) {
    const keyValue = cellValue(row.ref(0).cell);
    const key = keyValue.kind === "text" ? keyValue.text : undefined;
    let d = key === undefined ? -1 : dimensions.findIndex((dim) => dim.key === key);
    if (d === -1) {
      d = dimensions.length;
      const path = `dimensions[${d}]`;
      reader.at(path, { sheet: SHEETS.dimensions, row: row.row });
      dimensions.push({
        key: row.read(0, `${path}.key`),
        name: row.read(1, `${path}.name`),
        categories: [],
      });
      reader.at(`${path}.categories`, { sheet: SHEETS.dimensions, row: row.row });
    } else if (!row.blank(1) && row.read(1, `(name ${row.row})`) !== dimensions[d]?.name) {
      reader.problem(
        row.where(1),
        `dimension ${key} is named "${String(dimensions[d]?.name)}" on an earlier row; use one name`,
      );
    }
    const dimension = dimensions[d] as (typeof dimensions)[number];
    const path = `dimensions[${d}].categories[${dimension.categories.length}]`;
    reader.at(path, { sheet: SHEETS.dimensions, row: row.row });
    dimension.categories.push({
      key: row.read(2, `${path}.key`),
      label: row.read(3, `${path}.label`),
      // Blank is "no parent" (null, as an export writes it), not "not given".
      parent: row.read(4, `${path}.parent`) ?? null,
    });
  }

  type Pillar = Record<string, unknown> & {
    outcomeIndicators: Record<string, unknown>[];
    outputs: (Record<string, unknown> & {
      indicators: Record<string, unknown>[];
      milestones: Record<string, unknown>[];
    })[];
  };
  const pillars: Pillar[] = [];
  input.pillars = pillars;
  reader.at("pillars", { sheet: SHEETS.pillars });
  const pillarIndex = new Map<number, number>();
  for (const row of reader.table(SHEETS.pillars, C.pillars) ?? []) {
    const path = `pillars[${pillars.length}]`;
    reader.at(path, { sheet: SHEETS.pillars, row: row.row });
    const number = row.read(0, `${path}.number`);
    if (typeof number === "number" && !pillarIndex.has(number))
      pillarIndex.set(number, pillars.length);
    pillars.push({
      number,
      title: row.read(1, `${path}.title`),
      description: row.read(2, `${path}.description`),
      outcomeIndicators: [],
      outputs: [],
    });
  }

  /** The pillar a row names in column i, or null (and a problem). */
  const pillarOf = (row: Row, i: number): number | null => {
    const before = reader.problems.length;
    const number = row.read(i, `(pillar ${row.sheet} ${row.row})`);
    const p = typeof number === "number" ? pillarIndex.get(number) : undefined;
    if (p !== undefined) return p;
    // Already reported as unreadable, or the Pillars sheet itself is the problem.
    if (reader.problems.length === before && !reader.broken.has(SHEETS.pillars))
      reader.problem(
        row.where(i),
        number === undefined
          ? "must be the number of a pillar of the Pillars sheet"
          : `there is no pillar ${String(number)} in the Pillars sheet`,
      );
    return null;
  };
  const outputIndex = (p: number, number: unknown) =>
    (pillars[p] as Pillar).outputs.findIndex((o) => o.number === number);

  for (const row of reader.table(SHEETS.outputs, C.outputs) ?? []) {
    const p = pillarOf(row, 0);
    if (p === null) continue;
    const pillar = pillars[p] as Pillar;
    const path = `pillars[${p}].outputs[${pillar.outputs.length}]`;
    reader.at(path, { sheet: SHEETS.outputs, row: row.row });
    pillar.outputs.push({
      number: row.read(1, `${path}.number`),
      title: row.read(2, `${path}.title`),
      description: row.read(3, `${path}.description`),
      lead: row.read(4, `${path}.lead`),
      supporting: row.readList(5, `${path}.supporting`),
      indicators: [],
      milestones: [],
    });
  }

  /** The output a row names in columns i (pillar) and i + 1 (output); null for none. */
  const placeOf = (
    row: Row,
    allowOutcome: boolean,
  ): { p: number; o: number | null } | undefined => {
    const p = pillarOf(row, 0);
    if (p === null) return undefined;
    if (row.blank(1)) {
      if (allowOutcome) return { p, o: null };
      reader.problem(row.where(1), "must be the number of an output of the pillar");
      return undefined;
    }
    const number = row.read(1, `(output ${row.sheet} ${row.row})`);
    const o = outputIndex(p, number);
    if (o === -1) {
      if (typeof number === "number" && !reader.broken.has(SHEETS.outputs))
        reader.problem(
          row.where(1),
          `there is no output ${String((pillars[p] as Pillar).number)}.${number} in the Outputs sheet`,
        );
      return undefined;
    }
    return { p, o };
  };

  const indicatorRows = reader.table(
    SHEETS.indicators,
    [...C.indicators, ...C.indicatorsAfterTargets],
    TARGET_HEADER,
  );
  for (const row of indicatorRows ?? []) {
    const place = placeOf(row, true);
    if (!place) continue;
    const pillar = pillars[place.p] as Pillar;
    const list =
      place.o === null ? pillar.outcomeIndicators : (pillar.outputs[place.o]?.indicators ?? []);
    const path =
      place.o === null
        ? `pillars[${place.p}].outcomeIndicators[${list.length}]`
        : `pillars[${place.p}].outputs[${place.o}].indicators[${list.length}]`;
    reader.at(path, { sheet: SHEETS.indicators, row: row.row });
    const indicator: Record<string, unknown> = {
      code: row.read(2, `${path}.code`),
      title: row.read(3, `${path}.title`),
      definition: row.read(4, `${path}.definition`),
      unit: row.read(5, `${path}.unit`),
      direction: row.read(6, `${path}.direction`),
    };
    const value = row.read(7, `${path}.baseline.value`);
    const year = row.read(8, `${path}.baseline.year`);
    reader.at(`${path}.baseline`, row.where(7));
    if (value === undefined && year === undefined) indicator.baseline = null;
    else {
      indicator.baseline = { value, year };
      if (value === undefined)
        reader.problem(
          row.where(7),
          "a baseline year needs its baseline value",
          `${path}.baseline.value`,
        );
      if (year === undefined)
        reader.problem(row.where(8), "a baseline value needs its year", `${path}.baseline.year`);
    }
    const targets: { year: number; value: unknown }[] = [];
    for (const extra of row.extras) {
      const targetPath = `${path}.targets[${targets.length}]`;
      const location = {
        sheet: row.sheet,
        row: row.row,
        column: extra.column,
        header: extra.header,
      };
      const target = readCell(
        reader,
        cellValue(extra.cell),
        "number",
        location,
        `${targetPath}.value`,
      );
      if (target === undefined) continue;
      for (const p of [targetPath, `${targetPath}.year`, `${targetPath}.value`])
        reader.at(p, location);
      targets.push({ year: Number(extra.match[1]), value: target });
    }
    reader.at(`${path}.targets`, { sheet: row.sheet, row: row.row });
    indicator.targets = targets.sort((a, b) => a.year - b.year);
    Object.assign(indicator, {
      endTarget: row.read(9, `${path}.endTarget`),
      dataSource: row.read(10, `${path}.dataSource`),
      collectionFrequency: row.read(11, `${path}.collectionFrequency`),
      responsible: row.read(12, `${path}.responsible`),
      sensitive: row.read(13, `${path}.sensitive`),
      dimensions: row.readList(14, `${path}.dimensions`),
      provenance: row.read(15, `${path}.provenance`),
      illustrative: row.read(16, `${path}.illustrative`),
    });
    list.push(indicator);
  }

  for (const row of reader.table(SHEETS.milestones, C.milestones) ?? []) {
    const place = placeOf(row, false);
    if (!place || place.o === null) continue;
    const output = (pillars[place.p] as Pillar).outputs[place.o];
    if (!output) continue;
    const path = `pillars[${place.p}].outputs[${place.o}].milestones[${output.milestones.length}]`;
    reader.at(path, { sheet: SHEETS.milestones, row: row.row });
    output.milestones.push({
      title: row.read(2, `${path}.title`),
      description: row.read(3, `${path}.description`),
      dueDate: row.read(4, `${path}.dueDate`),
      status: row.read(5, `${path}.status`),
      responsible: row.read(6, `${path}.responsible`),
      illustrative: row.read(7, `${path}.illustrative`),
    });
  }
  return input;
}

/** Rwanda's plan unpacks to well under 1 MB; the limit keeps a "zip bomb" out of memory. */
const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

/**
 * The total size the ZIP archive's central directory declares for its files, read before
 * unpacking anything (exceljs unpacks every part into memory). Null when there is no readable
 * directory: then exceljs refuses the file anyway. A lying directory is caught by the upload
 * limit only, so this is a guard against accidents and naive bombs, behind the admin check.
 */
function declaredUnpackedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  for (let end = bytes.length - 22; end >= Math.max(0, bytes.length - 22 - 65535); end--) {
    if (view.getUint32(end, true) !== 0x06054b50) continue;
    const entries = view.getUint16(end + 10, true);
    let at = view.getUint32(end + 16, true);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
      total += view.getUint32(at + 24, true);
      at +=
        46 +
        view.getUint16(at + 28, true) +
        view.getUint16(at + 30, true) +
        view.getUint16(at + 32, true);
    }
    return total;
  }
  return null;
}

/**
 * Reads an .xlsx workbook as a plan-file input. When a cell cannot be read (text in a number
 * column, a missing sheet or column), every problem is returned at once, together with what the
 * plan-file check finds in the rest; otherwise the input is returned with `locate`, which turns
 * the JSON path of a later problem (from checkPlanFile or the import) into its sheet, row and
 * column.
 */
export async function readPlanXlsx(bytes: Uint8Array): Promise<ReadPlanXlsxResult> {
  const unpacked = declaredUnpackedSize(bytes);
  if (unpacked !== null && unpacked > MAX_UNPACKED_BYTES) {
    return {
      ok: false,
      message:
        "This workbook unpacks to far more than a plan needs (over 50 MB); it cannot be a plan workbook.",
      problems: [],
    };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer; the bytes are what it reads.
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return {
      ok: false,
      message:
        "This file cannot be read as an Excel workbook (.xlsx). Save it from Excel as an .xlsx workbook, or start from the template.",
      problems: [],
    };
  }
  const reader = new WorkbookReader(workbook);
  const input = readWorkbook(reader);
  const locate = (path: string) => {
    const found = reader.locate(path);
    return found ? formatLocation(found) : "the workbook";
  };
  if (reader.problems.length === 0) return { ok: true, input, locate };

  const problems: XlsxProblem[] = reader.problems.map((p) => ({
    where: formatLocation(p.location),
    message: p.message,
  }));
  // What the schema says about the cells that were read (a missing sheet makes some of it moot).
  const checked = checkPlanFile(input);
  if (!checked.ok) {
    for (const problem of checked.problems) {
      if (
        [...reader.unreadable].some((p) => problem.path === p || problem.path.startsWith(`${p}.`))
      )
        continue;
      const location = reader.locate(problem.path);
      if (location && reader.broken.has(location.sheet)) continue;
      problems.push(locatedProblem(problem, locate));
    }
  }
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.where}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ok: false, message: problemCount(unique.length), problems: sortByPlace(unique) };
}

const SHEET_ORDER: string[] = Object.values(SHEETS);

/** Problems in the order of the workbook: by sheet, then row, then column. */
export function sortByPlace(problems: XlsxProblem[]): XlsxProblem[] {
  const key = (where: string) => {
    const match = /^([^,]+)(?:, row (\d+))?(?:, column ([A-Z]+))?/.exec(where);
    const sheet = SHEET_ORDER.indexOf(match?.[1] ?? "");
    const letters = match?.[3] ?? "";
    return [
      sheet === -1 ? SHEET_ORDER.length : sheet,
      Number(match?.[2] ?? 0),
      letters.length,
      letters,
    ] as const;
  };
  return [...problems].sort((a, b) => {
    const [x, y] = [key(a.where), key(b.where)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3].localeCompare(y[3]);
  });
}

/** A plan-file problem (with a JSON path) at its place in the workbook, in plain words. */
export function locatedProblem(
  problem: PlanFileProblem,
  locate: (path: string) => string,
): XlsxProblem {
  return { where: locate(problem.path), message: plainMessage(problem.message) };
}

export const problemCount = (n: number) =>
  `Nothing was imported: the file has ${n} ${n === 1 ? "problem" : "problems"}.`;
