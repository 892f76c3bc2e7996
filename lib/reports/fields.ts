/**
 * The fields of a progress report, shared by the editor (validation as the user types) and the
 * server (validation of every save): one key per field, one rule per kind of field.
 *
 * Keys:
 *   value:<indicatorId>:<breakdown>   a reported value; breakdown "" is the total, else the
 *                                     canonical `dim=category;…` key (sorted by dimension key)
 *   note:<indicatorId>                a comment on the indicator's figures
 *   narrative:achievements|challenges|nextSteps
 *   milestone:<id>:status|note
 *   activity:<id>:status|spent|note
 *   rating:<outputId>:rating|note
 *
 * Values travel as strings (what the user typed); "" means empty. Pure module: no server code.
 */
import type { z } from "zod";
import type {
  ACTIVITY_STATUSES,
  IndicatorUnit,
  MILESTONE_STATUSES,
  OUTPUT_RATINGS,
} from "@/lib/domain/enums";
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from "@/lib/server/validation";

export const NARRATIVE_FIELDS = ["achievements", "challenges", "nextSteps"] as const;
export type NarrativeField = (typeof NARRATIVE_FIELDS)[number];

export const NARRATIVE_LABELS: Record<NarrativeField, string> = {
  achievements: "Achievements",
  challenges: "Challenges",
  nextSteps: "Next steps",
};

export const MILESTONE_OPTIONS = {
  not_started: "Not started",
  in_progress: "In progress",
  achieved: "Achieved",
  delayed: "Delayed",
  dropped: "Dropped",
} as const satisfies Record<(typeof MILESTONE_STATUSES)[number], string>;

export const ACTIVITY_OPTIONS = {
  planned: "Planned",
  in_progress: "In progress",
  completed: "Completed",
  delayed: "Delayed",
  cancelled: "Cancelled",
} as const satisfies Record<(typeof ACTIVITY_STATUSES)[number], string>;

export const RATING_OPTIONS = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
} as const satisfies Record<(typeof OUTPUT_RATINGS)[number], string>;

/** Longest text a note or narrative may hold. */
export const MAX_NOTE = 2000;
export const MAX_NARRATIVE = 10000;
/** Largest number accepted for counts and money (well inside a double's exact integers). */
const MAX_NUMBER = 1e13;

export type FieldSpec =
  | { kind: "number"; unit: Exclude<IndicatorUnit, "text" | "yes_no">; label: string }
  | { kind: "yes_no"; label: string }
  | { kind: "text"; max: number; label: string }
  | { kind: "choice"; options: Record<string, string>; label: string };

export type FieldResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * The forms a number may take (docs/architecture.md, "Numbers in reports"): digits with an optional "."
 * decimal point ("1770", "1770.5", ".5"); thousands grouped in threes by "," or by one space,
 * no-break space, thin space or narrow no-break space, the same separator throughout ("1,770",
 * "1 770", "1,234,567.25"); an optional leading "-" (refused later where negatives are not
 * allowed). Anything else is ambiguous and refused rather than guessed at: "1 2 3 4" (1234 or
 * four numbers?), "12,5" (a comma decimal: the decimal separator here is "."), "1,77", "1,234 567".
 */
export const NUMBER_FORMS_HINT =
  'Digits with "." for decimals (1770 or 1770.5); thousands may be grouped in threes with "," or a space (1,770 or 1 770).';
export const NUMBER_FORMS_MESSAGE =
  'Write a number in one of these forms: 1770, 1770.5, 1,770 or 1 770 (groups of exactly three digits; "." is the decimal point).';

const PLAIN_NUMBER = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;
// One separator, repeated (\1): "1,234 567" mixes two and is refused.
const GROUPED_NUMBER = /^-?\d{1,3}([, \u00a0\u2009\u202f])\d{3}(?:\1\d{3})*(?:\.\d+)?$/;

/** Reads a number in one of the accepted forms above; null for anything else. */
export function readNumber(raw: string): number | null {
  const text = raw.trim();
  if (PLAIN_NUMBER.test(text)) return Number(text);
  const grouped = GROUPED_NUMBER.exec(text);
  if (grouped) return Number(text.split(grouped[1] as string).join(""));
  return null;
}

/**
 * Checks what the user typed against the field's rule. On success `value` is the canonical
 * text stored and shown back ("1,234" becomes "1234"); "" (empty) is always valid here:
 * completeness is checked on submit.
 */
