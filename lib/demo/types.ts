import type {
  COLLECTION_FREQUENCIES,
  INDICATOR_DIRECTIONS,
  INDICATOR_UNITS,
  INSTITUTION_KINDS,
  MILESTONE_STATUSES,
  PLAN_STATUSES,
} from "@/lib/domain/enums";

/** The shape of a plan in the demo seed: a whole framework, addressed by acronyms and keys. */
export type PlanFile = {
  plan: {
    slug: string;
    countryCode: string;
    countryName: string;
    title: string;
    generation: number;
    startYear: number;
    endYear: number;
    status: (typeof PLAN_STATUSES)[number];
    summary: string;
    leadInstitution: string;
    budgetStatement: string | null;
    civilSocietyParticipation: string | null;
    pillarTerm: string;
    pillarTermPlural: string;
    currency: string;
    fiscalYearStartMonth: number;
    originalLanguage: string;
    activatedAt: string | null;
  };
  institutions: { acronym: string; name: string; kind: (typeof INSTITUTION_KINDS)[number] }[];
  dimensions: {
    key: string;
    name: string;
    /** `parent` names a category of an earlier dimension as `dimension/category`. */
    categories: { key: string; label: string; parent?: string }[];
  }[];
  pillars: {
    number: number;
    title: string;
    outputs: {
      number: number;
      title: string;
      lead: string;
      supporting: string[];
      indicators: {
        code: string;
        title: string;
        definition?: string;
        unit: (typeof INDICATOR_UNITS)[number];
        direction: (typeof INDICATOR_DIRECTIONS)[number];
        baseline: { value: number; year: number };
        targets: Record<number, number>;
        endTarget?: number;
        dataSource: string;
        frequency: (typeof COLLECTION_FREQUENCIES)[number];
        responsible: string;
        sensitive?: boolean;
        dimensions: string[];
        /** Set when the figures come from a named source rather than being illustrative. */
        provenance?: string;
        realBaseline?: boolean;
        observations?: { year: number; value: number }[];
      }[];
      milestones?: {
        title: string;
        dueDate: string;
        status: (typeof MILESTONE_STATUSES)[number];
        responsible: string;
      }[];
    }[];
  }[];
  illustrativeNote: string;
};
