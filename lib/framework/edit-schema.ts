/**
 * The indicator form's rules, shared by the browser (checked as the admin types) and the data
 * layer (lib/framework/edit.ts, checked again inside the transaction). The rules depend on the
 * plan (its years, whether it is published, the codes already taken, the values before the
 * edit), so the schema is built from an `IndicatorFormContext` the server computes.
 *
 * A form submits flat text fields: `target_2021` for each plan year, `dimension_sex` for each
 * of the plan's dimensions (checkbox), `sensitive` and `illustrative` (checkboxes).
 */
import { z } from "zod";
import { COLLECTION_FREQUENCIES, INDICATOR_DIRECTIONS, INDICATOR_UNITS } from "@/lib/domain/enums";
import {
  INDICATOR_CODE_PATTERN,
  isReason,
  optionalText,
  parseRecordId,
  reasonMessage,
  requiredText,
} from "@/lib/server/validation";

export type IndicatorFormContext = {
  startYear: number;
  endYear: number;
  /** Active or closed: the public sees the plan, so baseline and target changes need a reason. */
  published: boolean;
  /** Codes other indicators of the plan use (the edited indicator's own code left out). */
  takenCodes: string[];
  /** Parents the indicator may sit under: `output:1.1` or `pillar:2` (outcome indicator). */
  parents: string[];
  institutionIds: number[];
  dimensionKeys: string[];
  /** The indicator's figures before this edit; null when creating one. */
  current: IndicatorFigures | null;
};

/** Baseline and targets: what needs a reason to change once a plan is published. */
export type IndicatorFigures = {
  baselineValue: number | null;
  baselineYear: number | null;
  endTarget: number | null;
  /** By plan year; a missing year has no target. */
  targets: Record<string, number | null>;
};

export { INDICATOR_CODE_PATTERN };

// Plain text with the control-character rule (lib/server/validation.ts).
const text = requiredText;

/** "" or absent → null; otherwise a finite number ("12.5", "-3"; not "12abc"). */
const optionalNumber = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const n = Number(v.replace(",", "."));
    if (!/^-?\d+([.,]\d+)?$/.test(v) || !Number.isFinite(n)) {
      ctx.addIssue({ code: "custom", message: "Enter a number, like 12 or 4.5." });
      return z.NEVER;
    }
    return n;
  });

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true");

export const targetField = (year: number) => `target_${year}`;
export const dimensionField = (key: string) => `dimension_${key}`;

/** The parsed form: what the data layer writes. */
export type IndicatorInput = {
  parent: { kind: "output"; pillar: number; output: number } | { kind: "pillar"; pillar: number };
  code: string;
  title: string;
  definition: string | null;
  unit: (typeof INDICATOR_UNITS)[number];
  direction: (typeof INDICATOR_DIRECTIONS)[number];
  baselineValue: number | null;
  baselineYear: number | null;
  targets: { year: number; value: number }[];
  endTarget: number | null;
  dataSource: string | null;
  collectionFrequency: (typeof COLLECTION_FREQUENCIES)[number];
  responsibleInstitutionId: number | null;
  sensitive: boolean;
  dimensions: string[];
  provenance: string | null;
  illustrative: boolean;
  reason: string | null;
};

/** `output:1.1` → output 1 of pillar 1; `pillar:2` → pillar 2. */
export function parseParent(value: string): IndicatorInput["parent"] | null {
  const output = /^output:([1-9]\d{0,2})\.([1-9]\d{0,2})$/.exec(value);
  if (output) return { kind: "output", pillar: Number(output[1]), output: Number(output[2]) };
  const pillar = /^pillar:([1-9]\d{0,2})$/.exec(value);
  if (pillar) return { kind: "pillar", pillar: Number(pillar[1]) };
  return null;
}

/** True when the baseline or any target differs from `current` (always true for a new indicator). */
export function figuresChanged(
  current: IndicatorFigures | null,
  next: Pick<IndicatorInput, "baselineValue" | "baselineYear" | "endTarget" | "targets">,
): boolean {
  if (current === null) return true;
  if (current.baselineValue !== next.baselineValue) return true;
  if (current.baselineYear !== next.baselineYear) return true;
  if (current.endTarget !== next.endTarget) return true;
  const years = new Set([
    ...Object.keys(current.targets),
    ...next.targets.map((t) => String(t.year)),
  ]);
  for (const year of years) {
    const before = current.targets[year] ?? null;
    const after = next.targets.find((t) => String(t.year) === year)?.value ?? null;
    if (before !== after) return true;
  }
  return false;
}

