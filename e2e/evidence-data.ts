/**
 * Test data for evidence specs, written straight into the worker's database: a MIGEPROF
 * report in a reporting period of its own (far in the future, so no reminder notices it), and
 * what an approval leaves behind.
 */
import Database from "better-sqlite3";
import { workerDb } from "./support";

/** Makes (once per worker: a second call finds it) a MIGEPROF report in its own open period. */
export function evidenceReport(code: string): number {
  const db = new Database(workerDb(), { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const planId = (
      db.prepare("select id from plans where slug = 'rwanda-2018-2022'").get() as { id: number }
    ).id;
    const institutionId = (
      db.prepare("select id from institutions where acronym = 'MIGEPROF'").get() as { id: number }
    ).id;
    db.prepare(
      `insert into reporting_periods (plan_id, code, type, start_date, end_date, deadline, status)
       values (?, ?, 'annual', ?, ?, ?, 'open') on conflict do nothing`,
    ).run(planId, code, `${code}-01-01`, `${code}-12-31`, `${Number(code) + 1}-03-31`);
    const periodId = (
      db
        .prepare("select id from reporting_periods where plan_id = ? and code = ?")
        .get(planId, code) as { id: number }
    ).id;
    db.prepare(
      "insert into progress_reports (institution_id, period_id, status) values (?, ?, 'draft') on conflict do nothing",
    ).run(institutionId, periodId);
    return (
      db
        .prepare("select id from progress_reports where institution_id = ? and period_id = ?")
        .get(institutionId, periodId) as { id: number }
    ).id;
  } finally {
    db.close();
  }
}

/** What an approval leaves that matters to evidence: the status and a frozen version. */
export function approveReport(reportId: number) {
  const db = new Database(workerDb(), { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.prepare(
      `insert into report_versions (report_id, version_number, approved_at, snapshot)
       select ?, coalesce(max(version_number), 0) + 1, ?, '{}' from report_versions where report_id = ?`,
    ).run(reportId, new Date().toISOString(), reportId);
    db.prepare("update progress_reports set status = 'approved' where id = ?").run(reportId);
  } finally {
    db.close();
  }
}
