/**
 * The progress-report data-access layer against a real (seeded) SQLite database: who may do
 * what (and that a refusal changes nothing and is logged), the editing rules, no lost updates,
 * validation that writes all or nothing, the whole life of a report up to what the public sees,
 * audit events and notifications.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer";
import type { AppError } from "@/lib/errors";
import { getIndicatorData } from "@/lib/plans/indicator-data";
import { withTestDatabase } from "@/test/db";
import { CALLER_NAMES, CALLERS, type CallerName, viewerFor } from "@/test/viewers";
import {
  addComment,
  approveReport,
  getReport,
  getReportVersion,
  listAllReports,
  listInstitutionReports,
  reopenReport,
  reportHistory,
  returnReport,
  saveReport,
  startReport,
  submitReport,
} from "./data";

withTestDatabase();

const PLAN = "rwanda-2018-2022";
const db = () => getDb();
const sql = <T>(query: string, ...params: unknown[]) =>
  db()
    .$client.prepare(query)
    .all(...params) as T[];

const periodId = (code: string) => {
  const row = db()
    .select({ id: s.reportingPeriods.id })
    .from(s.reportingPeriods)
    .where(eq(s.reportingPeriods.code, code))
    .get();
  if (!row) throw new Error(`no period ${code}`);
  return row.id;
};
const institutionId = (acronym: string) => {
  const row = db()
    .select({ id: s.institutions.id })
    .from(s.institutions)
    .where(eq(s.institutions.acronym, acronym))
    .get();
  if (!row) throw new Error(`no institution ${acronym}`);
  return row.id;
};
const reportOf = (acronym: string, code: string) => {
  const row = db()
    .select()
    .from(s.progressReports)
    .where(
      and(
        eq(s.progressReports.institutionId, institutionId(acronym)),
        eq(s.progressReports.periodId, periodId(code)),
      ),
    )
    .get();
  if (!row) throw new Error(`no report ${acronym} ${code}`);
  return row;
};
const reportRow = (id: number) =>
  db().select().from(s.progressReports).where(eq(s.progressReports.id, id)).get();

/** Everything a report action could change, as one comparable string. */
const TABLES = [
  "progress_reports",
  "report_values",
  "observations",
  "milestone_updates",
  "activity_updates",
  "output_ratings",
  "comments",
  "report_versions",
  "notifications",
  "milestones",
];
const snapshot = () =>
  JSON.stringify(TABLES.map((table) => sql(`select * from ${table} order by rowid`)));

const deniedRows = () =>
  sql<{ actor_id: number; after: string }>(
    "select actor_id, after from audit_events where action = 'authz.denied' order by id",
  );

type Refusal = AppError & { details?: Record<string, unknown> };
/** The error a call throws (fails the test when it does not throw). */
function refusal(run: () => unknown): Refusal {
  try {
    run();
  } catch (error) {
    return error as Refusal;
  }
  throw new Error("Expected a refusal, but the call succeeded.");
}

const REPORTER_A2 = "reporter2.migeprof@example.org";
const migeprofDraft = () => reportOf("MIGEPROF", "2022July");

/**
 * The tests below name fields by the demo seed's ids (deterministic: the seed always inserts in
 * the same order). This checks those assumptions first, so a changed seed fails here, clearly.
 */
describe("the demo seed these tests rely on", () => {
  it("has the indicators, outputs and activities the tests name by id", () => {
    const indicators = Object.fromEntries(
      sql<{ id: number; code: string; unit: string; acronym: string }>(
        "select i.id, i.code, i.unit, n.acronym from indicators i join institutions n on n.id = i.responsible_institution_id join plans p on p.id = i.plan_id where p.slug = ?",
        PLAN,
      ).map((row) => [row.id, `${row.code} ${row.unit} ${row.acronym}`]),
    );
    expect(indicators).toMatchObject({
      3: "1.3.a count MIGEPROF",
      4: "2.1.a count MIGEPROF",
      6: "2.3.a count RNP",
      10: "4.1.a percent MINEMA",
      11: "4.2.a count MINEMA",
      12: "4.3.a percent MIGEPROF",
    });
    const shape = getReport(CALLERS.reporterA(), migeprofDraft().id).shape;
    expect(shape.indicators.find((i) => i.id === 3)?.dimensions.map((d) => d.key)).toEqual([
      "province",
    ]);
    expect(shape.outputs.filter((o) => [1, 3].includes(o.id))).toEqual([
      expect.objectContaining({ id: 1, code: "1.1", role: "supporting" }),
      expect.objectContaining({ id: 3, code: "1.3" }),
    ]);
    expect(shape.activities[0]?.id).toBe(31);
  });
});

// ─── Deny matrix ────────────────────────────────────────────────────────────────────────────

type Operation = {
  run: (viewer: Viewer) => unknown;
  /** Callers who may. */
  allowed: CallerName[];
  /** Callers told the record does not exist (others who are signed in get FORBIDDEN). */
  hidden?: CallerName[];
};

