/**
 * The whole NAP Tracker domain (../shared/PRODUCT.md, "The domain").
 *
 * camelCase in TypeScript, snake_case in SQL. Nothing here is specific to one country:
 * a plan names its own vocabulary (pillar / objective / priority / axis), currency,
 * fiscal year and languages. Enumerations are stored as text with CHECK constraints so
 * that invalid data cannot be written even by code that bypasses the zod schemas; the
 * enumerations themselves live in lib/domain/enums.ts, where client code can import them.
 */
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import {
  ACTIVITY_STATUSES,
  ADDRESS_KINDS,
  COLLECTION_FREQUENCIES,
  EVIDENCE_VISIBILITIES,
  FRAMEWORK_ENTITY_TYPES,
  INDICATOR_DIRECTIONS,
  INDICATOR_UNITS,
  INSTITUTION_KINDS,
  MILESTONE_STATUSES,
  OBSERVATION_STATUSES,
  OUTPUT_RATINGS,
  PERIOD_STATUSES,
  PERIOD_TYPES,
  PLAN_STATUSES,
  REPORT_STATUSES,
  RESPONSIBILITY_ROLES,
  ROLES,
} from "../lib/domain/enums";

const timestamps = {
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
};

type Enum = readonly [string, ...string[]];
/** A CHECK constraint that keeps a text column inside its enumeration. */
function oneOf(name: string, column: { name: string }, values: Enum) {
  const list = values.map((v) => `'${v}'`).join(", ");
  return check(name, sql.raw(`"${column.name}" in (${list})`));
}

/** Key/value facts about this installation (for example whether demo data is loaded). */
export const appSettings = sqliteTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

export const institutions = sqliteTable(
  "institutions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** ISO 3166-1 alpha-3 code of the government the institution belongs to. */
    countryCode: text("country_code").notNull(),
    acronym: text("acronym").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: INSTITUTION_KINDS }).notNull(),
    website: text("website"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("institutions_country_acronym_uq").on(t.countryCode, t.acronym),
    oneOf("institutions_kind_ck", t.kind, INSTITUTION_KINDS),
  ],
);

export const plans = sqliteTable(
  "plans",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Readable, stable address: `rwanda-2018-2022`. */
    slug: text("slug").notNull(),
    countryCode: text("country_code").notNull(),
    countryName: text("country_name").notNull(),
    title: text("title").notNull(),
    /** 1 for a country's first NAP, 2 for its second … */
    generation: integer("generation").notNull(),
    startYear: integer("start_year").notNull(),
    endYear: integer("end_year").notNull(),
    status: text("status", { enum: PLAN_STATUSES }).notNull().default("draft"),
    summary: text("summary"),
    leadInstitutionId: integer("lead_institution_id").references(() => institutions.id),
    budgetStatement: text("budget_statement"),
    civilSocietyParticipation: text("civil_society_participation"),
    /** The plan's own word for its top level, singular and plural ("objective", "objectives"). */
    pillarTerm: text("pillar_term").notNull().default("pillar"),
    pillarTermPlural: text("pillar_term_plural").notNull().default("pillars"),
    /** ISO 4217 code used by yearly action plans. */
    currency: text("currency").notNull(),
    /** 1 = calendar year; 7 = fiscal year starting in July (Rwanda). */
    fiscalYearStartMonth: integer("fiscal_year_start_month").notNull().default(1),
    /** BCP 47 tag of the language the plan was written in. */
    originalLanguage: text("original_language").notNull().default("en"),
    /** Status method thresholds (PRODUCT.md, "Progress status"). */
    statusTolerance: real("status_tolerance").notNull().default(0.1),
    statusAtRiskShare: real("status_at_risk_share").notNull().default(0.5),
    sourceDocumentUrl: text("source_document_url"),
    /** When the plan became active; framework changes after this appear in the public change log. */
    activatedAt: text("activated_at"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("plans_slug_uq").on(t.slug),
    oneOf("plans_status_ck", t.status, PLAN_STATUSES),
    check("plans_years_ck", sql`${t.startYear} <= ${t.endYear}`),
    check("plans_generation_ck", sql`${t.generation} >= 1`),
    check("plans_fy_ck", sql`${t.fiscalYearStartMonth} between 1 and 12`),
  ],
);

