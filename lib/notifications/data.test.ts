/** Notifications' data access against a real copy of the seeded database. */
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, notifications, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { withTestDatabase } from "@/test/db";
import { CALLER_NAMES, CALLERS, viewerFor } from "@/test/viewers";
import {
  listNotifications,
  markRead,
  notifyInstitutionReporters,
  notifyReviewers,
  notifyUsers,
  unreadCount,
} from "./data";

withTestDatabase();

const A = "reporter.migeprof@example.org";
const B = "reporter.rnp@example.org";

function idOf(email: string): number {
  const row = getDb().select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (!row) throw new Error(email);
  return row.id;
}

function rowsFor(email: string) {
  return getDb()
    .select({ title: notifications.title, kind: notifications.kind })
    .from(notifications)
    .where(eq(notifications.userId, idOf(email)))
    .all();
}

function deactivate(email: string) {
  getDb().update(users).set({ active: false }).where(eq(users.email, email)).run();
}

async function code(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "OK";
}

describe("notifyUsers", () => {
  it("notifies the active users named, once each, and skips deactivated ones", () => {
    deactivate(B);
    notifyUsers(getDb(), [idOf(A), idOf(A), idOf(B)], {
      kind: "report.comment",
      title: "New comment on your report",
      link: "/workspace",
    });
    expect(rowsFor(A)).toEqual([{ title: "New comment on your report", kind: "report.comment" }]);
    expect(rowsFor(B)).toEqual([]);
  });

  it("ignores a repeated dedupeKey for the same user, but not for another user", () => {
    const n = { kind: "report.approved", title: "Approved", dedupeKey: "report:1:approved:v1" };
    notifyUsers(getDb(), [idOf(A)], { ...n, kind: "report.approved" });
    notifyUsers(getDb(), [idOf(A), idOf(B)], { ...n, kind: "report.approved", title: "Again" });
    expect(rowsFor(A).map((r) => r.title)).toEqual(["Approved"]);
    expect(rowsFor(B).map((r) => r.title)).toEqual(["Again"]);
  });

  it("writes inside the caller's transaction: a rolled-back change leaves no notification", () => {
    expect(() =>
      getDb().transaction((tx) => {
        notifyUsers(tx, [idOf(A)], { kind: "report.returned", title: "Returned" });
        throw new Error("the workflow change failed");
      }),
    ).toThrow("the workflow change failed");
    expect(rowsFor(A)).toEqual([]);
  });

  it("shortens a very long title or body instead of failing the caller's change", () => {
    notifyUsers(getDb(), [idOf(A)], {
      kind: "report.comment",
      title: "T".repeat(500),
      body: "B".repeat(5000),
    });
    const [row] = listNotifications(CALLERS.reporterA());
    expect(row?.title).toHaveLength(200);
    expect(row?.title.endsWith("…")).toBe(true);
    expect(row?.body).toHaveLength(2000);
  });

  it("refuses a link that leaves the app", () => {
    for (const link of ["https://evil.example/x", "//evil.example/x", "/\\evil.example", "x"]) {
      expect(() =>
        notifyUsers(getDb(), [idOf(A)], { kind: "report.comment", title: "t", link }),
      ).toThrow();
    }
    expect(rowsFor(A)).toEqual([]);
  });
});

describe("notifyInstitutionReporters and notifyReviewers", () => {
  it("reach the institution's active reporters only", () => {
    const institutionId = viewerFor(A).institutionId ?? 0;
    const colleague = getDb()
      .insert(users)
      .values({
        email: "second.migeprof@example.org",
        name: "Second",
        role: "reporter",
        institutionId,
      })
      .returning({ id: users.id })
      .get();
    getDb()
      .insert(users)
      .values({
        email: "former.migeprof@example.org",
        name: "Former",
        role: "reporter",
        institutionId,
        active: false,
      })
      .run();
    const former = idOf("former.migeprof@example.org");
    notifyInstitutionReporters(getDb(), institutionId, {
      kind: "report.returned",
      title: "Your report was returned",
    });
    const reached = getDb()
      .select({ id: users.id, role: users.role, institutionId: users.institutionId })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .all();
    const ids = reached.map((r) => r.id);
    expect(ids).toContain(idOf(A));
    expect(ids).toContain(colleague.id);
    expect(ids).not.toContain(former);
    // The admin belongs to MIGEPROF too, but is not one of its reporters.
    expect(ids).not.toContain(idOf("admin@example.org"));
    for (const r of reached) expect(r).toMatchObject({ role: "reporter", institutionId });
  });

  it("reach every active reviewer and admin, and no one else", () => {
    const extra = getDb()
      .insert(users)
      .values({ email: "r2@example.org", name: "R2", role: "reviewer", active: false })
      .returning({ id: users.id })
      .get();
    notifyReviewers(getDb(), { kind: "report.submitted", title: "A report awaits review" });
    const reached = getDb()
      .select({ role: users.role, id: users.id })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .all();
    expect(reached.map((r) => r.role).sort()).toEqual(["admin", "reviewer"]);
    expect(reached.map((r) => r.id)).not.toContain(extra.id);
  });
});

