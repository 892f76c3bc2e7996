/**
 * The rules of the structure forms (a plan's details, its pillars and outputs, the
 * responsibility matrix, institutions), shared by the browser (checked as the admin types) and
 * the data layer (lib/framework/structure.ts and institutions.ts, checked again inside the
 * transaction, where only that parse decides).
 */
import { z } from "zod";
import { INSTITUTION_KINDS } from "@/lib/domain/enums";
import {
  optionalText,
  PLAN_SLUG_PATTERN,
  parseRecordId,
  planSlugSchema,
  recordIdSchema,
  requiredText,
} from "@/lib/server/validation";

// Plain text with the control-character rule (lib/server/validation.ts).
const text = requiredText;

/** A whole number typed in a text field, within bounds. */
const wholeNumber = (min: number, max: number, what: string) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, `Enter ${what}.`)
    .regex(/^-?\d+$/, `Enter ${what} as a whole number.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `Enter ${what} from ${min} to ${max}.`);

/** A share typed in percentage points ("10") and stored as a fraction (0.1). */
const points = (what: string) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, `Enter ${what}.`)
    .regex(/^\d+([.,]\d+)?$/, `Enter ${what} as a number of percentage points, like 10.`)
    .transform((v) => Number(v.replace(",", ".")))
    .refine((n) => n >= 0 && n <= 100, `Enter ${what} from 0 to 100.`)
    .transform((n) => Math.round(n * 100) / 10000);

export const COUNTRY_CODE_PATTERN = /^[A-Z]{3}$/;

/** Plan-level choices the form needs: the institutions that may lead it, by country. */
export type PlanFormContext = {
  /** Creating: the slug and the country code are typed; editing: they are fixed. */
  creating: boolean;
  institutions: { id: number; countryCode: string }[];
  /** The plan's country when editing (its code cannot change). */
  countryCode?: string;
};

export type PlanDetailsInput = {
  slug: string;
  countryCode: string;
  countryName: string;
  title: string;
  generation: number;
  startYear: number;
  endYear: number;
  currency: string;
  fiscalYearStartMonth: number;
  pillarTerm: string;
  pillarTermPlural: string;
  originalLanguage: string;
  summary: string | null;
  leadInstitutionId: number | null;
  budgetStatement: string | null;
  civilSocietyParticipation: string | null;
  statusTolerance: number;
  statusAtRiskShare: number;
};

export const PLAN_DETAIL_FIELDS = [
  "slug",
  "countryCode",
  "countryName",
  "title",
  "generation",
  "startYear",
  "endYear",
  "currency",
  "fiscalYearStartMonth",
  "pillarTerm",
  "pillarTermPlural",
  "originalLanguage",
  "summary",
  "leadInstitution",
  "budgetStatement",
  "civilSocietyParticipation",
  "statusTolerance",
  "statusAtRiskShare",
] as const;

export function planDetailsSchema(ctx: PlanFormContext) {
  return z
    .object({
      slug: ctx.creating
        ? z
            .string({ error: "Enter an address." })
            .trim()
            .min(3, "At least 3 characters.")
            .max(100, "At most 100 characters.")
            .regex(
              PLAN_SLUG_PATTERN,
              "Lower-case letters, digits and single dashes, like kenya-2020-2024.",
            )
        : z.string().optional(),
      countryCode: ctx.creating
        ? z
            .string({ error: "Enter the country's code." })
            .trim()
            .toUpperCase()
            .regex(COUNTRY_CODE_PATTERN, "Three letters (ISO 3166-1 alpha-3), like RWA or KEN.")
        : z.string().optional(),
      countryName: text(100, "the country's name"),
      title: text(300, "a title"),
      generation: wholeNumber(1, 20, "the plan's generation"),
      startYear: wholeNumber(1990, 2100, "the first year"),
      endYear: wholeNumber(1990, 2100, "the last year"),
      currency: z
        .string({ error: "Enter a currency code." })
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{3}$/, "Three letters (ISO 4217), like RWF or USD."),
      fiscalYearStartMonth: wholeNumber(1, 12, "the month the fiscal year starts"),
      pillarTerm: text(40, "the word for one pillar"),
      pillarTermPlural: text(40, "the word for several pillars"),
      originalLanguage: z
        .string({ error: "Enter a language code." })
        .trim()
        .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "A language code, like en, fr or rw."),
      summary: optionalText(5000),
      leadInstitution: z.string().optional(),
      budgetStatement: optionalText(5000),
      civilSocietyParticipation: optionalText(5000),
      statusTolerance: points("the tolerance"),
      statusAtRiskShare: points("the at-risk share"),
    })
    .transform((v, c): PlanDetailsInput => {
      const country = ctx.creating ? (v.countryCode ?? "") : (ctx.countryCode ?? "");
      if (v.endYear < v.startYear)
        c.addIssue({
          code: "custom",
          path: ["endYear"],
          message: "The last year cannot come before the first.",
        });
      else if (v.endYear - v.startYear > 29)
        c.addIssue({
          code: "custom",
          path: ["endYear"],
          message: "A plan spans 30 years at most.",
        });
      let lead: number | null = null;
      if (v.leadInstitution) {
        lead = parseRecordId(v.leadInstitution) ?? -1;
        if (!ctx.institutions.some((i) => i.id === lead && i.countryCode === country))
          c.addIssue({
            code: "custom",
            path: ["leadInstitution"],
            message: "Choose an institution of the plan's country, or none.",
          });
      }
      return {
        slug: v.slug ?? "",
        countryCode: country,
        countryName: v.countryName,
        title: v.title,
        generation: v.generation,
        startYear: v.startYear,
        endYear: v.endYear,
        currency: v.currency,
        fiscalYearStartMonth: v.fiscalYearStartMonth,
        pillarTerm: v.pillarTerm,
        pillarTermPlural: v.pillarTermPlural,
        originalLanguage: v.originalLanguage,
        summary: v.summary,
        leadInstitutionId: lead,
        budgetStatement: v.budgetStatement,
        civilSocietyParticipation: v.civilSocietyParticipation,
        statusTolerance: v.statusTolerance,
        statusAtRiskShare: v.statusAtRiskShare,
      };
    });
}

/** A pillar or an output: its title and an optional description. */
export const structureItemSchema = z.object({
  title: text(500, "a title"),
  description: optionalText(5000),
});
export type StructureItemInput = z.infer<typeof structureItemSchema>;

/** Field names of the responsibility form: `lead` (select) and `supporting_<id>` (checkboxes). */
export const supportingField = (id: number) => `supporting_${id}`;

export type ResponsibilityInput = { lead: number | null; supporting: number[] };

export function responsibilitySchema(institutionIds: number[]) {
  const shape: Record<string, z.ZodType<unknown, string | undefined>> = {
    lead: z.string().optional(),
  };
  for (const id of institutionIds) shape[supportingField(id)] = z.string().optional();
  return z.object(shape).transform((v, c): ResponsibilityInput => {
    const raw = v as Record<string, string | undefined>;
    let lead: number | null = null;
    if (raw.lead) {
      lead = parseRecordId(raw.lead) ?? -1;
      if (!institutionIds.includes(lead)) {
        c.addIssue({
          code: "custom",
          path: ["lead"],
          message: "Choose an institution from the list, or none.",
        });
        lead = null;
      }
    }
    const supporting = institutionIds.filter((id) => {
      const value = raw[supportingField(id)];
      return value === "on" || value === "true";
    });
    if (lead !== null && supporting.includes(lead))
      c.addIssue({
        code: "custom",
        path: [supportingField(lead)],
        message: "The lead institution cannot also be a supporting one: untick it here.",
      });
    return { lead, supporting };
  });
}

export type InstitutionInput = {
  countryCode: string;
  acronym: string;
  name: string;
  kind: (typeof INSTITUTION_KINDS)[number];
  website: string | null;
};

export const INSTITUTION_KIND_LABELS: Record<(typeof INSTITUTION_KINDS)[number], string> = {
  ministry: "Ministry",
  department: "Department",
  agency: "Agency",
  security_service: "Security service",
  local_government: "Local government",
  civil_society: "Civil-society organisation",
  other: "Other",
};

/** `creating`: the country code is typed; editing keeps it (an institution stays in its country). */
export function institutionSchema(ctx: { creating: boolean; countryCode?: string }) {
  return z
    .object({
      countryCode: ctx.creating
        ? z
            .string({ error: "Enter the country's code." })
            .trim()
            .toUpperCase()
            .regex(COUNTRY_CODE_PATTERN, "Three letters (ISO 3166-1 alpha-3), like RWA or KEN.")
        : z.string().optional(),
      acronym: z
        .string({ error: "Enter an acronym." })
        .trim()
        .min(1, "Enter an acronym.")
        .max(20, "At most 20 characters.")
        .regex(/^[A-Za-z0-9][A-Za-z0-9&.\-/ ]*$/, "Letters, digits, spaces and . - / & only."),
      name: text(300, "a name"),
      kind: z.enum(INSTITUTION_KINDS, { error: "Choose a kind." }),
      website: z
        .string()
        .trim()
        .max(500, "At most 500 characters.")
        .optional()
        .transform((v) => v || null)
        .refine(
          (v) => v === null || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v),
          "A web address starting with https:// (or leave it empty).",
        ),
    })
    .transform(
      (v): InstitutionInput => ({
        countryCode: ctx.creating ? (v.countryCode ?? "") : (ctx.countryCode ?? ""),
        acronym: v.acronym,
        name: v.name,
        kind: v.kind,
        website: v.website,
      }),
    );
}

/** The plain forms (move, delete, status, activate): which record, and what to do. */
export const planRefSchema = z.object({
  plan: planSlugSchema,
});
export const pillarRefSchema = planRefSchema.extend({
  pillar: z
    .string()
    .regex(/^[1-9]\d{0,2}$/)
    .transform(Number),
});
export const outputRefSchema = planRefSchema.extend({
  output: z
    .string()
    .regex(/^[1-9]\d{0,2}\.[1-9]\d{0,2}$/)
    .transform((code) => code),
});
export const directionSchema = z.enum(["up", "down"]);
export const planStatusSchema = planRefSchema.extend({
  status: z.enum(["active", "closed"]),
  confirm: z.literal("on", { error: "Tick the box to confirm." }),
});
export const institutionRefSchema = z.object({ id: recordIdSchema });