export const pillars = sqliteTable(
  "pillars",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    /** The number people cite ("Pillar 3"); also the order, unless `position` is set. */
    number: integer("number").notNull(),
    /**
     * The display order once a published plan was reordered (its numbers are then kept: see
     * framework_addresses); null: the number is the order.
     */
    position: integer("position"),
    title: text("title").notNull(),
    description: text("description"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("pillars_plan_number_uq").on(t.planId, t.number),
    check("pillars_number_ck", sql`${t.number} >= 1`),
  ],
);

export const outputs = sqliteTable(
  "outputs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    pillarId: integer("pillar_id")
      .notNull()
      .references(() => pillars.id, { onDelete: "cascade" }),
    /** Number within its pillar: output 3.2 has number 2 under pillar 3. */
    number: integer("number").notNull(),
    /** As pillars.position: the order within the pillar once a published plan was reordered. */
    position: integer("position"),
    title: text("title").notNull(),
    description: text("description"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("outputs_pillar_number_uq").on(t.pillarId, t.number),
    check("outputs_number_ck", sql`${t.number} >= 1`),
  ],
);

/** The responsibility matrix: one lead and any number of supporting institutions per output. */
export const outputInstitutions = sqliteTable(
  "output_institutions",
  {
    outputId: integer("output_id")
      .notNull()
      .references(() => outputs.id, { onDelete: "cascade" }),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institutions.id),
    role: text("role", { enum: RESPONSIBILITY_ROLES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.outputId, t.institutionId] }),
    uniqueIndex("output_institutions_one_lead_uq").on(t.outputId).where(sql`role = 'lead'`),
    index("output_institutions_institution_idx").on(t.institutionId),
    oneOf("output_institutions_role_ck", t.role, RESPONSIBILITY_ROLES),
  ],
);

/** A dimension by which values are broken down (sex, province, personnel type …), per plan. */
export const dimensions = sqliteTable(
  "dimensions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    /** Stable key used in data files and the API: `sex`, `province`. */
    key: text("key").notNull(),
    name: text("name").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("dimensions_plan_key_uq").on(t.planId, t.key)],
);

export const dimensionCategories = sqliteTable(
  "dimension_categories",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    dimensionId: integer("dimension_id")
      .notNull()
      .references(() => dimensions.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    /** A district's province, for example. */
    parentId: integer("parent_id"),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("dimension_categories_dimension_key_uq").on(t.dimensionId, t.key)],
);

export const indicators = sqliteTable(
  "indicators",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    pillarId: integer("pillar_id")
      .notNull()
      .references(() => pillars.id, { onDelete: "cascade" }),
    /** Null for an outcome indicator, which belongs to its pillar directly. */
    outputId: integer("output_id").references(() => outputs.id, { onDelete: "cascade" }),
    /** Unique within the plan; used in URLs and file names (`1.1.a`). */
    code: text("code").notNull(),
    title: text("title").notNull(),
    definition: text("definition"),
    unit: text("unit", { enum: INDICATOR_UNITS }).notNull(),
    direction: text("direction", { enum: INDICATOR_DIRECTIONS }).notNull(),
    baselineValue: real("baseline_value"),
    baselineText: text("baseline_text"),
    baselineYear: integer("baseline_year"),
    endTarget: real("end_target"),
    endTargetText: text("end_target_text"),
    dataSource: text("data_source"),
    collectionFrequency: text("collection_frequency", { enum: COLLECTION_FREQUENCIES })
      .notNull()
      .default("annual"),
    responsibleInstitutionId: integer("responsible_institution_id").references(
      () => institutions.id,
    ),
    /** SGBV counts and the like: public pages suppress small cells. */
    sensitive: integer("sensitive", { mode: "boolean" }).notNull().default(false),
    /** Where the baseline or target figures come from, shown to the public. */
    provenance: text("provenance"),
    /** True when the figures are invented for the demo, not taken from a real source. */
    illustrative: integer("illustrative", { mode: "boolean" }).notNull().default(false),
    position: integer("position").notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("indicators_plan_code_uq").on(t.planId, t.code),
    index("indicators_output_idx").on(t.outputId, t.position),
    index("indicators_pillar_idx").on(t.pillarId, t.position),
    index("indicators_responsible_idx").on(t.responsibleInstitutionId),
    oneOf("indicators_unit_ck", t.unit, INDICATOR_UNITS),
    oneOf("indicators_direction_ck", t.direction, INDICATOR_DIRECTIONS),
    oneOf("indicators_frequency_ck", t.collectionFrequency, COLLECTION_FREQUENCIES),
  ],
);

