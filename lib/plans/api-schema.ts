/**
 * The public API's response shapes as zod schemas: the OpenAPI document is generated from them,
 * and the tests check every real response against them, so the contract cannot drift silently.
 */
import { z } from "zod";
import {
  COLLECTION_FREQUENCIES,
  INDICATOR_DIRECTIONS,
  INDICATOR_UNITS,
  MILESTONE_STATUSES,
  PLAN_STATUSES,
} from "@/lib/domain/enums";
import { INDICATOR_STATUSES, STATUS_ASSESSMENTS } from "@/lib/indicators/status";

const institutionRef = z
  .object({ acronym: z.string(), name: z.string() })
  .meta({ id: "Institution" });

const yearValue = z.object({ year: z.int(), value: z.number() });

export const planSummarySchema = z
  .object({
    slug: z.string().meta({ description: "Readable address of the plan, e.g. rwanda-2018-2022" }),
    countryCode: z.string().meta({ description: "ISO 3166-1 alpha-3" }),
    countryName: z.string(),
    title: z.string(),
    generation: z.int().min(1),
    startYear: z.int(),
    endYear: z.int(),
    status: z.enum(PLAN_STATUSES),
    pillarTerm: z
      .string()
      .meta({ description: "The plan's word for a pillar: objective, priority…" }),
    pillarTermPlural: z.string(),
    pillarCount: z.int(),
    outputCount: z.int(),
    indicatorCount: z.int(),
  })
  .meta({ id: "PlanSummary" });

export const indicatorSchema = z
  .object({
    code: z.string(),
    previousCodes: z.array(z.string()).meta({
      description:
        "Codes this record had before in the published plan, oldest first; each old address redirects (308) to the current one. Empty when none.",
    }),
    title: z.string(),
    definition: z.string().nullable(),
    unit: z.enum(INDICATOR_UNITS),
    direction: z.enum(INDICATOR_DIRECTIONS),
    baseline: yearValue.nullable(),
    targets: z.array(yearValue),
    endTarget: yearValue.nullable(),
    dataSource: z.string().nullable(),
    collectionFrequency: z.enum(COLLECTION_FREQUENCIES),
    responsible: institutionRef.nullable(),
    sensitive: z.boolean(),
    disaggregations: z.array(z.object({ key: z.string(), name: z.string() })),
    provenance: z.string().nullable(),
    illustrative: z.boolean().meta({
      description: "True when the figures are demonstration data, not from a real source",
    }),
    latest: z
      .object({
        value: z.number().nullable(),
        year: z.int(),
        periodCode: z.string(),
        approvedAt: z.string(),
        suppressed: z.boolean().meta({
          description:
            "True when the value of a sensitive indicator is withheld: a count below 5, or a cell that would give one away by subtraction",
        }),
      })
      .nullable(),
    status: z
      .object({
        code: z.enum([...INDICATOR_STATUSES, "withheld"]).meta({
          description:
            '"withheld" when the latest value is withheld: a status computed from it would hint at it',
        }),
        label: z.string(),
        assessment: z.enum(STATUS_ASSESSMENTS).nullable().meta({
          description:
            "What the latest value gives before the staleness check (for a stale status: what it gave then)",
        }),
        basis: z.enum(["target", "baseline"]).nullable().meta({
          description:
            "What the value was judged against: the target, or the baseline of a maintain indicator without a target",
        }),
        asOf: z
          .object({ year: z.int(), periodCode: z.string(), approvedAt: z.string() })
          .nullable()
          .meta({ description: "The approved value the status was computed from" }),
      })
      .meta({
        id: "IndicatorStatus",
        description: "Computed status; the method is in docs/decisions/0008-status-method.md",
      }),
  })
  .meta({ id: "Indicator" });

const milestoneSchema = z
  .object({
    title: z.string(),
    description: z.string().nullable(),
    dueDate: z.iso.date(),
    status: z.enum([...MILESTONE_STATUSES, "overdue"]).meta({
      description:
        "Recorded status, or overdue once the due date has passed and it is neither achieved nor dropped",
    }),
    recordedStatus: z.enum(MILESTONE_STATUSES),
    responsible: institutionRef.nullable(),
    illustrative: z.boolean(),
  })
  .meta({ id: "Milestone" });

const outputSchema = z
  .object({
    code: z.string().meta({ description: "Pillar number and output number, e.g. 3.2" }),
    previousCodes: z.array(z.string()).meta({
      description:
        "Codes this record had before in the published plan, oldest first; each old address redirects (308) to the current one. Empty when none.",
    }),
    number: z.int(),
    title: z.string(),
    description: z.string().nullable(),
    lead: institutionRef.nullable(),
    supporting: z.array(institutionRef),
    indicators: z.array(indicatorSchema),
    milestones: z.array(milestoneSchema),
  })
  .meta({ id: "Output" });

const pillarSchema = z
  .object({
    number: z.int(),
    previousCodes: z.array(z.string()).meta({
      description:
        "Codes this record had before in the published plan, oldest first; each old address redirects (308) to the current one. Empty when none.",
    }),

    title: z.string(),
    description: z.string().nullable(),
    outcomeIndicators: z.array(indicatorSchema),
    outputs: z.array(outputSchema),
  })
  .meta({ id: "Pillar" });

export const planTreeSchema = planSummarySchema
  .extend({
    summary: z.string().nullable(),
    leadInstitution: institutionRef.nullable(),
    budgetStatement: z.string().nullable(),
    civilSocietyParticipation: z.string().nullable(),
    currency: z.string(),
    fiscalYearStartMonth: z.int().min(1).max(12),
    originalLanguage: z.string(),
    sourceDocumentUrl: z.string().nullable(),
    thresholds: z.object({ tolerance: z.number(), atRiskShare: z.number() }),
    pillars: z.array(pillarSchema),
  })
  .meta({ id: "Plan" });

export const planListResponseSchema = z.object({
  data: z.array(planSummarySchema.extend({ url: z.string() })),
});
export const planResponseSchema = z.object({ data: planTreeSchema });
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(["NOT_FOUND", "GONE", "VALIDATION", "INTERNAL"]),
      message: z.string(),
    }),
  })
  .meta({ id: "Error" });
