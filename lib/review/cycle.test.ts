/**
 * The review cycle (lib/review/cycle.ts) through both of its record types, progress reports and
 * yearly action plans, with the same tests: every transition allowed and refused (by status and
 * by who asks), the reason rule, stale versions, what each transition writes, audits and
 * notifies, and the frozen approved version the public keeps while a record is reopened.
 *
 * Both records are MIGEPROF's: its 2021/22 progress report (complete; submitted in the seed, put
 * back to draft here) and its 2022 action plan (a draft with activities in the seed).
 */
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import {
  approveActionPlan,
  reopenActionPlan,
  returnActionPlan,
  submitActionPlan,
} from "@/lib/action-plans/data";
import type { Viewer } from "@/lib/auth/viewer";
import type { AppError } from "@/lib/errors";
import {
  approveReport,
  getReport,
  reopenReport,
  returnReport,
  submitReport,
} from "@/lib/reports/data";
import { withTestDatabase } from "@/test/db";
import { CALLERS, type CallerName } from "@/test/viewers";
import type { ReviewStatus, ReviewTransition } from "./states";

withTestDatabase();

const client = () => getDb().$client;
const one = <T>(query: string, ...params: unknown[]) =>
  client()
    .prepare(query)
    .get(...params) as T;
const all = <T>(query: string, ...params: unknown[]) =>
  client()
    .prepare(query)
    .all(...params) as T[];

type Run = (viewer: Viewer, id: number, input: unknown) => unknown;

type RecordType = {
  name: string;
  table: string;
  entityType: string;
  prefix: string;
  noun: string;
  /** Its table of frozen approved versions and the column naming the record there. */
  versions: { table: string; key: string };
  /** A submittable draft of MIGEPROF's, fresh in each test's database. */
  draft: () => number;
  run: Record<ReviewTransition, Run>;
  /** What the reviewer sends to approve it (reports: the warnings ticked, with a note). */
  approveInput: (id: number, version: number) => Record<string, unknown>;
};

const RECORDS: RecordType[] = [
  {
    name: "progress report",
    table: "progress_reports",
    entityType: "progress_report",
    prefix: "report",
    noun: "report",
    versions: { table: "report_versions", key: "report_id" },
    draft: () => {
      const { id } = one<{ id: number }>(
        `select r.id from progress_reports r join institutions i on i.id = r.institution_id
           join reporting_periods p on p.id = r.period_id
          where i.acronym = 'MIGEPROF' and p.code = '2021July'`,
      );
      client()
        .prepare("update progress_reports set status = 'draft', submitted_at = null where id = ?")
        .run(id);
      return id;
    },
    run: {
      submit: submitReport,
      approve: approveReport,
      return: returnReport,
      reopen: reopenReport,
    },
    approveInput: (id, version) => {
      const warnings = getReport(CALLERS.reviewer(), id).publication?.warnings ?? [];
      return warnings.length
        ? { version, acknowledged: warnings.map((w) => w.id), reason: "Checked with MIGEPROF." }
        : { version };
    },
  },
  {
    name: "yearly action plan",
    table: "action_plans",
    entityType: "action_plan",
    prefix: "actionplan",
    noun: "action plan",
    versions: { table: "action_plan_versions", key: "action_plan_id" },
    draft: () =>
      one<{ id: number }>(
        `select ap.id from action_plans ap join institutions i on i.id = ap.institution_id
          where i.acronym = 'MIGEPROF' and ap.year = 2022 and ap.status = 'draft'
            and exists (select 1 from activities a where a.action_plan_id = ap.id)`,
      ).id,
    run: {
      submit: submitActionPlan,
      approve: approveActionPlan,
      return: returnActionPlan,
      reopen: reopenActionPlan,
    },
    approveInput: (_id, version) => ({ version }),
  },
];

type Refusal = AppError & { details?: { fieldErrors?: Record<string, string> } };
function refusal(run: () => unknown): Refusal {
  try {
    run();
  } catch (error) {
    return error as Refusal;
  }
  throw new Error("Expected a refusal, but the call succeeded.");
}