export function checkField(spec: FieldSpec, raw: string): FieldResult {
  if (typeof raw !== "string") return { ok: false, message: "This value must be text." };
  const text = raw.trim();
  if (text === "") return { ok: true, value: "" };
  switch (spec.kind) {
    case "number": {
      const n = readNumber(text);
      if (n === null || !Number.isFinite(n)) return { ok: false, message: NUMBER_FORMS_MESSAGE };
      if (n < 0) return { ok: false, message: "The value cannot be negative." };
      if (spec.unit === "percent" && n > 100)
        return { ok: false, message: "A percentage must be between 0 and 100." };
      if (spec.unit === "count" && !Number.isInteger(n))
        return { ok: false, message: "A count must be a whole number." };
      if (n > MAX_NUMBER) return { ok: false, message: "This number is too large." };
      // Decimals counted in the text as typed: 0.29 × 100 is not 29 in floating point.
      if (spec.unit === "currency" && (text.match(/\.(\d*?)0*$/)?.[1]?.length ?? 0) > 2)
        return { ok: false, message: "An amount can have at most two decimals." };
      return { ok: true, value: String(n) };
    }
    case "yes_no":
      if (text === "yes" || text === "no") return { ok: true, value: text };
      return { ok: false, message: "Choose yes or no." };
    case "choice":
      if (Object.hasOwn(spec.options, text)) return { ok: true, value: text };
      return { ok: false, message: `Choose one of: ${Object.values(spec.options).join(", ")}.` };
    case "text":
      if (raw.length > spec.max)
        return {
          ok: false,
          message: `This text is ${raw.length} characters long; the limit is ${spec.max}.`,
        };
      if (hasControlCharacters(raw)) return { ok: false, message: CONTROL_CHARACTERS_MESSAGE };
      return { ok: true, value: raw };
  }
}

/** The structure of one indicator in a report, from which its fields are derived. */
export type IndicatorShape = {
  id: number;
  code: string;
  title: string;
  unit: IndicatorUnit;
  dimensions: { key: string; name: string; categories: { key: string; label: string }[] }[];
};

export type Cell = { breakdown: string; label: string };

/** `dim=category` pairs sorted by dimension key: the canonical breakdown key. */
export function breakdownKey(parts: Record<string, string>): string {
  return Object.keys(parts)
    .sort()
    .map((key) => `${key}=${parts[key]}`)
    .join(";");
}

/**
 * The cells an indicator asks for: the total; each category of each dimension; and for two
 * dimensions every combination too (a grid with its margins). More than two dimensions ask for
 * the total and each dimension's categories only.
 */
export function indicatorCells(indicator: IndicatorShape): Cell[] {
  const cells: Cell[] = [{ breakdown: "", label: "Total" }];
  for (const dim of indicator.dimensions) {
    for (const cat of dim.categories)
      cells.push({ breakdown: breakdownKey({ [dim.key]: cat.key }), label: cat.label });
  }
  if (indicator.dimensions.length === 2) {
    const [rows, cols] = indicator.dimensions as [
      IndicatorShape["dimensions"][number],
      IndicatorShape["dimensions"][number],
    ];
    for (const r of rows.categories)
      for (const c of cols.categories)
        cells.push({
          breakdown: breakdownKey({ [rows.key]: r.key, [cols.key]: c.key }),
          label: `${r.label}, ${c.label}`,
        });
  }
  return cells;
}

export const valueKey = (indicatorId: number, breakdown: string) =>
  `value:${indicatorId}:${breakdown}`;

/** Whether parts of an indicator should add up to its total (counts and money do). */
export const sumsUp = (unit: IndicatorUnit) => unit === "count" || unit === "currency";

export type ReportShape = {
  indicators: IndicatorShape[];
  milestones: { id: number; title: string }[];
  activities: { id: number; description: string }[];
  /** Outputs the institution leads or supports; it must rate those it leads. */
  outputs: { id: number; code: string; title: string; role?: "lead" | "supporting" }[];
};

/** Every field of a report with its rule and a label that names it for people. */
export function fieldSpecs(shape: ReportShape): Map<string, FieldSpec> {
  const specs = new Map<string, FieldSpec>();
  for (const indicator of shape.indicators) {
    const name = `${indicator.code} ${indicator.title}`;
    for (const cell of indicatorCells(indicator)) {
      const label = `${name}: ${cell.label}`;
      const key = valueKey(indicator.id, cell.breakdown);
      if (indicator.unit === "text") specs.set(key, { kind: "text", max: MAX_NOTE, label });
      else if (indicator.unit === "yes_no") specs.set(key, { kind: "yes_no", label });
      else specs.set(key, { kind: "number", unit: indicator.unit, label });
      if (indicator.unit === "text" || indicator.unit === "yes_no") break; // total only
    }
    specs.set(`note:${indicator.id}`, {
      kind: "text",
      max: MAX_NOTE,
      label: `${name}: note on the figures`,
    });
  }
  for (const field of NARRATIVE_FIELDS)
    specs.set(`narrative:${field}`, {
      kind: "text",
      max: MAX_NARRATIVE,
      label: NARRATIVE_LABELS[field],
    });
  for (const m of shape.milestones) {
    specs.set(`milestone:${m.id}:status`, {
      kind: "choice",
      options: MILESTONE_OPTIONS,
      label: `Milestone "${m.title}": status`,
    });
    specs.set(`milestone:${m.id}:note`, {
      kind: "text",
      max: MAX_NOTE,
      label: `Milestone "${m.title}": note`,
    });
  }
  for (const a of shape.activities) {
    specs.set(`activity:${a.id}:status`, {
      kind: "choice",
      options: ACTIVITY_OPTIONS,
      label: `Activity "${a.description}": status`,
    });
    specs.set(`activity:${a.id}:spent`, {
      kind: "number",
      unit: "currency",
      label: `Activity "${a.description}": amount spent`,
    });
    specs.set(`activity:${a.id}:note`, {
      kind: "text",
      max: MAX_NOTE,
      label: `Activity "${a.description}": note`,
    });
  }
  for (const o of shape.outputs) {
    specs.set(`rating:${o.id}:rating`, {
      kind: "choice",
      options: RATING_OPTIONS,
      label: `Output ${o.code}: your rating`,
    });
    specs.set(`rating:${o.id}:note`, {
      kind: "text",
      max: MAX_NOTE,
      label: `Output ${o.code}: why this rating`,
    });
  }
  return specs;
}

