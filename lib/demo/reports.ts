/**
 * Demo reporting for Rwanda's NAP 2018–2022: yearly reporting periods (fiscal years from July),
 * yearly action plans with budgets, and progress reports in every state of their life, made
 * through the same store functions as real ones (lib/reports/store.ts). Every figure here is
 * illustrative, and is marked so on the public pages.
 *
 * Dates are relative to the day of seeding, so the demo always has a period that is due soon and
 * one that is overdue:
 *   2018July–2020July  closed; reports approved (two institutions never reported for 2020/21)
 *   2021July           open, deadline 10 days ago: submitted, returned, draft, approved,
 *                      reopened by the secretariat (NPPA), missing; MINADEF's submitted report
 *                      has a total typed a decimal place off (1.5 % for 15 %), which the
 *                      review screen flags before anything is published
 *   2022July           open, deadline in 3 weeks: MIGEPROF has a draft; others have not started
 */
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { freezeActionPlan } from "@/lib/action-plans/versions";
import type { AuditActor } from "@/lib/audit/log";
import { recordAudit } from "@/lib/audit/log";
import { parsePeriodCode } from "@/lib/periods/codes";
import { expectedInstitutionIds } from "@/lib/reports/expected";
import { breakdownKey, valueKey } from "@/lib/reports/fields";
import {
  insertReport,
  loadReportRow,
  loadReportShape,
  publishReport,
  writeValues,
} from "@/lib/reports/store";

/** Two activities per output, for its lead institution's yearly action plan. */
const ACTIVITIES: Record<string, [string, string]> = {
  "1.1": [
    "Mentoring programme for women candidates to district councils",
    "Leadership training for women members of sector councils",
  ],
  "1.2": [
    "Review of promotion boards' criteria in the forces for gender bias",
    "Mentoring network for women officers",
  ],
  "1.3": [
    "Savings-group start-up kits for women's cooperatives",
    "Training of women entrepreneurs in business planning",
  ],
  "2.1": [
    "Radio campaign on GBV prevention in Kinyarwanda",
    "Community dialogues on GBV with men's groups",
  ],
  "2.2": [
    "Quarterly GBV committee meetings in all districts",
    "Training of local leaders on GBV case referral",
  ],
  "2.3": [
    "Training of community policing committees in gender-sensitive early warning",
    "Early-warning hotline upgrade",
  ],
  "3.1": [
    "Training of prosecutors on SGBV case management",
    "Legal aid clinics for survivors in rural sectors",
  ],
  "3.2": ["Two new Isange One Stop Centres", "Refresher training for IOSC staff"],
  "4.1": ["Women's protection desks in refugee camps", "Psychosocial support for women returnees"],
  "4.2": [
    "Women's committees in humanitarian response planning",
    "Gender checklist for disaster-risk assessments",
  ],
  "4.3": [
    "Livelihood grants for women affected by conflict",
    "Referral pathways to socio-economic services",
  ],
  "5.1": ["NAP focal points' annual retreat", "Gender budgeting training for NAP institutions"],
  "5.2": [
    "Pre-deployment training for women peacekeepers",
    "Rwanda's candidates for regional mediation rosters",
  ],
  "5.3": ["SGBV prevention module in basic military training", "Unit-level SGBV focal points"],
  "5.4": ["Baseline study on women, peace and security", "Annual gender statistics bulletin"],
};

const SOURCES = [
  "Government budget",
  "UN Women",
  "Government budget and UNDP",
  "Embassy of Sweden",
];

