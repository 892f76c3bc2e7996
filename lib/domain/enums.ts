/**
 * The domain's fixed vocabularies: statuses, kinds, units and roles (../shared/PRODUCT.md, "The
 * domain"). Plain constants, safe in the browser: forms offer these values and zod schemas check
 * them on both sides. `db/schema.ts` imports them for its columns and CHECK constraints, so the
 * database refuses anything else; client code must never import `db/` itself (its column names
 * and drizzle-orm would ship to the browser; `app/client-imports.test.ts` enforces it).
 */
export const PLAN_STATUSES = ["draft", "active", "closed"] as const;
export const INSTITUTION_KINDS = [
  "ministry",
  "department",
  "agency",
  "security_service",
  "local_government",
  "civil_society",
  "other",
] as const;
export const RESPONSIBILITY_ROLES = ["lead", "supporting"] as const;
export const INDICATOR_UNITS = ["count", "percent", "currency", "yes_no", "text"] as const;
export const INDICATOR_DIRECTIONS = ["increase", "decrease", "maintain"] as const;
export const COLLECTION_FREQUENCIES = [
  "annual",
  "semi_annual",
  "quarterly",
  "monthly",
  "once",
] as const;
export const MILESTONE_STATUSES = [
  "not_started",
  "in_progress",
  "achieved",
  "delayed",
  "dropped",
] as const;
export const PERIOD_TYPES = ["annual", "semi_annual", "quarterly"] as const;
export const PERIOD_STATUSES = ["open", "closed"] as const;
export const REPORT_STATUSES = ["draft", "submitted", "approved"] as const;
export const ACTIVITY_STATUSES = [
  "planned",
  "in_progress",
  "completed",
  "delayed",
  "cancelled",
] as const;
export const OUTPUT_RATINGS = ["on_track", "at_risk", "off_track"] as const;
export const ROLES = ["cso", "reporter", "reviewer", "admin"] as const;
export const OBSERVATION_STATUSES = ["pending", "published", "rejected"] as const;
export const EVIDENCE_VISIBILITIES = ["public", "internal"] as const;
/** What an entry of a plan's change log is about. */
export const FRAMEWORK_ENTITY_TYPES = [
  "indicator",
  "target",
  "milestone",
  "pillar",
  "output",
  "plan",
  "dimension",
  "responsibility",
] as const;
/** The records of a plan that have a public code (a pillar's number, an output's code …). */
export const ADDRESS_KINDS = ["pillar", "output", "indicator"] as const;

export type Role = (typeof ROLES)[number];
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