describe.each(RECORDS)("the review cycle of a $name", (record) => {
  const row = (id: number) =>
    one<{
      status: ReviewStatus;
      version: number;
      return_reason: string | null;
      reopen_reason: string | null;
      returned_at: string | null;
      reopened_at: string | null;
      submitted_at: string | null;
      approved_at: string | null;
    }>(`select * from ${record.table} where id = ?`, id);
  const versionsOf = (id: number) =>
    all<{ version_number: number }>(
      `select version_number from ${record.versions.table} where ${record.versions.key} = ? order by version_number`,
      id,
    ).map((v) => v.version_number);
  /** Everything a transition may write, to prove that a refused one wrote nothing. */
  const state = (id: number) =>
    JSON.stringify([
      row(id),
      versionsOf(id),
      all("select * from notifications order by id"),
      all("select * from comments order by id"),
      all(
        "select action, before, after from audit_events where entity_type = ? and entity_id = ? order by id",
        record.entityType,
        String(id),
      ),
    ]);
  const notified = (kind: string, link: string) =>
    all<{ role: string; institution: string | null; title: string; body: string }>(
      `select u.role, i.acronym as institution, n.title, n.body from notifications n
         join users u on u.id = n.user_id left join institutions i on i.id = u.institution_id
        where n.kind = ? and n.link like ?`,
      kind,
      `%${link}`,
    );
  const lastAudit = (id: number) =>
    one<{ action: string; before: string; after: string; reason: string | null }>(
      "select action, before, after, reason from audit_events where entity_type = ? and entity_id = ? and action <> 'authz.denied' order by id desc limit 1",
      record.entityType,
      String(id),
    );

  const owner = () => CALLERS.reporterA();
  const reviewer = () => CALLERS.reviewer();
  const admin = () => CALLERS.admin();

  /** A fresh draft moved on to the given status through the cycle; its id and version. */
  function at(status: ReviewStatus) {
    const id = record.draft();
    let { version } = row(id);
    if (status === "draft") return { id, version };
    ({ version } = record.run.submit(owner(), id, { version }) as { version: number });
    if (status === "submitted") return { id, version };
    ({ version } = row(id).status === "submitted" ? approveNow(id, version) : { version });
    return { id, version };
  }
  function approveNow(id: number, version: number) {
    record.run.approve(reviewer(), id, record.approveInput(id, version));
    return { version: row(id).version };
  }

  it("goes draft → submitted → returned → submitted → approved → reopened, each step written, audited and told", () => {
    const { id, version: v1 } = at("draft");
    const before = versionsOf(id);

    expect(record.run.submit(owner(), id, { version: v1 })).toMatchObject({ version: v1 + 1 });
    expect(row(id)).toMatchObject({ status: "submitted", version: v1 + 1 });
    expect(row(id).submitted_at).not.toBeNull();
    expect(lastAudit(id)).toMatchObject({ action: `${record.prefix}.submit` });
    const toReviewers = notified("report.submitted", `/${id}`);
    expect(new Set(toReviewers.map((n) => n.role))).toEqual(new Set(["reviewer", "admin"]));
    expect(toReviewers[0]?.title).toMatch(
      new RegExp(`^MIGEPROF submitted its ${record.noun} for `),
    );

    record.run.return(reviewer(), id, { version: v1 + 1, reason: "Please add the sources." });
    expect(row(id)).toMatchObject({
      status: "draft",
      version: v1 + 2,
      return_reason: "Please add the sources.",
    });
    expect(lastAudit(id)).toMatchObject({
      action: `${record.prefix}.return`,
      reason: "Please add the sources.",
    });
    expect(JSON.parse(lastAudit(id).before)).toEqual({ status: "submitted", version: v1 + 1 });
    expect(JSON.parse(lastAudit(id).after)).toEqual({ status: "draft", version: v1 + 2 });
    const returned = notified("report.returned", `/${id}`);
    expect(returned.length).toBeGreaterThan(0);
    expect(returned.every((n) => n.role === "reporter" && n.institution === "MIGEPROF")).toBe(true);
    expect(returned[0]?.body).toContain("Please add the sources.");

    // Resubmitting clears the return; approving freezes a new version.
    record.run.submit(owner(), id, { version: v1 + 2 });
    expect(row(id)).toMatchObject({ status: "submitted", return_reason: null, returned_at: null });
    approveNow(id, v1 + 3);
    expect(row(id)).toMatchObject({ status: "approved", version: v1 + 4 });
    expect(row(id).approved_at).not.toBeNull();
    expect(versionsOf(id)).toEqual([...before, (before.at(-1) ?? 0) + 1]);
    expect(lastAudit(id).action).toBe(`${record.prefix}.approve`);
    expect(JSON.parse(lastAudit(id).after)).toMatchObject({
      status: "approved",
      versionNumber: (before.at(-1) ?? 0) + 1,
    });
    expect(notified("report.approved", `/${id}`)[0]?.title).toMatch(
      new RegExp(`^Your ${record.noun} for .* was approved$`),
    );

    // Reopened: a draft again with the admin's reason; the frozen versions are kept.
    const frozen = versionsOf(id);
    record.run.reopen(admin(), id, { version: v1 + 4, reason: "A figure was mistyped." });
    expect(row(id)).toMatchObject({
      status: "draft",
      version: v1 + 5,
      reopen_reason: "A figure was mistyped.",
    });
    expect(versionsOf(id)).toEqual(frozen);
    expect(lastAudit(id)).toMatchObject({
      action: `${record.prefix}.reopen`,
      reason: "A figure was mistyped.",
    });
    expect(notified("report.reopened", `/${id}`)[0]?.title).toMatch(
      new RegExp(`^Your approved ${record.noun} for .* was reopened$`),
    );
  });

  /** Each transition from each status: allowed only from its own. */
  const REFUSED: [ReviewStatus, ReviewTransition, RegExp][] = [
    ["draft", "approve", /^Only a submitted .* can be approved\.$/],
    ["draft", "return", /^Only a submitted .* can be returned\.$/],
    ["draft", "reopen", /^Only an approved .* can be reopened\.$/],
    ["submitted", "submit", /has been submitted and is waiting for review/],
    ["submitted", "reopen", /^Only an approved .* can be reopened\.$/],
    ["approved", "submit", /is approved and locked/],
    ["approved", "approve", /^Only a submitted .* can be approved\.$/],
    ["approved", "return", /^Only a submitted .* can be returned\.$/],
  ];
  const ACTOR: Record<ReviewTransition, () => Viewer> = {
    submit: owner,
    approve: reviewer,
    return: reviewer,
    reopen: admin,
  };
  const inputFor = (transition: ReviewTransition, id: number, version: number) =>
    transition === "approve"
      ? record.approveInput(id, version)
      : { version, reason: "A reason long enough." };

  it.each(REFUSED)(
    "refuses, from %s, to %s (CONFLICT), and writes nothing",
    (status, transition, message) => {
      const { id, version } = at(status);
      const before = state(id);
      const error = refusal(() =>
        record.run[transition](ACTOR[transition](), id, inputFor(transition, id, version)),
      );
      expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(message) });
      expect(error.message).toContain(record.noun);
      expect(state(id)).toBe(before);
    },
  );

  /** Who may do which transition: the permission table, and the record's own institution. */
  const WHO: [
    ReviewTransition,
    CallerName,
    "FORBIDDEN" | "NOT_FOUND" | "UNAUTHENTICATED" | "ok",
  ][] = [
    ["submit", "anonymous", "UNAUTHENTICATED"],
    ["submit", "cso", "FORBIDDEN"],
    ["submit", "reporterB", "NOT_FOUND"],
    ["submit", "reviewer", "FORBIDDEN"],
    ["submit", "admin", "FORBIDDEN"],
    ["submit", "reporterA", "ok"],
    ["approve", "anonymous", "UNAUTHENTICATED"],
    ["approve", "cso", "FORBIDDEN"],
    ["approve", "reporterA", "FORBIDDEN"],
    ["approve", "reviewer", "ok"],
    ["approve", "admin", "ok"],
    ["return", "reporterA", "FORBIDDEN"],
    ["return", "reporterB", "FORBIDDEN"],
    ["return", "cso", "FORBIDDEN"],
    ["return", "reviewer", "ok"],
    ["return", "admin", "ok"],
    ["reopen", "anonymous", "UNAUTHENTICATED"],
    ["reopen", "reporterA", "FORBIDDEN"],
    ["reopen", "reviewer", "FORBIDDEN"],
    ["reopen", "admin", "ok"],
  ];
  const FROM: Record<ReviewTransition, ReviewStatus> = {
    submit: "draft",
    approve: "submitted",
    return: "submitted",
    reopen: "approved",
  };

  it.each(WHO)("%s by %s: %s", (transition, caller, outcome) => {
    const { id, version } = at(FROM[transition]);
    const before = row(id);
    const run = () =>
      record.run[transition](CALLERS[caller](), id, inputFor(transition, id, version));
    if (outcome === "ok") {
      run();
      expect(row(id).version).toBe(before.version + 1);
      return;
    }
    const denied = () =>
      one<{ n: number }>("select count(*) as n from audit_events where action = 'authz.denied'").n;
    const deniedBefore = denied();
    expect(refusal(run)).toMatchObject({ code: outcome });
    expect(row(id)).toEqual(before);
    if (outcome !== "UNAUTHENTICATED") expect(denied()).toBe(deniedBefore + 1);
  });

  it.each(["return", "reopen"] as const)(
    "needs a reason of at least 5 characters to %s",
    (transition) => {
      const { id, version } = at(FROM[transition]);
      const before = state(id);
      for (const reason of [undefined, "", "Fix", "  ab  "]) {
        const error = refusal(() =>
          record.run[transition](ACTOR[transition](), id, { version, reason }),
        );
        expect(error).toMatchObject({
          code: "VALIDATION",
          message: `Please give the institution a reason to ${transition} the ${record.noun}.`,
        });
        expect(error.details?.fieldErrors?.reason).toBe(
          `Write a reason to ${transition} the ${record.noun} (at least 5 characters).`,
        );
      }
      expect(state(id)).toBe(before);
      record.run[transition](ACTOR[transition](), id, { version, reason: "Check" });
      expect(row(id)).toMatchObject({
        status: "draft",
        [transition === "return" ? "return_reason" : "reopen_reason"]: "Check",
      });
    },
  );

  it.each(["submit", "approve", "return", "reopen"] as const)(
    "refuses to %s from a stale version (CONFLICT), writing nothing",
    (transition) => {
      const { id, version: stale } = at(FROM[transition]);
      // Someone else changed the record since the caller loaded it.
      client().prepare(`update ${record.table} set version = version + 1 where id = ?`).run(id);
      const before = state(id);
      const error = refusal(() =>
        record.run[transition](ACTOR[transition](), id, inputFor(transition, id, stale)),
      );
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toMatch(/changed/);
      expect(state(id)).toBe(before);
      record.run[transition](ACTOR[transition](), id, inputFor(transition, id, stale + 1));
      expect(row(id).version).toBe(stale + 2);
    },
  );
});
