/**
 * The plan file: a whole NAP framework (plan, institutions, disaggregation dimensions, pillars,
 * outputs, responsibility matrix, indicators with targets, milestones) as one JSON document, so
 * that any country can load its plan without code, and any plan can be taken elsewhere.
 *
 * Versioned: `format` and `version` say which shape a file has; a later version gets its own
 * schema and an upgrade step. Institutions are named by acronym and dimensions by key inside the
 * file; nothing refers to database ids. The JSON Schema published at
 * /api/v1/schemas/plan-file.json is generated from this schema.
 */
import { z } from "zod";
import {
  COLLECTION_FREQUENCIES,
  INDICATOR_DIRECTIONS,
  INDICATOR_UNITS,
  INSTITUTION_KINDS,
  MILESTONE_STATUSES,
  PLAN_STATUSES,
} from "@/lib/domain/enums";
import { PLAN_SLUG_PATTERN } from "@/lib/server/validation";

export const PLAN_FILE_FORMAT = "nap-tracker/plan";
export const PLAN_FILE_VERSION = 1;

const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);
const year = z.int("must be a whole year").min(1900).max(2200);
const acronym = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9&.-]{0,31}$/,
    "must be an acronym of letters and digits (up to 32)",
  );
const key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be lower-case letters, digits, - or _");

const indicatorSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, "must be a short code like 1.2.a"),
  title: text(500),
  definition: optionalText(5000),
  unit: z.enum(INDICATOR_UNITS),
  direction: z.enum(INDICATOR_DIRECTIONS),
  baseline: z.object({ value: z.number(), year }).nullable(),
  targets: z.array(z.object({ year, value: z.number() })).default([]),
  endTarget: z.number().nullable().default(null),
  dataSource: optionalText(1000),
  collectionFrequency: z.enum(COLLECTION_FREQUENCIES).default("annual"),
  responsible: acronym.nullable().default(null),
  sensitive: z.boolean().default(false),
  dimensions: z.array(key).default([]),
  provenance: optionalText(2000),
  illustrative: z.boolean().default(false),
});

const milestoneSchema = z.object({
  title: text(500),
  description: optionalText(5000),
  dueDate: z.iso.date("must be a date like 2021-06-30"),
  status: z.enum(MILESTONE_STATUSES).default("not_started"),
  responsible: acronym.nullable().default(null),
  illustrative: z.boolean().default(false),
});

const outputSchema = z.object({
  number: z.int().min(1).max(999),
  title: text(1000),
  description: optionalText(5000),
  lead: acronym.nullable().default(null),
  supporting: z.array(acronym).default([]),
  indicators: z.array(indicatorSchema).default([]),
  milestones: z.array(milestoneSchema).default([]),
});

const pillarSchema = z.object({
  number: z.int().min(1).max(999),
  title: text(1000),
  description: optionalText(5000),
  outcomeIndicators: z.array(indicatorSchema).default([]),
  outputs: z.array(outputSchema).default([]),
});