describe("the signed-in user's own notifications", () => {
  function seedFor(email: string, titles: string[]) {
    for (const title of titles)
      notifyUsers(getDb(), [idOf(email)], { kind: "report.comment", title });
  }

  it("lists only the viewer's own, newest first, and counts the unread", () => {
    seedFor(A, ["A1", "A2", "A3"]);
    seedFor(B, ["B1"]);
    const a = CALLERS.reporterA();
    expect(listNotifications(a).map((n) => n.title)).toEqual(["A3", "A2", "A1"]);
    expect(listNotifications(a, { limit: 2 }).map((n) => n.title)).toEqual(["A3", "A2"]);
    expect(unreadCount(a)).toBe(3);
    expect(unreadCount(CALLERS.reporterB())).toBe(1);
    expect(listNotifications(CALLERS.reviewer())).toEqual([]);
  });

  it("marks the viewer's own as read, one or all; the unread filter follows", () => {
    seedFor(A, ["A1", "A2", "A3"]);
    const a = CALLERS.reporterA();
    const [newest] = listNotifications(a);
    expect(markRead(a, [newest?.id ?? 0])).toBe(1);
    expect(unreadCount(a)).toBe(2);
    expect(listNotifications(a, { unreadOnly: true }).map((n) => n.title)).toEqual(["A2", "A1"]);
    expect(listNotifications(a).find((n) => n.id === newest?.id)?.read).toBe(true);
    expect(markRead(a, "all")).toBe(2);
    expect(unreadCount(a)).toBe(0);
    expect(markRead(a, "all")).toBe(0);
  });

  it("user A can neither read nor mark user B's notifications; the attempt is logged", () => {
    seedFor(A, ["A1"]);
    seedFor(B, ["B1"]);
    const a = CALLERS.reporterA();
    const b = CALLERS.reporterB();
    const bId = listNotifications(b)[0]?.id ?? 0;
    const aId = listNotifications(a)[0]?.id ?? 0;
    expect(listNotifications(a).map((n) => n.id)).not.toContain(bId);
    let thrown: unknown;
    try {
      markRead(a, [aId, bId]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe("NOT_FOUND");
    // Nothing was marked, not even A's own.
    expect(unreadCount(a)).toBe(1);
    expect(unreadCount(b)).toBe(1);
    expect(
      getDb()
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, "authz.denied"),
            eq(auditEvents.actorId, a.id),
            eq(auditEvents.entityType, "notification"),
            eq(auditEvents.entityId, String(bId)),
          ),
        )
        .all(),
    ).toHaveLength(1);
    // "all" means the viewer's own only.
    markRead(a, "all");
    expect(unreadCount(b)).toBe(1);
  });

  it("refuses bad ids as a validation error", async () => {
    const a = CALLERS.reporterA();
    expect(await code(() => markRead(a, []))).toBe("VALIDATION");
    expect(await code(() => markRead(a, [-1]))).toBe("VALIDATION");
  });

  describe("deny matrix: every caller sees and marks only their own", () => {
    for (const caller of CALLER_NAMES) {
      it(caller, async () => {
        seedFor(B, ["B1"]);
        const viewer = CALLERS[caller]();
        const bId =
          getDb()
            .select({ id: notifications.id })
            .from(notifications)
            .where(inArray(notifications.userId, [idOf(B)]))
            .get()?.id ?? 0;
        if (viewer === null) {
          expect(await code(() => listNotifications(viewer))).toBe("UNAUTHENTICATED");
          expect(await code(() => unreadCount(viewer))).toBe("UNAUTHENTICATED");
          expect(await code(() => markRead(viewer, "all"))).toBe("UNAUTHENTICATED");
          expect(await code(() => markRead(viewer, [bId]))).toBe("UNAUTHENTICATED");
        } else if (caller === "reporterB") {
          expect(listNotifications(viewer).map((n) => n.id)).toEqual([bId]);
          expect(markRead(viewer, [bId])).toBe(1);
        } else {
          expect(listNotifications(viewer)).toEqual([]);
          expect(unreadCount(viewer)).toBe(0);
          expect(await code(() => markRead(viewer, [bId]))).toBe("NOT_FOUND");
          expect(markRead(viewer, "all")).toBe(0);
        }
        const stillUnread = caller !== "reporterB";
        expect(unreadCount(CALLERS.reporterB())).toBe(stillUnread ? 1 : 0);
      });
    }
  });
});