// Targets in the seed: MIGEPROF's 2022/23 draft; RNP's returned 2021/22 draft (complete);
// MIGEPROF's submitted 2021/22 report; MOH's approved 2021/22 report; MIGEPROF's 2019/20 report.
const OPERATIONS: Record<string, Operation> = {
  "getReport (MIGEPROF's draft)": {
    run: (v) => getReport(v, migeprofDraft().id),
    allowed: ["reporterA", "reviewer", "admin"],
    hidden: ["cso", "reporterB"],
  },
  saveReport: {
    run: (v) =>
      saveReport(v, migeprofDraft().id, {
        baseVersion: migeprofDraft().version,
        changes: { "narrative:challenges": "Changed by the matrix." },
      }),
    allowed: ["reporterA"],
    hidden: ["reporterB"],
  },
  startReport: {
    run: (v) => startReport(v, periodId("2022July")),
    allowed: ["reporterA", "reporterB"],
  },
  submitReport: {
    run: (v) =>
      submitReport(v, reportOf("RNP", "2021July").id, {
        version: reportOf("RNP", "2021July").version,
      }),
    allowed: ["reporterB"],
    hidden: ["reporterA"],
  },
  approveReport: {
    run: (v) =>
      approveReport(v, reportOf("MIGEPROF", "2021July").id, {
        version: reportOf("MIGEPROF", "2021July").version,
      }),
    allowed: ["reviewer", "admin"],
  },
  returnReport: {
    run: (v) =>
      returnReport(v, reportOf("MIGEPROF", "2021July").id, {
        version: reportOf("MIGEPROF", "2021July").version,
        reason: "Please add the provincial breakdown.",
      }),
    allowed: ["reviewer", "admin"],
  },
  reopenReport: {
    run: (v) =>
      reopenReport(v, reportOf("MOH", "2021July").id, {
        version: reportOf("MOH", "2021July").version,
        reason: "The figures were revised by the registry.",
      }),
    allowed: ["admin"],
  },
  addComment: {
    run: (v) => addComment(v, migeprofDraft().id, { body: "A comment from the matrix." }),
    allowed: ["reporterA", "reviewer", "admin"],
    hidden: ["reporterB"],
  },
  reportHistory: {
    run: (v) => reportHistory(v, migeprofDraft().id),
    allowed: ["reporterA", "reviewer", "admin"],
    hidden: ["cso", "reporterB"],
  },
  getReportVersion: {
    run: (v) => getReportVersion(v, reportOf("MIGEPROF", "2019July").id, 1),
    allowed: ["reporterA", "reviewer", "admin"],
    hidden: ["cso", "reporterB"],
  },
  listInstitutionReports: {
    run: (v) => listInstitutionReports(v),
    allowed: ["reporterA", "reporterB"],
  },
  listAllReports: {
    run: (v) => listAllReports(v),
    allowed: ["reviewer", "admin"],
  },
};

describe("progress reports deny matrix", () => {
  for (const [name, operation] of Object.entries(OPERATIONS)) {
    for (const caller of CALLER_NAMES.filter((c) => !operation.allowed.includes(c))) {
      const code =
        caller === "anonymous"
          ? "UNAUTHENTICATED"
          : operation.hidden?.includes(caller)
            ? "NOT_FOUND"
            : "FORBIDDEN";
      it(`refuses ${name} to ${caller} (${code}), changes nothing and logs the refusal`, () => {
        const viewer = CALLERS[caller]();
        const before = snapshot();
        const deniedBefore = deniedRows().length;
        expect(refusal(() => operation.run(viewer))).toMatchObject({ code });
        expect(snapshot()).toBe(before);
        const denied = deniedRows();
        if (viewer === null) {
          // The public is asked to sign in; there is no user to log against.
          expect(denied).toHaveLength(deniedBefore);
        } else {
          expect(denied.length, "an authz.denied audit row").toBe(deniedBefore + 1);
          expect(denied.at(-1)?.actor_id).toBe(viewer.id);
        }
      });
    }
    for (const caller of operation.allowed) {
      it(`allows ${name} to ${caller}`, () => {
        const deniedBefore = deniedRows().length;
        expect(() => operation.run(CALLERS[caller]())).not.toThrow();
        expect(deniedRows()).toHaveLength(deniedBefore);
      });
    }
  }

  it("lists only the reporter's own institution's reports", () => {
    const rows = listInstitutionReports(CALLERS.reporterA());
    expect(new Set(rows.map((r) => r.institutionId))).toEqual(new Set([institutionId("MIGEPROF")]));
    expect(rows.find((r) => r.periodCode === "2021July")).toMatchObject({
      state: "submitted",
      overdue: false,
    });
    const rnp = listInstitutionReports(CALLERS.reporterB());
    expect(rnp.find((r) => r.periodCode === "2021July")).toMatchObject({
      state: "returned",
      overdue: true,
      reason: expect.stringContaining("breakdown by province"),
    });
    expect(rnp.find((r) => r.periodCode === "2022July")).toMatchObject({
      state: "not_started",
      reportId: null,
    });
  });

  it("lists every expected report to reviewers, with its state", () => {
    const rows = listAllReports(CALLERS.reviewer()).filter((r) => r.periodCode === "2021July");
    const state = Object.fromEntries(rows.map((r) => [r.institution, r.state]));
    expect(state).toMatchObject({
      MIGEPROF: "submitted",
      MINADEF: "submitted",
      RNP: "returned",
      MINALOC: "draft",
      MOH: "approved",
      MINEMA: "not_started",
    });
    expect(
      listAllReports(CALLERS.reviewer()).find(
        (r) => r.institution === "NPPA" && r.periodCode === "2021July",
      )?.state,
    ).toBe("reopened");
  });

  it("lists a returned report the same way to the reviewer and to its institution: back with it, overdue", () => {
    const forReviewer = listAllReports(CALLERS.reviewer()).find(
      (r) => r.institution === "RNP" && r.periodCode === "2021July",
    );
    const forInstitution = listInstitutionReports(CALLERS.reporterB()).find(
      (r) => r.periodCode === "2021July",
    );
    const listed = { state: "returned", overdue: true, bucket: "back" };
    expect(forReviewer).toMatchObject(listed);
    expect(forInstitution).toMatchObject(listed);
    const reopened = listAllReports(CALLERS.reviewer()).find(
      (r) => r.institution === "NPPA" && r.periodCode === "2021July",
    );
    expect(reopened).toMatchObject({ state: "reopened", bucket: "back" });
  });
});

// ─── Editing rules ──────────────────────────────────────────────────────────────────────────