export const planFileSchema = z
  .object({
    format: z.literal(PLAN_FILE_FORMAT),
    version: z.literal(PLAN_FILE_VERSION),
    plan: z.object({
      slug: z
        .string()
        .regex(PLAN_SLUG_PATTERN, "must be lower-case words joined by dashes, e.g. kenya-2020-2024")
        .max(100),
      countryCode: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 3166-1 alpha-3 code, e.g. RWA"),
      countryName: text(200),
      title: text(500),
      generation: z.int().min(1).max(20),
      startYear: year,
      endYear: year,
      status: z.enum(PLAN_STATUSES).default("draft"),
      summary: optionalText(10000),
      leadInstitution: acronym.nullable().default(null),
      budgetStatement: optionalText(5000),
      civilSocietyParticipation: optionalText(5000),
      pillarTerm: text(40).default("pillar"),
      pillarTermPlural: text(40).default("pillars"),
      currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code, e.g. RWF"),
      fiscalYearStartMonth: z.int().min(1).max(12).default(1),
      originalLanguage: z
        .string()
        .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a language tag, e.g. en or fr")
        .default("en"),
      statusTolerance: z.number().min(0).max(1).default(0.1),
      statusAtRiskShare: z.number().min(0).max(1).default(0.5),
    }),
    institutions: z
      .array(z.object({ acronym, name: text(300), kind: z.enum(INSTITUTION_KINDS) }))
      .default([]),
    dimensions: z
      .array(
        z.object({
          key,
          name: text(100),
          categories: z
            .array(z.object({ key, label: text(200), parent: z.string().nullish() }))
            .min(1, "needs at least one category"),
        }),
      )
      .default([]),
    pillars: z.array(pillarSchema).min(1, "a plan needs at least one pillar"),
  })
  .superRefine(
    (file, ctx) => {
      try {
        const issue = (path: (string | number)[], message: string) =>
          ctx.addIssue({ code: "custom", path, message });
        const { plan } = file;
        if (plan.startYear > plan.endYear)
          issue(["plan", "endYear"], "must not be before the start year");

        const acronyms = new Set<string>();
        (file.institutions ?? []).forEach((institution, i) => {
          if (acronyms.has(institution.acronym))
            issue(["institutions", i, "acronym"], `${institution.acronym} is listed twice`);
          acronyms.add(institution.acronym);
        });
        const known = (value: string | null, path: (string | number)[]) => {
          if (typeof value === "string" && !acronyms.has(value))
            issue(path, `${value} is not in the file's institutions`);
        };
        known(plan.leadInstitution, ["plan", "leadInstitution"]);

        const dimensionKeys = new Set<string>();
        const categoryKeys = new Set<string>();
        (file.dimensions ?? []).forEach((dimension, d) => {
          if (dimensionKeys.has(dimension.key))
            issue(["dimensions", d, "key"], `${dimension.key} is listed twice`);
          dimensionKeys.add(dimension.key);
          const own = new Set<string>();
          (dimension.categories ?? []).forEach((category, c) => {
            if (own.has(category.key))
              issue(["dimensions", d, "categories", c, "key"], `${category.key} is listed twice`);
            own.add(category.key);
            if (category.parent && !categoryKeys.has(category.parent)) {
              issue(
                ["dimensions", d, "categories", c, "parent"],
                `${category.parent} is not a category of an earlier dimension (write it as dimension/category)`,
              );
            }
          });
          for (const category of dimension.categories ?? [])
            categoryKeys.add(`${dimension.key}/${category.key}`);
        });

        const codes = new Set<string>();
        const checkIndicator = (
          indicator: z.infer<typeof indicatorSchema>,
          path: (string | number)[],
        ) => {
          if (codes.has(indicator.code))
            issue([...path, "code"], `indicator code ${indicator.code} is used twice`);
          codes.add(indicator.code);
          known(indicator.responsible, [...path, "responsible"]);
          (indicator.dimensions ?? []).forEach((dimension, k) => {
            if (!dimensionKeys.has(dimension))
              issue([...path, "dimensions", k], `${dimension} is not one of the file's dimensions`);
          });
          const years = new Set<number>();
          (indicator.targets ?? []).forEach((target, t) => {
            if (target.year < plan.startYear || target.year > plan.endYear) {
              issue(
                [...path, "targets", t, "year"],
                `${target.year} is outside the plan's years ${plan.startYear}–${plan.endYear}`,
              );
            }
            if (years.has(target.year))
              issue([...path, "targets", t, "year"], `there are two targets for ${target.year}`);
            years.add(target.year);
          });
          if (indicator.unit === "percent") {
            const values = [
              indicator.baseline?.value,
              indicator.endTarget,
              ...(indicator.targets ?? []).map((t) => t.value),
            ];
            if (values.some((v) => v !== null && v !== undefined && (v < 0 || v > 100))) {
              issue(path, "a percentage must lie between 0 and 100 (baseline and targets)");
            }
          }
        };

        const pillarNumbers = new Set<number>();
        (file.pillars ?? []).forEach((pillar, p) => {
          const path = ["pillars", p];
          if (pillarNumbers.has(pillar.number))
            issue([...path, "number"], `${plan.pillarTerm} ${pillar.number} is listed twice`);
          pillarNumbers.add(pillar.number);
          (pillar.outcomeIndicators ?? []).forEach((indicator, i) => {
            checkIndicator(indicator, [...path, "outcomeIndicators", i]);
          });
          const outputNumbers = new Set<number>();
          (pillar.outputs ?? []).forEach((output, o) => {
            const outputPath = [...path, "outputs", o];
            if (outputNumbers.has(output.number))
              issue(
                [...outputPath, "number"],
                `output ${pillar.number}.${output.number} is listed twice`,
              );
            outputNumbers.add(output.number);
            known(output.lead, [...outputPath, "lead"]);
            (output.supporting ?? []).forEach((supporting, s) => {
              known(supporting, [...outputPath, "supporting", s]);
              if (supporting === output.lead)
                issue([...outputPath, "supporting", s], `${supporting} is already the lead`);
            });
            (output.indicators ?? []).forEach((indicator, i) => {
              checkIndicator(indicator, [...outputPath, "indicators", i]);
            });
            (output.milestones ?? []).forEach((milestone, m) => {
              known(milestone.responsible, [...outputPath, "milestones", m, "responsible"]);
            });
          });
        });
      } catch {
        // A part too malformed to cross-check: its own problems are already listed.
      }
    },
    {
      // Also when parts of the file are malformed, so that one pass lists every problem (a
      // wrong unit and an unknown institution together); the checks skip what they cannot read.
      when: (payload) => {
        const value = payload.value as { plan?: unknown; pillars?: unknown } | null;
        return (
          typeof value === "object" &&
          value !== null &&
          typeof value.plan === "object" &&
          value.plan !== null &&
          Array.isArray(value.pillars)
        );
      },
    },
  );

export type PlanFile = z.infer<typeof planFileSchema>;
export type PlanFileInput = z.input<typeof planFileSchema>;

export type PlanFileProblem = { path: string; message: string };

/** `pillars[2].outputs[0].indicators[1].code` for a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (out, part) =>
        typeof part === "number"
          ? `${out}[${part}]`
          : out
            ? `${out}.${String(part)}`
            : String(part),
      "",
    ) || "(file)"
  );
}

/** Every problem in a file, each with where it is, in the order they appear. */
export function checkPlanFile(
  input: unknown,
): { ok: true; file: PlanFile } | { ok: false; problems: PlanFileProblem[] } {
  const parsed = planFileSchema.safeParse(input);
  if (parsed.success) return { ok: true, file: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    })),
  };
}

/** The JSON Schema (draft 2020-12) of the plan file, for people and tools outside this app. */
export function planFileJsonSchema() {
  return {
    $id: "https://nap-tracker.org/schemas/plan-file-v1.json",
    title: "NAP Tracker plan file, version 1",
    ...z.toJSONSchema(planFileSchema, {
      target: "draft-2020-12",
      io: "input",
      unrepresentable: "any",
    }),
  };
}