/** A target for one plan year. */
export const indicatorTargets = sqliteTable(
  "indicator_targets",
  {
    indicatorId: integer("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    value: real("value"),
    valueText: text("value_text"),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.year] })],
);

/** Which dimensions an indicator is broken down by. */
export const indicatorDimensions = sqliteTable(
  "indicator_dimensions",
  {
    indicatorId: integer("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    dimensionId: integer("dimension_id")
      .notNull()
      .references(() => dimensions.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.dimensionId] })],
);

export const milestones = sqliteTable(
  "milestones",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    outputId: integer("output_id")
      .notNull()
      .references(() => outputs.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    /** ISO date (YYYY-MM-DD). */
    dueDate: text("due_date").notNull(),
    status: text("status", { enum: MILESTONE_STATUSES }).notNull().default("not_started"),
    responsibleInstitutionId: integer("responsible_institution_id").references(
      () => institutions.id,
    ),
    illustrative: integer("illustrative", { mode: "boolean" }).notNull().default(false),
    position: integer("position").notNull(),
    ...timestamps,
  },
  (t) => [
    index("milestones_output_idx").on(t.outputId, t.position),
    oneOf("milestones_status_ck", t.status, MILESTONE_STATUSES),
  ],
);

/** Translations of a plan's content (titles, definitions) into other languages. */
export const translations = sqliteTable(
  "translations",
  {
    entityType: text("entity_type").notNull(),
    entityId: integer("entity_id").notNull(),
    field: text("field").notNull(),
    locale: text("locale").notNull(),
    text: text("text").notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityType, t.entityId, t.field, t.locale] })],
);

export const reportingPeriods = sqliteTable(
  "reporting_periods",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    /** `2021`, `2021S1`, `2021Q3`, `2021July` (lib/periods). */
    code: text("code").notNull(),
    type: text("type", { enum: PERIOD_TYPES }).notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    deadline: text("deadline").notNull(),
    status: text("status", { enum: PERIOD_STATUSES }).notNull().default("open"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("reporting_periods_plan_code_uq").on(t.planId, t.code),
    index("reporting_periods_deadline_idx").on(t.status, t.deadline),
    oneOf("reporting_periods_type_ck", t.type, PERIOD_TYPES),
    oneOf("reporting_periods_status_ck", t.status, PERIOD_STATUSES),
    check("reporting_periods_dates_ck", sql`${t.startDate} <= ${t.endDate}`),
  ],
);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stored lower-case. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    /** Required for reporters, optional for others (a CSO member's organisation). */
    institutionId: integer("institution_id").references(() => institutions.id),
    passwordHash: text("password_hash"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** Bumped to end every open session of the user (deactivation, role change, new password). */
    sessionVersion: integer("session_version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_uq").on(t.email),
    index("users_institution_idx").on(t.institutionId),
    oneOf("users_role_ck", t.role, ROLES),
    check(
      "users_reporter_institution_ck",
      sql`${t.role} <> 'reporter' or ${t.institutionId} is not null`,
    ),
  ],
);