describe("editing rules", () => {
  const save = (viewer: Viewer, report: { id: number; version: number }, text = "Edited.") =>
    saveReport(viewer, report.id, {
      baseVersion: report.version,
      changes: { "narrative:challenges": text },
    });

  it("lets a reporter save their institution's open draft, and bumps the version", () => {
    const report = migeprofDraft();
    const result = save(CALLERS.reporterA(), report, "Funds arrived late.");
    expect(result).toMatchObject({
      version: report.version + 1,
      values: { "narrative:challenges": "Funds arrived late." },
    });
    expect(reportRow(report.id)).toMatchObject({
      challenges: "Funds arrived late.",
      version: report.version + 1,
      updatedById: CALLERS.reporterA().id,
    });
  });

  it("refuses to change a submitted report", () => {
    const report = reportOf("MIGEPROF", "2021July");
    const before = snapshot();
    expect(refusal(() => save(CALLERS.reporterA(), report))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("submitted and is waiting for review"),
    });
    expect(snapshot()).toBe(before);
  });

  it("refuses to change an approved report: it is locked", () => {
    const report = reportOf("MOH", "2021July");
    const before = snapshot();
    expect(refusal(() => save(viewerFor("reporter.moh@example.org"), report))).toMatchObject({
      code: "CONFLICT",
      message: "This report is approved and locked. An administrator can reopen it.",
    });
    expect(
      refusal(() =>
        submitReport(viewerFor("reporter.moh@example.org"), report.id, { version: report.version }),
      ),
    ).toMatchObject({ code: "CONFLICT" });
    expect(snapshot()).toBe(before);
  });

  it("refuses to change a draft once its period is closed", () => {
    const report = migeprofDraft();
    db()
      .update(s.reportingPeriods)
      .set({ status: "closed" })
      .where(eq(s.reportingPeriods.id, report.periodId))
      .run();
    const before = snapshot();
    expect(refusal(() => save(CALLERS.reporterA(), report))).toMatchObject({
      code: "CONFLICT",
      message: "The reporting period is closed; the report can no longer be changed.",
    });
    expect(
      refusal(() => submitReport(CALLERS.reporterA(), report.id, { version: report.version })),
    ).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("period is closed") });
    expect(snapshot()).toBe(before);
    expect(getReport(CALLERS.reporterA(), report.id).may).toMatchObject({
      edit: false,
      editBlocker: "The reporting period is closed; the report can no longer be changed.",
    });
  });

  it("refuses to reopen a report whose period is closed, and says to reopen the period first", () => {
    const report = reportOf("MIGEPROF", "2020July");
    expect(report.status).toBe("approved");
    expect(
      refusal(() =>
        reopenReport(CALLERS.admin(), report.id, {
          version: report.version,
          reason: "A figure was revised.",
        }),
      ),
    ).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Reopen the period first"),
    });
    expect(reportRow(report.id)).toMatchObject({ status: "approved", version: report.version });
  });

  it("refuses to start a report in a closed period, and starts none twice", () => {
    const minema = viewerFor("reporter.minema@example.org");
    db()
      .update(s.reportingPeriods)
      .set({ status: "closed" })
      .where(eq(s.reportingPeriods.id, periodId("2022July")))
      .run();
    const before = snapshot();
    expect(refusal(() => startReport(minema, periodId("2022July")))).toMatchObject({
      code: "CONFLICT",
      message: "This reporting period is closed; no new report can be started.",
    });
    expect(snapshot()).toBe(before);
    db()
      .update(s.reportingPeriods)
      .set({ status: "open" })
      .where(eq(s.reportingPeriods.id, periodId("2022July")))
      .run();
    const first = startReport(minema, periodId("2022July"));
    expect(startReport(minema, periodId("2022July"))).toBe(first);
    expect(startReport(minema, String(periodId("2022July")))).toBe(first);
    expect(
      sql(
        "select id from progress_reports where institution_id = ? and period_id = ?",
        institutionId("MINEMA"),
        periodId("2022July"),
      ),
    ).toHaveLength(1);
  });

  it("refuses to start a report for an unknown period or a malformed id", () => {
    expect(refusal(() => startReport(CALLERS.reporterA(), 99_999))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(() => startReport(CALLERS.reporterA(), "1; drop table users")).toThrow();
  });
});

// ─── Lost updates ───────────────────────────────────────────────────────────────────────────