export type Problem = { key: string; label: string; message: string };

/**
 * What must be filled before a report can be submitted: every indicator's total, each
 * milestone's and activity's status, a rating for each output it leads, and the achievements.
 */
export function missingFields(shape: ReportShape, values: Record<string, string>): Problem[] {
  const specs = fieldSpecs(shape);
  const problems: Problem[] = [];
  const need = (key: string, message: string) => {
    if ((values[key] ?? "").trim() === "")
      problems.push({ key, label: specs.get(key)?.label ?? key, message });
  };
  for (const indicator of shape.indicators)
    need(valueKey(indicator.id, ""), "Give the total for this period.");
  for (const m of shape.milestones) need(`milestone:${m.id}:status`, "Choose a status.");
  for (const a of shape.activities) need(`activity:${a.id}:status`, "Choose a status.");
  for (const o of shape.outputs)
    if (o.role !== "supporting") need(`rating:${o.id}:rating`, "Rate the output you lead.");
  need("narrative:achievements", "Describe what was achieved.");
  for (const [key, raw] of Object.entries(values)) {
    const spec = specs.get(key);
    if (!spec) continue;
    const result = checkField(spec, raw);
    if (!result.ok) problems.push({ key, label: spec.label, message: result.message });
  }
  return problems;
}

export type SumWarning = { key: string; message: string };

/**
 * Where parts should add up and don't: each dimension's categories against the total, and in a
 * two-dimension grid each row and column against its margin. Only checked when every part is
 * filled. Warnings, not errors: a total may include people whose sex was not recorded.
 */
export function sumWarnings(
  indicator: IndicatorShape,
  values: Record<string, string>,
): SumWarning[] {
  if (!sumsUp(indicator.unit)) return [];
  const read = (breakdown: string) => {
    const raw = values[valueKey(indicator.id, breakdown)] ?? "";
    return raw.trim() === "" ? null : readNumber(raw);
  };
  const warnings: SumWarning[] = [];
  const check = (totalKey: string, totalLabel: string, parts: string[]) => {
    const total = read(totalKey);
    const numbers = parts.map(read);
    if (total === null || numbers.some((n) => n === null)) return;
    const sum = (numbers as number[]).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - total) > 1e-9)
      warnings.push({
        key: valueKey(indicator.id, totalKey),
        message: `The parts add up to ${format(sum)}, but ${totalLabel} is ${format(total)}.`,
      });
  };
  for (const dim of indicator.dimensions)
    check(
      "",
      `the total (by ${dim.name.toLowerCase()})`,
      dim.categories.map((c) => breakdownKey({ [dim.key]: c.key })),
    );
  if (indicator.dimensions.length === 2) {
    const [rows, cols] = indicator.dimensions as [
      IndicatorShape["dimensions"][number],
      IndicatorShape["dimensions"][number],
    ];
    for (const r of rows.categories)
      check(
        breakdownKey({ [rows.key]: r.key }),
        `the total for ${r.label}`,
        cols.categories.map((c) => breakdownKey({ [rows.key]: r.key, [cols.key]: c.key })),
      );
    for (const c of cols.categories)
      check(
        breakdownKey({ [cols.key]: c.key }),
        `the total for ${c.label}`,
        rows.categories.map((r) => breakdownKey({ [rows.key]: r.key, [cols.key]: c.key })),
      );
  }
  return warnings;
}

const format = (n: number) =>
  new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 }).format(n);

/** The save request: the version the editor started from and the fields changed since. */
export type SaveRequest = { baseVersion: number; changes: Record<string, string> };
export type SaveSchema = z.ZodType<SaveRequest>;
