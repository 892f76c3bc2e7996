/**
 * The preview of an import into an existing plan, in words for the page: changes grouped by
 * level, then by record ("1.1.a Women in local councils": its title, its 2026 target …), each
 * as "what: before → after". Pure; the action sends the result to the browser.
 */
import { changeFieldLabel, changeValueText } from "@/lib/framework/edit-labels";
import type { ChangeLevel, PlanChange } from "@/lib/framework/plan-diff";
import type { PlanFileProblem } from "@/lib/framework/plan-file";
import type { PlanUpdatePreview } from "@/lib/framework/plan-merge";
import type { UploadProblem } from "@/lib/framework/plan-upload";

type Kind = PlanChange["kind"];
type Counts = Record<Kind, number>;

export type PreviewView = {
  slug: string;
  title: string;
  published: boolean;
  fingerprint: string;
  /** What stops the update, each where it is in the uploaded file. */
  refusals: UploadProblem[];
  reasonRequired: boolean;
  total: Counts;
  groups: {
    level: ChangeLevel;
    heading: string;
    counts: Counts;
    records: {
      key: string;
      label: string;
      kind: Kind;
      changes: { what: string; kind: Kind; before: string | null; after: string | null }[];
    }[];
  }[];
};

const headings = (pillars: string): Record<ChangeLevel, string> => ({
  plan: "The plan",
  institutions: "Institutions",
  dimensions: "Breakdowns (dimensions and their categories)",
  pillars: pillars.charAt(0).toUpperCase() + pillars.slice(1),
  outputs: "Outputs",
  indicators: "Indicators and targets",
  milestones: "Milestones",
  responsibilities: "Responsibilities (lead and supporting institutions)",
});

const count = (changes: { kind: Kind }[]): Counts => ({
  added: changes.filter((c) => c.kind === "added").length,
  changed: changes.filter((c) => c.kind === "changed").length,
  removed: changes.filter((c) => c.kind === "removed").length,
});

function line(change: PlanChange) {
  const entity = change.entityType ?? "plan";
  // A pillar or output added or removed: its label already says all there is.
  if (
    (change.field === "created" || change.field === "removed") &&
    typeof (change.after ?? change.before) === "string" &&
    (change.after ?? change.before) === change.label
  )
    return {
      what: change.field === "created" ? "Added to the plan" : "Removed from the plan",
      kind: change.kind,
      before: null,
      after: null,
    };
  if (change.field === "created")
    return {
      what: "Added",
      kind: change.kind,
      before: null,
      after: changeValueText("created", change.after),
    };
  if (change.field === "removed")
    return {
      what: "Removed",
      kind: change.kind,
      before: changeValueText("removed", change.before),
      after: null,
    };
  return {
    what: changeFieldLabel(entity, change.field),
    kind: change.kind,
    before: changeValueText(change.field, change.before),
    after: changeValueText(change.field, change.after),
  };
}

export function previewView(
  preview: PlanUpdatePreview,
  locate: (problems: PlanFileProblem[]) => UploadProblem[] = (problems) =>
    problems.map((p) => ({ where: p.path, message: p.message })),
): PreviewView {
  const heading = headings(preview.pillarTermPlural);
  const groups: PreviewView["groups"] = [];
  for (const { level } of preview.counts) {
    const changes = preview.changes.filter((c) => c.level === level);
    const records: PreviewView["groups"][number]["records"] = [];
    for (const change of changes) {
      let record = records.find((r) => r.key === change.key);
      if (!record) {
        record = { key: change.key, label: change.label, kind: change.kind, changes: [] };
        records.push(record);
      }
      record.changes.push(line(change));
      // A record is "added" or "removed" only when that is all that happens to it.
      if (record.kind !== change.kind) record.kind = "changed";
    }
    groups.push({ level, heading: heading[level], counts: count(changes), records });
  }
  return {
    slug: preview.slug,
    title: preview.title,
    published: preview.published,
    fingerprint: preview.fingerprint,
    refusals: locate(preview.refusals),
    reasonRequired: preview.reasonRequired,
    total: count(preview.changes),
    groups,
  };
}