describe("no lost updates", () => {
  it("refuses a stale save with who changed which field, writes nothing of it, then accepts the retry", () => {
    const a = CALLERS.reporterA();
    const b = viewerFor(REPORTER_A2);
    const report = migeprofDraft();
    const loadedByA = getReport(a, report.id).report.version;
    const loadedByB = getReport(b, report.id).report.version;
    expect(loadedByB).toBe(loadedByA);

    const saved = saveReport(a, report.id, {
      baseVersion: loadedByA,
      changes: { "narrative:challenges": "A: funds were late." },
    });
    expect(saved.version).toBe(loadedByA + 1);

    const before = snapshot();
    const conflict = refusal(() =>
      saveReport(b, report.id, {
        baseVersion: loadedByB,
        changes: {
          "narrative:challenges": "B: staff turnover.",
          "narrative:nextSteps": "B: recruit.",
        },
      }),
    );
    expect(conflict.code).toBe("CONFLICT");
    expect(conflict.message).toContain("MIGEPROF focal point");
    expect(conflict.message).toContain("Challenges");
    expect(conflict.message).toContain("Your changes were not saved");
    expect(conflict.details?.conflict).toEqual({
      currentVersion: loadedByA + 1,
      changes: [
        {
          at: expect.any(String),
          by: "MIGEPROF focal point",
          fields: [{ key: "narrative:challenges", label: "Challenges" }],
        },
      ],
      theirs: { "narrative:challenges": "A: funds were late." },
    });
    // B's values were not written; A's stay.
    expect(snapshot()).toBe(before);
    expect(reportRow(report.id)).toMatchObject({
      challenges: "A: funds were late.",
      version: loadedByA + 1,
    });
    expect(reportRow(report.id)?.nextSteps ?? null).not.toBe("B: recruit.");

    // B merges and saves against the new version.
    const retried = saveReport(b, report.id, {
      baseVersion: conflict.details?.conflict
        ? (conflict.details.conflict as { currentVersion: number }).currentVersion
        : -1,
      changes: {
        "narrative:challenges": "A: funds were late. B: staff turnover.",
        "narrative:nextSteps": "B: recruit.",
      },
    });
    expect(retried.version).toBe(loadedByA + 2);
    expect(reportRow(report.id)).toMatchObject({
      challenges: "A: funds were late. B: staff turnover.",
      nextSteps: "B: recruit.",
      updatedById: b.id,
    });
  });

  it("names every editor and field since the stale version", () => {
    const a = CALLERS.reporterA();
    const b = viewerFor(REPORTER_A2);
    const report = migeprofDraft();
    const v = report.version;
    saveReport(a, report.id, { baseVersion: v, changes: { "value:3:": "130" } });
    saveReport(b, report.id, { baseVersion: v + 1, changes: { "narrative:nextSteps": "More." } });
    const conflict = refusal(() =>
      saveReport(a, report.id, { baseVersion: v, changes: { "narrative:challenges": "x" } }),
    );
    expect(conflict.message).toContain("MIGEPROF focal point, MIGEPROF second focal point");
    expect(conflict.message).toContain("1.3.a");
    expect(conflict.message).toContain("Next steps");
    expect(
      (conflict.details?.conflict as { changes: { by: string }[] } | undefined)?.changes.map(
        (c) => c.by,
      ),
    ).toEqual(["MIGEPROF focal point", "MIGEPROF second focal point"]);
  });

  it("names the reviewer who approved and the admin who reopened since the stale version", () => {
    const rnp = CALLERS.reporterB();
    const report = reportOf("RNP", "2021July");
    const loaded = report.version;
    let { version } = submitReport(rnp, report.id, { version: loaded });
    approveReport(CALLERS.reviewer(), report.id, { version });
    ({ version } = reportRow(report.id) ?? { version: -1 });
    reopenReport(CALLERS.admin(), report.id, { version, reason: "A figure was revised." });
    const conflict = refusal(() =>
      saveReport(rnp, report.id, {
        baseVersion: loaded,
        changes: { "narrative:challenges": "Typed before the approval." },
      }),
    );
    expect(conflict.code).toBe("CONFLICT");
    const changes =
      (
        conflict.details?.conflict as
          | { changes: { by: string; fields: { label: string }[] }[] }
          | undefined
      )?.changes ?? [];
    expect(changes.map((c) => [c.by, c.fields.map((f) => f.label)])).toEqual([
      ["RNP focal point", ["Status changed to submitted"]],
      ["Steering Committee Member", ["Status changed to approved"]],
      ["NAP Secretariat", ["Status changed to draft"]],
    ]);
    expect(conflict.message).toContain("Steering Committee Member");
  });

  it("refuses a transition with a stale version", () => {
    const rnp = reportOf("RNP", "2021July");
    const reporterB = CALLERS.reporterB();
    saveReport(reporterB, rnp.id, {
      baseVersion: rnp.version,
      changes: { "narrative:challenges": "Changed after loading." },
    });
    const before = snapshot();
    expect(refusal(() => submitReport(reporterB, rnp.id, { version: rnp.version }))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("RNP focal point"),
    });
    expect(snapshot()).toBe(before);

    const submitted = reportOf("MIGEPROF", "2021July");
    const reviewer = CALLERS.reviewer();
    returnReport(CALLERS.admin(), submitted.id, {
      version: submitted.version,
      reason: "Returned by the secretariat first.",
    });
    const afterReturn = snapshot();
    expect(
      refusal(() => approveReport(reviewer, submitted.id, { version: submitted.version })),
    ).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("NAP Secretariat"),
    });
    expect(snapshot()).toBe(afterReturn);
    expect(reportRow(submitted.id)?.status).toBe("draft");
  });
});

// ─── Validation ─────────────────────────────────────────────────────────────────────────────