/** One institution's yearly action plan: the activities it commits to for one plan year. */
export const actionPlans = sqliteTable(
  "action_plans",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institutions.id),
    year: integer("year").notNull(),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("draft"),
    /** Optimistic-locking version: a save must name the version it started from. */
    version: integer("version").notNull().default(1),
    updatedById: integer("updated_by_id").references(() => users.id),
    submittedAt: text("submitted_at"),
    approvedAt: text("approved_at"),
    approvedById: integer("approved_by_id").references(() => users.id),
    returnedAt: text("returned_at"),
    returnReason: text("return_reason"),
    reopenedAt: text("reopened_at"),
    reopenReason: text("reopen_reason"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("action_plans_plan_institution_year_uq").on(t.planId, t.institutionId, t.year),
    oneOf("action_plans_status_ck", t.status, REPORT_STATUSES),
  ],
);

export const activities = sqliteTable(
  "activities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actionPlanId: integer("action_plan_id")
      .notNull()
      .references(() => actionPlans.id, { onDelete: "cascade" }),
    outputId: integer("output_id")
      .notNull()
      .references(() => outputs.id),
    description: text("description").notNull(),
    /** Planned quarters as a bit set: Q1 = 1, Q2 = 2, Q3 = 4, Q4 = 8 (of the plan's fiscal year). */
    quarters: integer("quarters").notNull().default(0),
    budgetNeeded: real("budget_needed"),
    budgetAllocated: real("budget_allocated"),
    amountSpent: real("amount_spent"),
    fundingSource: text("funding_source"),
    status: text("status", { enum: ACTIVITY_STATUSES }).notNull().default("planned"),
    position: integer("position").notNull(),
    ...timestamps,
  },
  (t) => [
    index("activities_action_plan_idx").on(t.actionPlanId, t.position),
    index("activities_output_idx").on(t.outputId),
    oneOf("activities_status_ck", t.status, ACTIVITY_STATUSES),
    check("activities_quarters_ck", sql`${t.quarters} between 0 and 15`),
    check(
      "activities_money_ck",
      sql`coalesce(${t.budgetNeeded}, 0) >= 0 and coalesce(${t.budgetAllocated}, 0) >= 0 and coalesce(${t.amountSpent}, 0) >= 0`,
    ),
  ],
);

/**
 * Every approved version of a yearly action plan, frozen at approval, as `report_versions` are
 * for reports. The public budget reads only the latest version of each action plan, so a plan
 * that is reopened, edited or re-submitted keeps its last approved figures public until the
 * next approval replaces them.
 */
export const actionPlanVersions = sqliteTable(
  "action_plan_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actionPlanId: integer("action_plan_id")
      .notNull()
      .references(() => actionPlans.id, { onDelete: "cascade" }),
    /** Copied from the action plan (which never changes them), so a version stands on its own. */
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institutions.id),
    year: integer("year").notNull(),
    /** 1 for the first approval, 2 for the next, … */
    versionNumber: integer("version_number").notNull(),
    approvedAt: text("approved_at").notNull(),
    approvedById: integer("approved_by_id").references(() => users.id),
  },
  (t) => [
    uniqueIndex("action_plan_versions_plan_version_uq").on(t.actionPlanId, t.versionNumber),
    /** The public budget: the versions of one plan's action plans, by year. */
    index("action_plan_versions_plan_year_idx").on(t.planId, t.year),
  ],
);

/** The activities of an approved action-plan version, as they were at approval. */
export const actionPlanVersionActivities = sqliteTable(
  "action_plan_version_activities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    versionId: integer("version_id")
      .notNull()
      .references(() => actionPlanVersions.id, { onDelete: "cascade" }),
    /** The live activity it was copied from; null once that activity is removed from a draft. */
    activityId: integer("activity_id").references(() => activities.id, { onDelete: "set null" }),
    outputId: integer("output_id")
      .notNull()
      .references(() => outputs.id),
    pillarId: integer("pillar_id")
      .notNull()
      .references(() => pillars.id),
    description: text("description").notNull(),
    quarters: integer("quarters").notNull(),
    budgetNeeded: real("budget_needed"),
    budgetAllocated: real("budget_allocated"),
    amountSpent: real("amount_spent"),
    fundingSource: text("funding_source"),
    status: text("status", { enum: ACTIVITY_STATUSES }).notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    index("action_plan_version_activities_version_idx").on(t.versionId, t.position),
    index("action_plan_version_activities_output_idx").on(t.outputId),
    oneOf("action_plan_version_activities_status_ck", t.status, ACTIVITY_STATUSES),
  ],
);