const addDays = (iso: string, days: number) => {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

type Ids = { institutions: Map<string, number>; users: Map<string, number> };

export function seedReporting(db: Db, planId: number, ids: Ids, now: string) {
  const today = now.slice(0, 10);
  const userActor = (email: string): AuditActor => ({
    id: ids.users.get(email) ?? null,
    label: email,
  });
  const reviewer = userActor("reviewer@example.org");
  const admin = userActor("admin@example.org");
  const acronymOf = new Map([...ids.institutions].map(([acronym, id]) => [id, acronym]));
  const expected = expectedInstitutionIds(db, planId);

  // Reporting periods: the plan's fiscal years, July to June.
  const periodIds = new Map<string, number>();
  const periods: [string, string, "open" | "closed"][] = [
    ["2018July", "2019-09-30", "closed"],
    ["2019July", "2020-09-30", "closed"],
    ["2020July", "2021-09-30", "closed"],
    ["2021July", addDays(today, -10), "open"],
    ["2022July", addDays(today, 21), "open"],
  ];
  for (const [code, deadline, status] of periods) {
    const period = parsePeriodCode(code);
    const row = db
      .insert(s.reportingPeriods)
      .values({
        planId,
        code,
        type: "annual",
        startDate: period.start,
        endDate: period.end,
        deadline,
        status,
      })
      .returning({ id: s.reportingPeriods.id })
      .get();
    periodIds.set(code, row.id);
  }

  // Yearly action plans for 2021 and 2022: the lead institution's activities per output.
  const outputs = db
    .select({ id: s.outputs.id, number: s.outputs.number, pillar: s.pillars.number })
    .from(s.outputs)
    .innerJoin(s.pillars, eq(s.pillars.id, s.outputs.pillarId))
    .where(eq(s.pillars.planId, planId))
    .all();
  const leads = db
    .select()
    .from(s.outputInstitutions)
    .where(eq(s.outputInstitutions.role, "lead"))
    .all();
  let n = 0;
  for (const year of [2021, 2022]) {
    for (const institutionId of expected) {
      const mine = outputs.filter((o) =>
        leads.some((l) => l.outputId === o.id && l.institutionId === institutionId),
      );
      if (mine.length === 0) continue;
      const acronym = acronymOf.get(institutionId) ?? "";
      const draft = year === 2022 && ["MIGEPROF", "RNP"].includes(acronym);
      const plan = db
        .insert(s.actionPlans)
        .values({
          planId,
          institutionId,
          year,
          status: draft ? "draft" : "approved",
          submittedAt: draft ? null : `${year}-06-15T09:00:00.000Z`,
          approvedAt: draft ? null : `${year}-06-30T09:00:00.000Z`,
          approvedById: draft ? null : reviewer.id,
        })
        .returning({ id: s.actionPlans.id })
        .get();
      let position = 0;
      for (const output of mine) {
        for (const description of ACTIVITIES[`${output.pillar}.${output.number}`] ?? []) {
          n += 1;
          const needed = 8_000_000 + ((n * 7_919_000) % 40_000_000);
          const allocated = Math.round((needed * (0.45 + ((n * 37) % 50) / 100)) / 1000) * 1000;
          const spent =
            year === 2021
              ? Math.round((allocated * (0.6 + ((n * 13) % 40) / 100)) / 1000) * 1000
              : null;
          db.insert(s.activities)
            .values({
              actionPlanId: plan.id,
              outputId: output.id,
              description,
              quarters: [3, 6, 12, 15, 5][n % 5] ?? 15,
              budgetNeeded: needed,
              budgetAllocated: allocated,
              amountSpent: spent,
              fundingSource: SOURCES[n % SOURCES.length] ?? null,
              status: year === 2021 ? (n % 4 === 0 ? "delayed" : "completed") : "in_progress",
              position: position++,
            })
            .run();
        }
      }
      // An approved plan's frozen version: what the public budget shows (lib/action-plans/versions.ts).
      if (!draft)
        freezeActionPlan(db, plan.id, { at: `${year}-06-30T09:00:00.000Z`, byId: reviewer.id });
    }
  }

  // Progress reports.
  const indicatorRows = db.select().from(s.indicators).where(eq(s.indicators.planId, planId)).all();
  const targets = db.select().from(s.indicatorTargets).all();
  const hasImportedData = new Set(
    db
      .select({ id: s.observations.indicatorId })
      .from(s.observations)
      .all()
      .map((o) => o.id),
  );

  /** Illustrative figures on the way from baseline to target, at a pace set per institution. */
  const figures = (reportId: number, year: number, pace: number) => {
    const report = loadReportRow(db, reportId);
    if (!report) throw new Error("Seed: report not found");
    const shape = loadReportShape(db, report);
    const values: Record<string, string> = {};
    for (const indicator of shape.indicators) {
      if (hasImportedData.has(indicator.id)) continue;
      const row = indicatorRows.find((i) => i.id === indicator.id);
      const target = targets.find((t) => t.indicatorId === indicator.id && t.year === year)?.value;
      const baseline = row?.baselineValue;
      // An indicator to maintain without targets (3.1.b) gets figures near its baseline.
      const maintain = target == null && row?.direction === "maintain";
      if (baseline == null || (target == null && !maintain)) continue;
      const raw =
        target == null
          ? baseline * (1 + 0.02 * ((year % 3) - 1))
          : baseline + (target - baseline) * pace;
      const percent = indicator.unit === "percent";
      const total = percent
        ? Math.min(100, Math.round(raw * 10) / 10)
        : Math.max(0, Math.round(raw));
      values[valueKey(indicator.id, "")] = String(total);
      const dims = indicator.dimensions.slice(0, 2);
      for (const dim of dims) {
        const weights = dim.categories.map((_, i) => 1 + ((i * 7 + dim.key.length) % 4));
        const sum = weights.reduce((a, b) => a + b, 0);
        const parts = dim.categories.map((_, i) => Math.floor((total * (weights[i] ?? 1)) / sum));
        // A sensitive count has a small cell by district, as real case counts do: the public
        // pages withhold it and another beside it, so that it cannot be derived (disclosure.ts).
        if (row?.sensitive && parts.length >= 10) parts[7] = 1 + (year % 4);
        const last = parts.length - 1;
        parts[last] = total - parts.slice(0, last).reduce((a, b) => a + b, 0);
        dim.categories.forEach((category, i) => {
          const key = valueKey(indicator.id, breakdownKey({ [dim.key]: category.key }));
          values[key] = percent
            ? String(Math.min(100, Math.max(0, Math.round((total + (i % 3) - 1) * 10) / 10)))
            : String(parts[i]);
        });
      }
      values[`note:${indicator.id}`] = "Illustrative demo figure.";
    }
    for (const output of shape.outputs)
      values[`rating:${output.id}:rating`] =
        pace >= 0.95 ? "on_track" : pace >= 0.7 ? "at_risk" : "off_track";
    for (const activity of shape.activities)
      values[`activity:${activity.id}:status`] = "in_progress";
    values["narrative:achievements"] =
      `${report.institution} carried out the activities of its yearly action plan for ${parsePeriodCode(report.periodCode).label}. (Illustrative demo text.)`;
    values["narrative:challenges"] =
      "Late release of funds delayed some district-level activities.";
    values["narrative:nextSteps"] = "Extend the activities to the remaining districts next year.";
    const errors = writeValues(db, reportId, shape, values);
    if (Object.keys(errors).length > 0) throw new Error(`Seed: ${JSON.stringify(errors)}`);
  };

  const reporterOf = (institutionId: number) =>
    userActor(`reporter.${(acronymOf.get(institutionId) ?? "").toLowerCase()}@example.org`);
  const setStatus = (reportId: number, set: Partial<typeof s.progressReports.$inferInsert>) =>
    db.update(s.progressReports).set(set).where(eq(s.progressReports.id, reportId)).run();
  const pace = (institutionId: number) => [1.05, 0.95, 0.8, 0.6][institutionId % 4] ?? 1;

  const make = (
    code: string,
    institutionId: number,
    state: "draft" | "submitted" | "approved" | "returned" | "reopened" | "partial",
    at: string,
  ) => {
    const periodId = periodIds.get(code);
    if (periodId === undefined) throw new Error(`Seed: no period ${code}`);
    const reporter = reporterOf(institutionId);
    const report = insertReport(db, institutionId, periodId, reporter);
    const year = parsePeriodCode(code).year;
    if (state === "partial") {
      const shape = loadReportShape(db, report);
      const first = shape.indicators.find((i) => !hasImportedData.has(i.id));
      const changes: Record<string, string> = {
        "narrative:achievements": "Work under way; figures to follow. (Illustrative demo text.)",
      };
      if (first) changes[valueKey(first.id, "")] = first.unit === "percent" ? "40" : "120";
      writeValues(db, report.id, shape, changes);
      setStatus(report.id, { version: 2, updatedAt: at, updatedById: reporter.id });
      return report.id;
    }
    figures(report.id, year, pace(institutionId));
    setStatus(report.id, { version: 2, updatedAt: at, updatedById: reporter.id });
    if (state === "draft") return report.id;
    setStatus(report.id, { status: "submitted", submittedAt: at, version: 3 });
    recordAudit(db, {
      actor: reporter,
      action: "report.submit",
      entityType: "progress_report",
      entityId: report.id,
      before: { status: "draft", version: 2 },
      after: { status: "submitted", version: 3 },
    });
    if (state === "submitted") return report.id;
    if (state === "returned") {
      const reason =
        "Please add the breakdown by province for the total, and explain the drop since last year.";
      setStatus(report.id, { status: "draft", version: 4, returnedAt: at, returnReason: reason });
      db.insert(s.comments)
        .values({ reportId: report.id, authorId: reviewer.id ?? 0, body: `Returned: ${reason}` })
        .run();
      recordAudit(db, {
        actor: reviewer,
        action: "report.return",
        entityType: "progress_report",
        entityId: report.id,
        before: { status: "submitted", version: 3 },
        after: { status: "draft", version: 4 },
        reason,
      });
      return report.id;
    }
    const approvedAt = addDays(at, 14);
    publishReport(db, { ...report, status: "submitted", version: 3 }, reviewer, {
      at: `${approvedAt}T10:00:00.000Z`,
      illustrative: true,
    });
    if (state === "reopened") {
      const reason =
        "The courts' registry revised the figures for convictions; please correct them.";
      setStatus(report.id, { status: "draft", version: 5, reopenedAt: now, reopenReason: reason });
      recordAudit(db, {
        actor: admin,
        action: "report.reopen",
        entityType: "progress_report",
        entityId: report.id,
        before: { status: "approved", version: 4 },
        after: { status: "draft", version: 5 },
        reason,
      });
    }
    return report.id;
  };

  const id = (acronym: string) => {
    const found = ids.institutions.get(acronym);
    if (found === undefined) throw new Error(`Seed: no institution ${acronym}`);
    return found;
  };
  for (const institutionId of expected) {
    const acronym = acronymOf.get(institutionId);
    make("2018July", institutionId, "approved", "2019-09-20");
    make("2019July", institutionId, "approved", "2020-09-18");
    if (acronym !== "NWC" && acronym !== "MINAFFET")
      make("2020July", institutionId, "approved", "2021-09-24");
  }
  make("2021July", id("MIGEPROF"), "submitted", addDays(today, -12));
  const minadef = make("2021July", id("MINADEF"), "submitted", addDays(today, -3));
  {
    // A slip a reviewer should catch: 1.2.a's total typed as 1.5 (last approved 13.8).
    const report = loadReportRow(db, minadef);
    const indicator =
      report && loadReportShape(db, report).indicators.find((i) => i.code === "1.2.a");
    if (!report || !indicator) throw new Error("Seed: MINADEF's 1.2.a is missing");
    writeValues(db, minadef, loadReportShape(db, report), {
      [valueKey(indicator.id, "")]: "1.5",
    });
  }
  make("2021July", id("RNP"), "returned", addDays(today, -15));
  make("2021July", id("MINALOC"), "draft", addDays(today, -2));
  make("2021July", id("MOH"), "approved", addDays(today, -30));
  make("2021July", id("NPPA"), "reopened", addDays(today, -40));
  make("2022July", id("MIGEPROF"), "partial", addDays(today, -1));

  // The approved reports' dates become the observations' approval dates above; nothing else.
  return { periods: periodIds.size };
}