describe("validation", () => {
  const a = () => CALLERS.reporterA();

  it("writes nothing when one field is invalid, not even the valid ones, and says which", () => {
    const report = migeprofDraft();
    const before = snapshot();
    const error = refusal(() =>
      saveReport(a(), report.id, {
        baseVersion: report.version,
        changes: {
          "narrative:challenges": "A valid text.",
          "value:3:": "2.5",
          "value:12:": "100.5",
          "value:3:province=eastern": "12",
        },
      }),
    );
    expect(error).toMatchObject({ code: "VALIDATION" });
    expect(error.details).toEqual({
      fieldErrors: {
        "value:3:": "A count must be a whole number.",
        "value:12:": "A percentage must be between 0 and 100.",
      },
    });
    expect(snapshot()).toBe(before);
  });

  it("rolls back fields already written when a later one is refused by the store", () => {
    const report = migeprofDraft();
    const before = snapshot();
    const error = refusal(() =>
      saveReport(a(), report.id, {
        baseVersion: report.version,
        changes: { "narrative:challenges": "Written first.", "activity:31:status": "" },
      }),
    );
    expect(error).toMatchObject({
      code: "VALIDATION",
      details: { fieldErrors: { "activity:31:status": "Choose a status." } },
    });
    expect(snapshot()).toBe(before);
  });

  it("saves a rating and its note together, in either order (one debounced autosave)", () => {
    const report = migeprofDraft();
    const { version } = saveReport(a(), report.id, {
      baseVersion: report.version,
      changes: { "rating:1:rating": "at_risk", "rating:1:note": "Funds came late." },
    });
    saveReport(a(), report.id, {
      baseVersion: version,
      changes: { "rating:3:note": "Ahead of plan.", "rating:3:rating": "on_track" },
    });
    expect(getReport(a(), report.id).values).toMatchObject({
      "rating:1:rating": "at_risk",
      "rating:1:note": "Funds came late.",
      "rating:3:rating": "on_track",
      "rating:3:note": "Ahead of plan.",
    });
  });

  it("refuses a rating's note without a rating, also when the rating is cleared in the same save", () => {
    const report = migeprofDraft();
    const before = snapshot();
    for (const changes of [
      { "rating:1:note": "Why." },
      { "rating:1:rating": "", "rating:1:note": "Why." },
      { "rating:1:note": "Why.", "rating:1:rating": "" },
    ])
      expect(
        refusal(() => saveReport(a(), report.id, { baseVersion: report.version, changes })),
      ).toMatchObject({
        code: "VALIDATION",
        details: { fieldErrors: { "rating:1:note": "Choose a rating first." } },
      });
    expect(snapshot()).toBe(before);
  });

  it("refuses a key that is not part of the report, including another institution's indicator", () => {
    const report = migeprofDraft();
    const rnpIndicator = sql<{ id: number }>("select id from indicators where code = '2.3.a'")[0]
      ?.id;
    const before = snapshot();
    for (const key of [
      "value:99999:",
      `value:${rnpIndicator}:`,
      "narrative:summary",
      "status",
      "value:3:sex=female",
      "milestone:99999:status",
    ]) {
      const error = refusal(() =>
        saveReport(a(), report.id, {
          baseVersion: report.version,
          changes: { [key]: "1", "narrative:challenges": "Valid." },
        }),
      );
      expect(error, key).toMatchObject({
        code: "VALIDATION",
        details: { fieldErrors: { [key]: "This field is not part of this report." } },
      });
    }
    expect(snapshot()).toBe(before);
  });

  it("refuses a malformed save request", () => {
    const report = migeprofDraft();
    for (const input of [
      {},
      { baseVersion: report.version, changes: {} },
      { baseVersion: "2", changes: { "narrative:challenges": "x" } },
      { baseVersion: report.version, changes: { "narrative:challenges": 5 } },
      null,
    ])
      expect(refusal(() => saveReport(a(), report.id, input))).toMatchObject({
        code: "VALIDATION",
      });
  });

  it("stores canonical values: separators removed, yes/no and text as typed", () => {
    const report = migeprofDraft();
    saveReport(a(), report.id, {
      baseVersion: report.version,
      changes: { "value:3:": "1,234", "activity:31:spent": "1 500 000.50" },
    });
    const values = getReport(a(), report.id).values;
    expect(values["value:3:"]).toBe("1234");
    expect(values["activity:31:spent"]).toBe("1500000.5");
  });

  it("refuses to submit an incomplete report, listing what is missing, and keeps it a draft", () => {
    const report = migeprofDraft();
    const before = snapshot();
    const error = refusal(() => submitReport(a(), report.id, { version: report.version }));
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toMatch(/^The report is not complete: \d+ items need your attention\.$/);
    const problems = error.details?.problems as { key: string; label: string }[];
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: "value:4:",
          label: expect.stringMatching(/^2\.1\.a .+: Total$/),
        }),
        expect.objectContaining({
          key: expect.stringMatching(/^rating:\d+:rating$/),
          label: expect.stringMatching(/^Output \d\.\d: your rating$/),
          message: "Rate the output you lead.",
        }),
      ]),
    );
    // Filled: MIGEPROF's figure for 1.3.a; not asked: a rating of output 1.1, which it supports.
    expect(problems.map((p) => p.key)).not.toContain("value:3:");
    expect(problems.map((p) => p.key)).not.toContain("rating:1:rating");
    expect(snapshot()).toBe(before);
    expect(reportRow(report.id)).toMatchObject({ status: "draft", version: report.version });
  });
});

// ─── The whole life ─────────────────────────────────────────────────────────────────────────

/** What the public API gives for an indicator in one period: breakdown → value. */
const publicValues = (code: string, period: string) =>
  Object.fromEntries(
    (getIndicatorData(null, PLAN, code)?.observations ?? [])
      .filter((o) => o.period === period)
      .map((o) => [JSON.stringify(o.disaggregation), o.value]),
  );
const auditOf = (reportId: number, action: string) =>
  sql<{ actor_id: number; before: string | null; after: string | null; reason: string | null }>(
    "select actor_id, before, after, reason from audit_events where entity_type = 'progress_report' and entity_id = ? and action = ? order by id",
    String(reportId),
    action,
  ).map((row) => ({
    ...row,
    before: row.before ? JSON.parse(row.before) : null,
    after: row.after ? JSON.parse(row.after) : null,
  }));
const notificationsOf = (reportId: number, kind: string) =>
  sql<{ user_id: number; title: string; link: string }>(
    "select user_id, title, link from notifications where kind = ? and link like ? order by user_id",
    kind,
    `%/${reportId}`,
  );