/** One institution's progress report for one reporting period. */
export const progressReports = sqliteTable(
  "progress_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institutions.id),
    periodId: integer("period_id")
      .notNull()
      .references(() => reportingPeriods.id),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("draft"),
    version: integer("version").notNull().default(1),
    achievements: text("achievements"),
    challenges: text("challenges"),
    nextSteps: text("next_steps"),
    updatedById: integer("updated_by_id").references(() => users.id),
    /** Set when a reviewer returns the report (cleared when it is submitted again). */
    returnedAt: text("returned_at"),
    returnReason: text("return_reason"),
    /** Set when an admin reopens an approved report (cleared when it is submitted again). */
    reopenedAt: text("reopened_at"),
    reopenReason: text("reopen_reason"),
    submittedAt: text("submitted_at"),
    approvedAt: text("approved_at"),
    approvedById: integer("approved_by_id").references(() => users.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("progress_reports_institution_period_uq").on(t.institutionId, t.periodId),
    index("progress_reports_status_idx").on(t.status, t.periodId),
    oneOf("progress_reports_status_ck", t.status, REPORT_STATUSES),
  ],
);

/** Every approved version of a report, frozen as JSON, so none is ever lost. */
export const reportVersions = sqliteTable(
  "report_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => progressReports.id),
    versionNumber: integer("version_number").notNull(),
    approvedAt: text("approved_at").notNull(),
    approvedById: integer("approved_by_id").references(() => users.id),
    snapshot: text("snapshot", { mode: "json" }).notNull(),
  },
  (t) => [uniqueIndex("report_versions_report_version_uq").on(t.reportId, t.versionNumber)],
);

/**
 * A reported value in a (draft or submitted) report. `breakdown` is the canonical key of the
 * disaggregation cell: "" for the total, else `dim=category` pairs sorted by dimension key and
 * joined with `;` (for example `sex=female` or `province=east;sex=female`).
 */
export const reportValues = sqliteTable(
  "report_values",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => progressReports.id, { onDelete: "cascade" }),
    indicatorId: integer("indicator_id")
      .notNull()
      .references(() => indicators.id),
    breakdown: text("breakdown").notNull().default(""),
    value: real("value"),
    valueText: text("value_text"),
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.indicatorId, t.breakdown] })],
);

/**
 * Approved observations: what the public sees. Written when a report is approved (source
 * `report`) or when official statistics are imported (source `import`, with provenance).
 * A reopened report keeps its rows here until a new version is approved.
 */
export const observations = sqliteTable(
  "observations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    indicatorId: integer("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    /** The period the value describes, as a period code (`2020`, `2021Q3`). */
    periodCode: text("period_code").notNull(),
    /** The calendar or plan year the value counts towards, for charts and status. */
    year: integer("year").notNull(),
    breakdown: text("breakdown").notNull().default(""),
    value: real("value"),
    valueText: text("value_text"),
    reportId: integer("report_id").references(() => progressReports.id),
    institutionId: integer("institution_id").references(() => institutions.id),
    provenance: text("provenance"),
    illustrative: integer("illustrative", { mode: "boolean" }).notNull().default(false),
    approvedAt: text("approved_at").notNull(),
  },
  (t) => [
    uniqueIndex("observations_indicator_period_breakdown_uq").on(
      t.indicatorId,
      t.periodCode,
      t.breakdown,
    ),
    index("observations_indicator_year_idx").on(t.indicatorId, t.year),
    /** The latest headline (total) value per indicator, for plan pages and the dashboard. */
    index("observations_headline_idx")
      .on(t.indicatorId, t.year, t.periodCode)
      .where(sql`breakdown = '' and value is not null`),
  ],
);

