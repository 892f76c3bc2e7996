/**
 * How a change record reads for people ("Target for 2021: 48 → 47"): one place for the public
 * change log and anything else that shows framework changes.
 */
import {
  DIRECTION_LABELS,
  FREQUENCY_LABELS,
  formatDate,
  MILESTONE_STATUS_LABELS,
  UNIT_LABELS,
} from "@/lib/format";

const FIELD_LABELS: Record<string, string> = {
  created: "Added to the plan",
  deleted: "Removed from the plan",
  description: "Description",
  name: "Name",
  "category.created": "Category added",
  "category.deleted": "Category removed",
  "category.key": "Category key",
  "category.label": "Category label",
  "category.parent": "Category's parent",
  "category.order": "Order of the category",
  parent: "Place in the plan",
  order: "Order within its output",
  code: "Code",
  title: "Title",
  definition: "Definition",
  unit: "Unit",
  direction: "Direction",
  baseline: "Baseline",
  endTarget: "End target",
  dataSource: "Data source",
  collectionFrequency: "Collected",
  responsible: "Responsible institution",
  sensitive: "Sensitive (small counts withheld)",
  dimensions: "Broken down by",
  provenance: "Provenance",
  illustrative: "Illustrative figures",
  status: "Status",
  dueDate: "Due date",
  // The plan's structure (lib/framework/structure.ts) and imports (lib/framework/plan-merge.ts).
  removed: "Removed from the plan",
  number: "Number (and place in the order)",
  label: "Label",
  parentCategory: "Part of",
  lead: "Lead institution",
  supporting: "Supporting institutions",
  indicatorOrder: "Order of its indicators",
  milestoneOrder: "Order of its milestones",
  categoryOrder: "Order of its categories",
  dimensionOrder: "Order of the breakdowns",
  countryName: "Country",
  generation: "Generation",
  startYear: "First year",
  endYear: "Last year",
  currency: "Currency",
  fiscalYearStartMonth: "Fiscal year starts in month",
  pillarTerm: "Word for a pillar",
  pillarTermPlural: "Word for pillars",
  originalLanguage: "Original language",
  summary: "Summary",
  leadInstitution: "Lead institution",
  budgetStatement: "Budget statement",
  civilSocietyParticipation: "Civil society's participation",
  statusTolerance: "Status tolerance",
  statusAtRiskShare: "At-risk share",
};

export function changeFieldLabel(entityType: string, field: string): string {
  if (entityType === "target") return `Target for ${field}`;
  if (field === "order" && entityType === "milestone") return "Order within its output";
  if (field === "order" && entityType === "dimension") return "Order among the dimensions";
  if (field === "order" && entityType === "pillar") return "Place in the order (number kept)";
  if (field === "order" && entityType === "output") return "Place within its pillar (code kept)";
  return FIELD_LABELS[field] ?? field;
}

const number = (n: number) =>
  new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 }).format(n);

const ENUM_LABELS: Record<string, Record<string, string>> = {
  unit: UNIT_LABELS,
  direction: DIRECTION_LABELS,
  collectionFrequency: FREQUENCY_LABELS,
  status: MILESTONE_STATUS_LABELS,
};

/** A value of a change record in words; "none" for no value. */
export function changeValueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  // The status thresholds are stored as shares (0.15) and set as percentages on the form.
  if (typeof value === "number" && (field === "statusTolerance" || field === "statusAtRiskShare"))
    return `${number(Math.round(value * 10000) / 100)} %`;
  if (typeof value === "number") return number(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") {
    if (field === "dueDate") return formatDate(value);
    return ENUM_LABELS[field]?.[value] ?? value;
  }
  if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (field === "baseline" && typeof v.value === "number")
      return `${number(v.value)} (${String(v.year)})`;
    if (field === "created" || field === "deleted" || field === "removed") {
      // Indicators, milestones and dimensions have a summary; pillars, outputs and plans a title.
      if ("baseline" in v || typeof v.dueDate === "string" || typeof v.key === "string")
        return createdSummary(v);
      return typeof v.title === "string" ? v.title : JSON.stringify(value);
    }
    if (field.startsWith("category.") && typeof v.label === "string")
      return `${v.label} (${String(v.key)})${v.parent ? ` under ${String(v.parent)}` : ""}`;
  }
  return JSON.stringify(value);
}

/** "baseline 3 (2017); targets 2019: 4, 2022: 8; end target 8" for a new indicator. */
function createdSummary(v: Record<string, unknown>): string {
  // A milestone: "due 30 June 2021; In progress".
  if (typeof v.dueDate === "string")
    return `due ${formatDate(v.dueDate)}; ${changeValueText("status", v.status)}`;
  // A dimension: "Age group (age_group)".
  if (typeof v.name === "string" && typeof v.key === "string")
    return `${v.name} (${v.key})${Array.isArray(v.categories) && v.categories.length ? `: ${v.categories.join(", ")}` : ""}`;
  const parts: string[] = [];
  parts.push(`baseline ${changeValueText("baseline", v.baseline)}`);
  const targets = Object.entries((v.targets ?? {}) as Record<string, number | null>).filter(
    ([, value]) => value !== null,
  );
  parts.push(
    targets.length
      ? `targets ${targets.map(([year, value]) => `${year}: ${number(value as number)}`).join(", ")}`
      : "no yearly targets",
  );
  parts.push(`end target ${changeValueText("endTarget", v.endTarget)}`);
  return parts.join("; ");
}