describe("the whole life of a report", () => {
  it("start, save, submit, return, resubmit, approve, reopen, re-approve: the public sees only approved values", () => {
    const minema = viewerFor("reporter.minema@example.org");
    const reviewer = CALLERS.reviewer();
    const admin = CALLERS.admin();
    const period = periodId("2022July");
    // MINEMA has not started its 2022/23 report.
    expect(listInstitutionReports(minema).find((r) => r.periodCode === "2022July")?.state).toBe(
      "not_started",
    );
    expect(publicValues("4.2.a", "2022July")).toEqual({});

    const id = startReport(minema, period);
    expect(reportRow(id)).toMatchObject({ status: "draft", version: 1 });
    expect(auditOf(id, "report.create")).toEqual([
      expect.objectContaining({
        actor_id: minema.id,
        after: { institution: "MINEMA", period: "2022July", status: "draft" },
      }),
    ]);

    // Fill in what submitting asks for.
    const view = getReport(minema, id);
    const changes: Record<string, string> = {};
    for (const problem of view.problems) {
      if (problem.key === "value:10:") changes[problem.key] = "35.5";
      else if (problem.key === "value:11:") changes[problem.key] = "7";
      else if (problem.key.startsWith("rating:")) changes[problem.key] = "on_track";
      else if (problem.key === "narrative:achievements")
        changes[problem.key] = "Gender analyses published for seven programmes.";
    }
    expect(Object.keys(changes).sort()).toEqual(view.problems.map((p) => p.key).sort());
    let { version } = saveReport(minema, id, { baseVersion: 1, changes });
    expect(version).toBe(2);
    expect(auditOf(id, "report.save")).toEqual([
      expect.objectContaining({
        actor_id: minema.id,
        before: { version: 1, fields: expect.objectContaining({ "value:11:": "" }) },
        after: { version: 2, fields: expect.objectContaining({ "value:11:": "7" }) },
      }),
    ]);
    expect(getReport(minema, id).problems).toEqual([]);

    // Submit: reviewers and admins hear about it; the public still sees nothing.
    ({ version } = submitReport(minema, id, { version }));
    expect(reportRow(id)).toMatchObject({ status: "submitted", version: 3 });
    expect(auditOf(id, "report.submit").at(-1)).toMatchObject({
      before: { status: "draft", version: 2 },
      after: { status: "submitted", version: 3 },
    });
    const reviewersAndAdmins = sql<{ id: number }>(
      "select id from users where role in ('reviewer', 'admin') and active = 1 order by id",
    ).map((u) => u.id);
    expect(notificationsOf(id, "report.submitted").map((n) => n.user_id)).toEqual(
      reviewersAndAdmins,
    );
    expect(publicValues("4.2.a", "2022July")).toEqual({});

    // Return: a reason is required; MINEMA's reporter hears why.
    for (const reason of [undefined, "", "   ", "no"])
      expect(refusal(() => returnReport(reviewer, id, { version, reason }))).toMatchObject({
        code: "VALIDATION",
      });
    expect(reportRow(id)).toMatchObject({ status: "submitted", version: 3 });
    ({ version } = returnReport(reviewer, id, {
      version,
      reason: "Please explain the jump since last year.",
    }));
    expect(reportRow(id)).toMatchObject({
      status: "draft",
      version: 4,
      returnReason: "Please explain the jump since last year.",
    });
    expect(auditOf(id, "report.return").at(-1)).toMatchObject({
      actor_id: reviewer.id,
      reason: "Please explain the jump since last year.",
      before: { status: "submitted" },
      after: { status: "draft" },
    });
    expect(notificationsOf(id, "report.returned")).toEqual([
      expect.objectContaining({
        user_id: minema.id,
        title: expect.stringContaining("returned"),
      }),
    ]);
    expect(getReport(minema, id).comments.at(-1)?.body).toBe(
      "Returned: Please explain the jump since last year.",
    );
    expect(publicValues("4.2.a", "2022July")).toEqual({});
    expect(listInstitutionReports(minema).find((r) => r.reportId === id)?.state).toBe("returned");

    // Fix and resubmit, then approve: now the public sees the value.
    ({ version } = saveReport(minema, id, {
      baseVersion: version,
      changes: { "value:11:": "8", "note:11": "One more programme published in June." },
    }));
    ({ version } = submitReport(minema, id, { version }));
    expect(publicValues("4.2.a", "2022July")).toEqual({});
    // Its figures raise warnings (lib/reports/plausibility.ts): approving names each of them.
    const warnings = getReport(reviewer, id).publication?.warnings ?? [];
    expect(warnings.map((w) => w.message)).toEqual([
      "8 is a 60 % rise from the last approved value (5, July 2020 – June 2021): more than ±50 %.",
    ]);
    const approved = approveReport(reviewer, id, {
      version,
      acknowledged: warnings.map((w) => w.id),
      reason: "Checked with MINEMA.",
    });
    expect(approved).toEqual({ versionNumber: 1, published: 2 });
    expect(reportRow(id)).toMatchObject({ status: "approved", approvedById: reviewer.id });
    ({ version } = reportRow(id) ?? { version: -1 });
    expect(publicValues("4.2.a", "2022July")).toEqual({ "{}": 8 });
    expect(publicValues("4.1.a", "2022July")).toEqual({ "{}": 35.5 });
    expect(
      sql(
        "select indicator_id, breakdown, value, period_code, year, report_id, institution_id from observations where report_id = ? order by indicator_id",
        id,
      ),
    ).toEqual([
      {
        indicator_id: 10,
        breakdown: "",
        value: 35.5,
        period_code: "2022July",
        year: 2022,
        report_id: id,
        institution_id: institutionId("MINEMA"),
      },
      {
        indicator_id: 11,
        breakdown: "",
        value: 8,
        period_code: "2022July",
        year: 2022,
        report_id: id,
        institution_id: institutionId("MINEMA"),
      },
    ]);
    expect(auditOf(id, "report.approve").at(-1)).toMatchObject({
      actor_id: reviewer.id,
      before: { status: "submitted" },
      after: { status: "approved", version: 7, versionNumber: 1, published: 2 },
    });
    expect(notificationsOf(id, "report.approved").map((n) => n.user_id)).toEqual([minema.id]);
    expect(
      refusal(() =>
        saveReport(minema, id, { baseVersion: version, changes: { "value:11:": "9" } }),
      ),
    ).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("locked") });

    // Reopen (admin, with a reason): the public keeps the approved value while it is reworked.
    expect(refusal(() => reopenReport(admin, id, { version }))).toMatchObject({
      code: "VALIDATION",
    });
    ({ version } = reopenReport(admin, id, {
      version,
      reason: "The ministry revised its programme count.",
    }));
    expect(reportRow(id)).toMatchObject({
      status: "draft",
      reopenReason: "The ministry revised its programme count.",
    });
    expect(auditOf(id, "report.reopen").at(-1)).toMatchObject({
      actor_id: admin.id,
      reason: "The ministry revised its programme count.",
      before: { status: "approved" },
      after: { status: "draft" },
    });
    ({ version } = saveReport(minema, id, { baseVersion: version, changes: { "value:11:": "9" } }));
    expect(publicValues("4.2.a", "2022July")).toEqual({ "{}": 8 });
    ({ version } = submitReport(minema, id, { version }));
    expect(publicValues("4.2.a", "2022July")).toEqual({ "{}": 8 });
    expect(approveReport(admin, id, { version })).toEqual({ versionNumber: 2, published: 2 });
    expect(publicValues("4.2.a", "2022July")).toEqual({ "{}": 9 });
    expect(sql("select count(*) n from observations where report_id = ?", id)).toEqual([{ n: 2 }]);

    // Both approved versions stay retrievable, frozen as approved.
    const first = getReportVersion(reviewer, id, 1);
    const second = getReportVersion(minema, id, 2);
    expect(first.snapshot).toMatchObject({ values: { "value:11:": "8", "value:10:": "35.5" } });
    expect(second.snapshot).toMatchObject({ values: { "value:11:": "9" } });
    expect(second.approvedById).toBe(admin.id);
    expect(getReport(minema, id).versions.map((v) => v.versionNumber)).toEqual([1, 2]);
    expect(refusal(() => getReportVersion(reviewer, id, 3))).toMatchObject({ code: "NOT_FOUND" });

    // The history shows every step, newest first, with field labels.
    const history = reportHistory(minema, id);
    expect(history.map((h) => h.action)).toEqual([
      "report.approve",
      "report.submit",
      "report.save",
      "report.reopen",
      "report.approve",
      "report.submit",
      "report.save",
      "report.return",
      "report.submit",
      "report.save",
      "report.create",
    ]);
    expect(history[2]?.fields).toEqual([
      { label: expect.stringMatching(/^4\.2\.a .+: Total$/), before: "8", after: "9" },
    ]);
  });

  it("withdraws the published values a re-approved version no longer gives", () => {
    const rnp = CALLERS.reporterB();
    const reviewer = CALLERS.reviewer();
    const report = reportOf("RNP", "2021July");
    let { version } = submitReport(rnp, report.id, { version: report.version });
    approveReport(reviewer, report.id, { version });
    const published = sql<{ breakdown: string; value: number }>(
      "select breakdown, value from observations where report_id = ? order by breakdown",
      report.id,
    );
    const part = published.find((o) => o.breakdown !== "");
    if (!part) throw new Error("RNP's report should publish a breakdown");
    ({ version } = reportRow(report.id) ?? { version: -1 });
    ({ version } = reopenReport(CALLERS.admin(), report.id, {
      version,
      reason: "One province's figure was wrong.",
    }));
    const indicatorId = sql<{ indicator_id: number }>(
      "select indicator_id from observations where report_id = ? and breakdown = ?",
      report.id,
      part.breakdown,
    )[0]?.indicator_id;
    ({ version } = saveReport(rnp, report.id, {
      baseVersion: version,
      changes: { [`value:${indicatorId}:${part.breakdown}`]: "" },
    }));
    // Still public until the new version is approved.
    expect(
      sql(
        "select 1 from observations where report_id = ? and breakdown = ?",
        report.id,
        part.breakdown,
      ),
    ).toHaveLength(1);
    ({ version } = submitReport(rnp, report.id, { version }));
    approveReport(reviewer, report.id, { version });
    const after = sql<{ breakdown: string }>(
      "select breakdown from observations where report_id = ? order by breakdown",
      report.id,
    ).map((o) => o.breakdown);
    expect(after).toEqual(published.map((o) => o.breakdown).filter((b) => b !== part.breakdown));
  });

  it("notifies both of an institution's reporters when its report is returned or approved", () => {
    const submitted = reportOf("MIGEPROF", "2021July");
    const reporters = [CALLERS.reporterA().id, viewerFor(REPORTER_A2).id].sort((x, y) => x - y);
    const { version } = returnReport(CALLERS.reviewer(), submitted.id, {
      version: submitted.version,
      reason: "Please add the provincial breakdown.",
    });
    expect(notificationsOf(submitted.id, "report.returned").map((n) => n.user_id)).toEqual(
      reporters,
    );
    const resubmitted = submitReport(CALLERS.reporterA(), submitted.id, { version });
    approveReport(CALLERS.reviewer(), submitted.id, resubmitted);
    expect(notificationsOf(submitted.id, "report.approved").map((n) => n.user_id)).toEqual(
      reporters,
    );
    // Reporters of other institutions hear nothing about it.
    expect(
      sql(
        "select 1 from notifications where user_id = ? and link like ?",
        CALLERS.reporterB().id,
        `%/${submitted.id}`,
      ),
    ).toEqual([]);
  });

  it("comments: reviewers on the report or an item, the institution answers", () => {
    const report = migeprofDraft();
    const reviewer = CALLERS.reviewer();
    const { id: question } = addComment(reviewer, report.id, {
      body: "Where does the 120 come from?",
      itemRef: "indicator:3",
    });
    addComment(CALLERS.reporterA(), report.id, {
      body: "From the district reports.",
      parentId: question,
    });
    expect(getReport(reviewer, report.id).comments.map((c) => [c.itemRef, c.body])).toEqual([
      ["indicator:3", "Where does the 120 come from?"],
      [null, "From the district reports."],
    ]);
    expect(
      refusal(() => addComment(reviewer, report.id, { body: "x", itemRef: "indicator:6" })),
    ).toMatchObject({ code: "VALIDATION" });
    expect(refusal(() => addComment(reviewer, report.id, { body: "   " }))).toMatchObject({
      code: "VALIDATION",
    });
    const otherReport = reportOf("RNP", "2021July").id;
    const { id: elsewhere } = addComment(reviewer, otherReport, { body: "On RNP's report." });
    expect(
      refusal(() => addComment(reviewer, report.id, { body: "x", parentId: elsewhere })),
    ).toMatchObject({ code: "VALIDATION" });
  });
});

