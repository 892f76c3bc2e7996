import { desc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { withTestDatabase } from "@/test/db";
import { CALLER_NAMES, CALLERS, type CallerName } from "@/test/viewers";
import { assertAllowed, can, PERMISSIONS, type Permission } from "./policy";

withTestDatabase();

// The rights of each role, as PRODUCT.md ("Who uses it") gives them. A change here is a
// change of who may do what: it must be deliberate.
const EXPECTED: Record<Permission, CallerName[]> = {
  "workspace.view": ["reporterA", "reporterB"],
  "review.view": ["reviewer", "admin"],
  "dashboard.view": ["reviewer", "admin"],
  "admin.view": ["admin"],
  "users.read": ["admin"],
  "users.manage": ["admin"],
  "audit.read": ["admin"],
  "framework.manage": ["admin"],
  "periods.manage": ["admin"],
  "reports.edit": ["reporterA", "reporterB"],
  "reports.read.all": ["reviewer", "admin"],
  "reports.review": ["reviewer", "admin"],
  "reports.reopen": ["admin"],
  "reports.comment": ["reporterA", "reporterB", "reviewer", "admin"],
  "actionplans.edit": ["reporterA", "reporterB"],
  "actionplans.read.all": ["reviewer", "admin"],
  "actionplans.review": ["reviewer", "admin"],
  "actionplans.reopen": ["admin"],
  "notifications.read": ["cso", "reporterA", "reporterB", "reviewer", "admin"],
  "account.manage": ["cso", "reporterA", "reporterB", "reviewer", "admin"],
};

describe("the policy", () => {
  for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
    for (const caller of CALLER_NAMES) {
      const allowed = EXPECTED[permission].includes(caller);
      it(`${allowed ? "allows" : "denies"} ${caller} ${permission}`, () => {
        const viewer = CALLERS[caller]();
        expect(can(viewer, permission)).toBe(allowed);
        if (allowed) {
          expect(assertAllowed(viewer, permission)).toBe(viewer);
        } else {
          expect(() => assertAllowed(viewer, permission)).toThrow(
            expect.objectContaining({ code: viewer ? "FORBIDDEN" : "UNAUTHENTICATED" }),
          );
        }
      });
    }
  }

  it("writes every refusal of a signed-in user to the audit log", () => {
    const reporter = CALLERS.reporterA();
    expect(() => assertAllowed(reporter, "users.manage")).toThrow();
    const last = getDb().select().from(auditEvents).orderBy(desc(auditEvents.id)).get();
    expect(last).toMatchObject({
      action: "authz.denied",
      actorId: reporter.id,
      actorLabel: "reporter.migeprof@example.org",
      after: { role: "reporter", attempted: "users.manage" },
    });
  });
});