export function indicatorFormSchema(ctx: IndicatorFormContext) {
  const years: number[] = [];
  for (let y = ctx.startYear; y <= ctx.endYear; y++) years.push(y);
  const taken = new Set(ctx.takenCodes.map((c) => c.toLowerCase()));

  const shape = {
    parent: z
      .string({ error: "Choose where the indicator belongs." })
      .refine((v) => ctx.parents.includes(v), "Choose an output or an outcome of this plan."),
    code: z
      .string({ error: "Enter a code." })
      .trim()
      .regex(INDICATOR_CODE_PATTERN, "A short code of letters, digits and dots, like 1.2.a.")
      .refine(
        (code) => !taken.has(code.toLowerCase()),
        "Another indicator of this plan has this code.",
      ),
    title: text(500, "a title"),
    definition: optionalText(5000),
    unit: z.enum(INDICATOR_UNITS, { error: "Choose a unit." }),
    direction: z.enum(INDICATOR_DIRECTIONS, { error: "Choose a direction." }),
    baselineValue: optionalNumber,
    baselineYear: optionalNumber,
    endTarget: optionalNumber,
    dataSource: optionalText(1000),
    collectionFrequency: z.enum(COLLECTION_FREQUENCIES, { error: "Choose how often." }),
    responsible: z
      .string()
      .optional()
      .transform((v, c) => {
        if (!v) return null;
        const id = parseRecordId(v) ?? -1;
        if (!ctx.institutionIds.includes(id)) {
          c.addIssue({ code: "custom", message: "Choose an institution from the list." });
          return z.NEVER;
        }
        return id;
      }),
    sensitive: checkbox,
    provenance: optionalText(2000),
    illustrative: checkbox,
    reason: optionalText(1000),
    ...Object.fromEntries(years.map((y) => [targetField(y), optionalNumber])),
    ...Object.fromEntries(ctx.dimensionKeys.map((k) => [dimensionField(k), checkbox])),
  };

  return z.object(shape).transform((v, c): IndicatorInput => {
    const raw = v as unknown as Record<string, unknown>;
    const issue = (path: string, message: string) =>
      c.addIssue({ code: "custom", path: [path], message });
    const targets = years
      .map((year) => ({ year, value: raw[targetField(year)] as number | null }))
      .filter((t): t is { year: number; value: number } => t.value !== null);

    if ((v.baselineValue === null) !== (v.baselineYear === null)) {
      issue(
        v.baselineYear === null ? "baselineYear" : "baselineValue",
        "Give the baseline's value and its year, or neither.",
      );
    }
    if (
      v.baselineYear !== null &&
      (!Number.isInteger(v.baselineYear) || v.baselineYear < 1900 || v.baselineYear > ctx.endYear)
    ) {
      issue("baselineYear", `A whole year from 1900 to ${ctx.endYear}, the plan's last year.`);
    }

    // Values by unit: the same rule for the baseline, every target and the end target.
    const figures: [string, number | null][] = [
      ["baselineValue", v.baselineValue],
      ["endTarget", v.endTarget],
      ...targets.map((t): [string, number] => [targetField(t.year), t.value]),
    ];
    for (const [field, value] of figures) {
      if (value === null) continue;
      if (v.unit === "percent" && (value < 0 || value > 100))
        issue(field, "A percentage lies between 0 and 100.");
      if (v.unit === "count" && (value < 0 || !Number.isInteger(value)))
        issue(field, "A count is a whole number, 0 or more.");
      if (v.unit === "currency" && value < 0) issue(field, "An amount is 0 or more.");
      if (v.unit === "yes_no" && value !== 0 && value !== 1)
        issue(field, "Enter 1 for yes or 0 for no.");
      if (v.unit === "text")
        issue(field, "A qualitative indicator has no figures: leave this empty.");
    }

    const next = {
      baselineValue: v.baselineValue,
      baselineYear: v.baselineYear,
      endTarget: v.endTarget,
      targets,
    };
    if (ctx.published && !isReason(v.reason ?? "") && figuresChanged(ctx.current, next)) {
      issue(
        "reason",
        reasonMessage(
          ctx.current
            ? "This plan is published: say why the baseline or targets change. The public change log shows it"
            : "This plan is published: say why this indicator is added. The public change log shows it",
        ),
      );
    }

    return {
      parent: parseParent(v.parent) as IndicatorInput["parent"],
      code: v.code,
      title: v.title,
      definition: v.definition,
      unit: v.unit,
      direction: v.direction,
      ...next,
      dataSource: v.dataSource,
      collectionFrequency: v.collectionFrequency,
      responsibleInstitutionId: v.responsible,
      sensitive: v.sensitive,
      dimensions: ctx.dimensionKeys.filter((k) => raw[dimensionField(k)] === true),
      provenance: v.provenance,
      illustrative: v.illustrative,
      reason: v.reason,
    };
  });
}