describe("refusals inside a change are logged", () => {
  it("logs a reporter starting a report for a plan their institution does not report on", () => {
    const nisr = viewerFor("reporter.nisr@example.org");
    const before = snapshot();
    const deniedBefore = deniedRows().length;
    expect(refusal(() => startReport(nisr, periodId("2022July")))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(snapshot()).toBe(before);
    expect(deniedRows()).toHaveLength(deniedBefore + 1);
    expect(JSON.parse(deniedRows().at(-1)?.after ?? "{}")).toMatchObject({
      attempted: "reports.start",
    });
  });
});

describe("approval shows what will be published, and warnings must be acknowledged", () => {
  const observationsOf = (reportId: number) =>
    sql("select * from observations where report_id = ? order by id", reportId);

  it("lists what goes public with the last approved values, and refuses an unacknowledged approval", () => {
    const reviewer = CALLERS.reviewer();
    const report = reportOf("MINADEF", "2021July");
    const { publication } = getReport(reviewer, report.id);
    expect(publication?.values.find((v) => v.code === "1.2.a" && v.cell === "Total")).toMatchObject(
      { value: "1.5", last: { value: 13.8, periodCode: "2020July" } },
    );
    expect(publication?.values.length).toBeGreaterThan(1);
    expect(publication?.warnings).toEqual([
      expect.objectContaining({
        kind: "change",
        label: "1.2.a Total",
        message:
          "1.5 is a 89 % fall from the last approved value (13.8, July 2020 – June 2021): more than ±50 %.",
      }),
    ]);
    const ids = publication?.warnings.map((w) => w.id) ?? [];

    const before = snapshot();
    const bare = refusal(() => approveReport(reviewer, report.id, { version: report.version }));
    expect(bare.code).toBe("VALIDATION");
    expect(bare.message).toMatch(/^Not approved: the figures raise 1 warning\. Tick each warning/);
    expect(bare.details).toMatchObject({
      unacknowledged: ids,
      fieldErrors: { acknowledged: expect.any(String), reason: expect.any(String) },
    });
    // Ticked but without a note; a note without the tick; ids the server did not compute.
    for (const input of [
      { acknowledged: ids },
      { acknowledged: ids, reason: "ok" },
      { reason: "Checked with MINADEF." },
      { acknowledged: ["change|value:2:|made up"], reason: "Checked with MINADEF." },
    ])
      expect(
        refusal(() => approveReport(reviewer, report.id, { version: report.version, ...input }))
          .code,
      ).toBe("VALIDATION");
    expect(snapshot()).toBe(before);
    expect(observationsOf(report.id)).toEqual([]);
    expect(reportRow(report.id)?.status).toBe("submitted");
  });

  it("with every warning acknowledged and a note, publishes and records both in the history", () => {
    const reviewer = CALLERS.reviewer();
    const report = reportOf("MINADEF", "2021July");
    const warnings = getReport(reviewer, report.id).publication?.warnings ?? [];
    const note = "MINADEF confirmed 1.5 %: most officers retired this year.";
    const done = approveReport(reviewer, report.id, {
      version: report.version,
      acknowledged: warnings.map((w) => w.id),
      reason: `  ${note} `,
    });
    expect(done.versionNumber).toBe(1);
    expect(reportRow(report.id)?.status).toBe("approved");
    expect(publicValues("1.2.a", "2021July")).toMatchObject({ "{}": 1.5 });
    expect(auditOf(report.id, "report.approve").at(-1)).toMatchObject({
      actor_id: reviewer.id,
      reason: note,
      after: {
        status: "approved",
        acknowledgedWarnings: [
          { kind: "change", label: "1.2.a Total", message: warnings[0]?.message },
        ],
      },
    });
    expect(reportHistory(reviewer, report.id)[0]).toMatchObject({
      action: "report.approve",
      reason: note,
      acknowledgedWarnings: [{ label: "1.2.a Total", message: warnings[0]?.message }],
    });
  });

  it("the issue's example: 1.3.a total 120 after an approved 1,770 is held back until acknowledged", () => {
    const reviewer = CALLERS.reviewer();
    const migeprof = CALLERS.reporterA();
    const report = reportOf("MIGEPROF", "2021July");
    let { version } = returnReport(reviewer, report.id, {
      version: report.version,
      reason: "Please check the credit figures.",
    });
    ({ version } = saveReport(migeprof, report.id, {
      baseVersion: version,
      changes: { "value:3:": "120" },
    }));
    ({ version } = submitReport(migeprof, report.id, { version }));
    const warnings = getReport(reviewer, report.id).publication?.warnings ?? [];
    expect(warnings.map((w) => [w.kind, w.message])).toEqual([
      [
        "change",
        "120 is a 93 % fall from the last approved value (1,770, July 2020 – June 2021): more than ±50 %.",
      ],
      [
        "sum",
        expect.stringMatching(
          /^The parts add up to 1,\d{3}, but the total \(by province\) is 120\.$/,
        ),
      ],
    ]);
    const before = publicValues("1.3.a", "2021July");
    const refused = refusal(() =>
      approveReport(reviewer, report.id, {
        version,
        acknowledged: [warnings[0]?.id ?? ""],
        reason: "Checked the register.",
      }),
    );
    expect(refused.details).toMatchObject({ unacknowledged: [warnings[1]?.id] });
    expect(publicValues("1.3.a", "2021July")).toEqual(before);
    approveReport(reviewer, report.id, {
      version,
      acknowledged: warnings.map((w) => w.id),
      reason: "Checked the register.",
    });
    expect(publicValues("1.3.a", "2021July")).toMatchObject({ "{}": 120 });
  });

  it("approves without a note when nothing raises a warning", () => {
    const report = reportOf("RNP", "2021July");
    const rnp = CALLERS.reporterB();
    const { version } = submitReport(rnp, report.id, { version: report.version });
    const { publication } = getReport(CALLERS.reviewer(), report.id);
    expect(publication?.warnings).toEqual([]);
    expect(publication?.values.length).toBeGreaterThan(0);
    expect(approveReport(CALLERS.reviewer(), report.id, { version }).versionNumber).toBe(1);
    expect(auditOf(report.id, "report.approve").at(-1)?.reason).toBeNull();
  });
});