export const milestoneUpdates = sqliteTable(
  "milestone_updates",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => progressReports.id, { onDelete: "cascade" }),
    milestoneId: integer("milestone_id")
      .notNull()
      .references(() => milestones.id),
    status: text("status", { enum: MILESTONE_STATUSES }).notNull(),
    note: text("note"),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.milestoneId] }),
    oneOf("milestone_updates_status_ck", t.status, MILESTONE_STATUSES),
  ],
);

export const activityUpdates = sqliteTable(
  "activity_updates",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => progressReports.id, { onDelete: "cascade" }),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id),
    status: text("status", { enum: ACTIVITY_STATUSES }).notNull(),
    amountSpent: real("amount_spent"),
    note: text("note"),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.activityId] }),
    oneOf("activity_updates_status_ck", t.status, ACTIVITY_STATUSES),
  ],
);

/** The institution's own rating of an output, shown beside (never instead of) computed status. */
export const outputRatings = sqliteTable(
  "output_ratings",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => progressReports.id, { onDelete: "cascade" }),
    outputId: integer("output_id")
      .notNull()
      .references(() => outputs.id),
    rating: text("rating", { enum: OUTPUT_RATINGS }).notNull(),
    note: text("note"),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.outputId] }),
    oneOf("output_ratings_rating_ck", t.rating, OUTPUT_RATINGS),
  ],
);

export const evidence = sqliteTable(
  "evidence",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => progressReports.id, { onDelete: "cascade" }),
    /** SHA-256 of the stored file (files live outside the web root under this name), or null for a link. */
    fileHash: text("file_hash"),
    fileName: text("file_name"),
    mimeType: text("mime_type"),
    sizeBytes: integer("size_bytes"),
    url: text("url"),
    title: text("title").notNull(),
    /** Null for the report as a whole; else the item it supports, e.g. `indicator:12`. */
    itemRef: text("item_ref"),
    visibility: text("visibility", { enum: EVIDENCE_VISIBILITIES }).notNull().default("internal"),
    uploadedById: integer("uploaded_by_id").references(() => users.id),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index("evidence_report_idx").on(t.reportId),
    oneOf("evidence_visibility_ck", t.visibility, EVIDENCE_VISIBILITIES),
    check("evidence_file_or_link_ck", sql`(${t.fileHash} is null) <> (${t.url} is null)`),
  ],
);

/** Reviewers' comments on a report or on one item of it, and the institution's answers. */
export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => progressReports.id, { onDelete: "cascade" }),
    /** Null for the report as a whole; else e.g. `indicator:12`, `milestone:3`. */
    itemRef: text("item_ref"),
    parentId: integer("parent_id"),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("comments_report_idx").on(t.reportId)],
);

/** A civil-society assessment of an output, moderated before publication. */
export const shadowObservations = sqliteTable(
  "shadow_observations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    outputId: integer("output_id")
      .notNull()
      .references(() => outputs.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    organisationName: text("organisation_name").notNull(),
    rating: text("rating", { enum: OUTPUT_RATINGS }).notNull(),
    body: text("body").notNull(),
    evidenceUrl: text("evidence_url"),
    status: text("status", { enum: OBSERVATION_STATUSES }).notNull().default("pending"),
    moderatedById: integer("moderated_by_id").references(() => users.id),
    moderatedAt: text("moderated_at"),
    moderationNote: text("moderation_note"),
    ...timestamps,
  },
  (t) => [
    index("shadow_observations_output_status_idx").on(t.outputId, t.status),
    oneOf("shadow_observations_rating_ck", t.rating, OUTPUT_RATINGS),
    oneOf("shadow_observations_status_ck", t.status, OBSERVATION_STATUSES),
  ],
);

export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body"),
    link: text("link"),
    /** Makes each reminder happen once, also across restarts. */
    dedupeKey: text("dedupe_key"),
    readAt: text("read_at"),
    emailedAt: text("emailed_at"),
    /** Failed e-mail attempts and the last error, for retries with back-off. */
    emailAttempts: integer("email_attempts").notNull().default(0),
    emailError: text("email_error"),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.readAt),
    uniqueIndex("notifications_dedupe_uq").on(t.userId, t.dedupeKey),
  ],
);

