import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { withTestDatabase } from "@/test/db";
import { applyMigrations } from "./migrate";

withTestDatabase();

describe("the database connection", () => {
  it("runs in WAL mode with foreign keys, a busy timeout and full sync", () => {
    const sqlite = getDb().$client;
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2);
  });

  it("applies migrations idempotently", () => {
    const db = getDb();
    applyMigrations(db);
    applyMigrations(db);
    expect(db.select().from(s.plans).all()).toHaveLength(2);
  });

  it("refuses a reference to a missing record", () => {
    expect(() =>
      getDb().insert(s.pillars).values({ planId: 9999, number: 1, title: "Orphan" }).run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it("refuses values outside an enumeration even when the code is bypassed", () => {
    expect(() =>
      getDb().$client.prepare("update plans set status = 'archived' where id = 1").run(),
    ).toThrow(/CHECK constraint failed/);
  });

  it("allows one lead institution per output", () => {
    const db = getDb();
    const link = db
      .select()
      .from(s.outputInstitutions)
      .where(eq(s.outputInstitutions.role, "supporting"))
      .get();
    if (!link) throw new Error("seed has no supporting institution");
    expect(() =>
      db
        .update(s.outputInstitutions)
        .set({ role: "lead" })
        .where(eq(s.outputInstitutions.institutionId, link.institutionId))
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it("keeps the audit log append-only", () => {
    const sqlite = getDb().$client;
    expect(() => sqlite.prepare("update audit_events set action = 'x'").run()).toThrow(
      /append-only/,
    );
    expect(() => sqlite.prepare("delete from audit_events").run()).toThrow(/append-only/);
  });

  it("never stores a reporter without an institution", () => {
    expect(() =>
      getDb()
        .insert(s.users)
        .values({ email: "x@example.org", name: "X", role: "reporter", institutionId: null })
        .run(),
    ).toThrow(/CHECK constraint failed/);
  });
});
