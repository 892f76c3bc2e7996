import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { withTestDatabase } from "@/test/db";
import { CALLER_NAMES, CALLERS } from "@/test/viewers";
import { auditFilterSchema, listAuditEvents } from "./data";

withTestDatabase();

const reportOf = (acronym: string, code: string) =>
  getDb().get<{ id: number }>(sql`select r.id from progress_reports r
    join institutions i on i.id = r.institution_id
    join reporting_periods p on p.id = r.period_id
    where i.acronym = ${acronym} and p.code = ${code}`);

describe("the audit view's filters", () => {
  it("finds one report's history by record type and number", () => {
    const report = reportOf("RNP", "2021July");
    const events = listAuditEvents(
      CALLERS.admin(),
      auditFilterSchema.parse({ entity: "progress_report", record: String(report?.id) }),
    );
    expect(events.map((e) => e.action).sort()).toEqual(
      ["report.create", "report.return", "report.submit"].sort(),
    );
    expect(events.every((e) => e.entityId === String(report?.id))).toBe(true);
    expect(events.find((e) => e.action === "report.return")?.reason).toMatch(
      /breakdown by province/,
    );
  });

  it("filters by user, by action prefix and by date", () => {
    const admin = CALLERS.admin();
    const byReviewer = listAuditEvents(admin, auditFilterSchema.parse({ actor: "reviewer@" }));
    expect(byReviewer.length).toBeGreaterThan(0);
    expect(byReviewer.every((e) => e.actor === "reviewer@example.org")).toBe(true);
    const approvals = listAuditEvents(admin, auditFilterSchema.parse({ action: "report.app" }));
    expect(approvals.length).toBeGreaterThan(0);
    expect(approvals.every((e) => e.action === "report.approve")).toBe(true);
    expect(listAuditEvents(admin, auditFilterSchema.parse({ from: "2100-01-01" }))).toEqual([]);
    expect(listAuditEvents(admin, auditFilterSchema.parse({ to: "1999-12-31" }))).toEqual([]);
  });

  it("ignores malformed filters instead of failing", () => {
    expect(auditFilterSchema.parse({ from: "yesterday", record: ["1", "2"] })).toEqual({
      actor: undefined,
      action: undefined,
      entity: undefined,
      record: undefined,
      from: undefined,
      to: undefined,
    });
  });

  for (const caller of CALLER_NAMES.filter((c) => c !== "admin")) {
    it(`refuses the audit log to ${caller}`, () => {
      expect(() => listAuditEvents(CALLERS[caller]())).toThrow(
        caller === "anonymous" ? "Please sign in." : "You do not have permission to do this.",
      );
    });
  }
});