/**
 * Who did what to which record, when, with the values before and after. Append-only:
 * triggers in the migrations refuse UPDATE and DELETE.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: timestamps.createdAt,
    actorId: integer("actor_id").references(() => users.id),
    /** The e-mail or "system", kept even if the user is later renamed. */
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    reason: text("reason"),
    ip: text("ip"),
  },
  (t) => [
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_actor_idx").on(t.actorId, t.at),
    index("audit_events_at_idx").on(t.at),
  ],
);

/**
 * The plan's change log: one row per changed field of the framework (an indicator's title, a
 * baseline, one year's target …), written in the same transaction as the change itself. Unlike
 * audit_events (which holds IP addresses and is for admins), this is meant to be published:
 * `public` rows (the plan was active or closed at the time) appear on "Changes to this plan".
 * Labels are copied at the time, so the log still reads right after a later rename. Append-only.
 */
export const frameworkChanges = sqliteTable(
  "framework_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    at: timestamps.createdAt,
    actorId: integer("actor_id").references(() => users.id),
    entityType: text("entity_type", { enum: FRAMEWORK_ENTITY_TYPES }).notNull(),
    /** The changed record's id (for a target: its indicator's id). No foreign key: history outlives records. */
    entityId: integer("entity_id").notNull(),
    /** What people call the record at the time: "1.1.a Women in local councils". */
    entityLabel: text("entity_label").notNull(),
    /** The field changed (`title`, `baseline`, …; for a target, its year), or `created`. */
    field: text("field").notNull(),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    reason: text("reason"),
    public: integer("public", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    index("framework_changes_plan_public_at_idx").on(t.planId, t.public, t.at),
    index("framework_changes_entity_idx").on(t.entityType, t.entityId),
    oneOf("framework_changes_entity_type_ck", t.entityType, FRAMEWORK_ENTITY_TYPES),
  ],
);

/**
 * Public codes a record of a published plan no longer holds: a pillar's number ("2"), an
 * output's code ("1.1"), an indicator's code ("1.1.a"). `entityId` is the record that held it
 * (no foreign key: a removed record's code stays, with `removedAt` and the reason). A code is
 * listed at most once per plan and kind, and is never handed to another record.
 */
export const frameworkAddresses = sqliteTable(
  "framework_addresses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    entityType: text("entity_type", { enum: ADDRESS_KINDS }).notNull(),
    code: text("code").notNull(),
    entityId: integer("entity_id").notNull(),
    /** What the record was called when it left this code. */
    label: text("label").notNull(),
    at: timestamps.createdAt,
    removedAt: text("removed_at"),
    reason: text("reason"),
  },
  (t) => [
    uniqueIndex("framework_addresses_code_uq").on(t.planId, t.entityType, t.code),
    index("framework_addresses_entity_idx").on(t.entityType, t.entityId),
    oneOf("framework_addresses_entity_type_ck", t.entityType, ADDRESS_KINDS),
  ],
);

export type Plan = typeof plans.$inferSelect;
export type NewPlan = typeof plans.$inferInsert;
export type Pillar = typeof pillars.$inferSelect;
export type Output = typeof outputs.$inferSelect;
export type Institution = typeof institutions.$inferSelect;
export type Indicator = typeof indicators.$inferSelect;
export type Milestone = typeof milestones.$inferSelect;
export type User = typeof users.$inferSelect;

/**
 * Failed sign-ins per account and per client address, for rate limiting. A key is
 * `account:<email>` or `ip:<address>`; after too many failures it is locked until `lockedUntil`.
 */
export const signInThrottle = sqliteTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: text("last_failure_at").notNull(),
  lockedUntil: text("locked_until"),
});

/** One-time links to set a password (new account or reset). Only the token's hash is stored. */
export const passwordTokens = sqliteTable(
  "password_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex("password_tokens_hash_uq").on(t.tokenHash),
    index("password_tokens_user_idx").on(t.userId),
  ],
);
