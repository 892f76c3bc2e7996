import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { passwordTokens, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { withTestDatabase } from "@/test/db";
import { TEST_DEMO_PASSWORD } from "@/test/paths";
import { CALLER_NAMES, CALLERS, viewerFor } from "@/test/viewers";
import {
  changeOwnPassword,
  createUser,
  getUser,
  listUsers,
  resetPassword,
  setPasswordWithToken,
  setUserActive,
  updateUser,
} from "./data";

withTestDatabase();

const db = () => getDb();
const userRow = (email: string) => db().select().from(users).where(eq(users.email, email)).get();
const snapshot = () => JSON.stringify(db().select().from(users).orderBy(users.id).all());

const TARGET = "reporter.rnp@example.org";
const targetId = () => userRow(TARGET)?.id ?? -1;

// Every user-management function, called as each kind of caller. Only admins may.
const OPERATIONS = {
  listUsers: (v: ReturnType<(typeof CALLERS)[keyof typeof CALLERS]>) => listUsers(v),
  getUser: (v: ReturnType<(typeof CALLERS)[keyof typeof CALLERS]>) => getUser(v, targetId()),
  createUser: (v: ReturnType<(typeof CALLERS)[keyof typeof CALLERS]>) =>
    createUser(v, {
      email: "intruder@example.org",
      name: "Intruder",
      role: "admin",
      institutionId: null,
    }),
  updateUser: (v: ReturnType<(typeof CALLERS)[keyof typeof CALLERS]>) =>
    updateUser(v, targetId(), { name: "Renamed", role: "admin", institutionId: null }),
  deactivate: (v: ReturnType<(typeof CALLERS)[keyof typeof CALLERS]>) =>
    setUserActive(v, targetId(), false),
  resetPassword: (v: ReturnType<(typeof CALLERS)[keyof typeof CALLERS]>) =>
    resetPassword(v, targetId()),
};

describe("user management deny matrix", () => {
  for (const [name, operation] of Object.entries(OPERATIONS)) {
    for (const caller of CALLER_NAMES.filter((c) => c !== "admin")) {
      it(`refuses ${name} to ${caller} and changes nothing`, () => {
        const before = snapshot();
        const viewer = CALLERS[caller]();
        expect(() => operation(viewer)).toThrow(
          expect.objectContaining({ code: viewer ? "FORBIDDEN" : "UNAUTHENTICATED" }),
        );
        expect(snapshot()).toBe(before);
      });
    }
    it(`allows ${name} to an admin`, () => {
      expect(() => operation(CALLERS.admin())).not.toThrow();
    });
  }

  it("refuses changeOwnPassword to the public", async () => {
    await expect(changeOwnPassword(null, "x", "a brand new passphrase")).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });
});

describe("user management", () => {
  const admin = () => viewerFor("admin@example.org");

  it("creates a user whose one-time link sets the password once", async () => {
    const { id, token } = createUser(admin(), {
      email: "focal.point@example.org",
      name: "Focal Point",
      role: "reporter",
      institutionId: viewerFor("reporter.moh@example.org").institutionId,
    });
    expect(userRow("focal.point@example.org")).toMatchObject({
      id,
      passwordHash: null,
      active: true,
    });
    expect(await setPasswordWithToken(token, "a long and private passphrase")).toEqual({
      email: "focal.point@example.org",
    });
    const hash = userRow("focal.point@example.org")?.passwordHash ?? "";
    expect(await verifyPassword("a long and private passphrase", hash)).toBe(true);
    await expect(setPasswordWithToken(token, "another long passphrase")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("never stores the link itself, only its hash", () => {
    const { token } = createUser(admin(), {
      email: "x.y@example.org",
      name: "X Y",
      role: "cso",
      institutionId: null,
    });
    const stored = db()
      .select()
      .from(passwordTokens)
      .all()
      .map((row) => row.tokenHash);
    expect(stored).not.toContain(token);
  });

  it("refuses an expired link", async () => {
    const { id, token } = createUser(admin(), {
      email: "late@example.org",
      name: "Late",
      role: "cso",
      institutionId: null,
    });
    db()
      .update(passwordTokens)
      .set({ expiresAt: "2000-01-01T00:00:00.000Z" })
      .where(eq(passwordTokens.userId, id))
      .run();
    await expect(
      setPasswordWithToken(token, "a long and private passphrase"),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a duplicate e-mail and an unknown institution", () => {
    expect(() =>
      createUser(admin(), {
        email: "admin@example.org",
        name: "Again",
        role: "cso",
        institutionId: null,
      }),
    ).toThrow(expect.objectContaining({ code: "CONFLICT" }));
    expect(() =>
      createUser(admin(), {
        email: "n@example.org",
        name: "N",
        role: "reporter",
        institutionId: 9999,
      }),
    ).toThrow(expect.objectContaining({ code: "VALIDATION" }));
    expect(userRow("n@example.org")).toBeUndefined();
  });

  it("ends a user's sessions when their role or institution changes, not when only the name does", () => {
    const id = targetId();
    const institutionId = userRow(TARGET)?.institutionId ?? null;
    updateUser(admin(), id, { name: "RNP focal point (renamed)", role: "reporter", institutionId });
    expect(userRow(TARGET)?.sessionVersion).toBe(1);
    updateUser(admin(), id, { name: "RNP focal point", role: "reviewer", institutionId: null });
    expect(userRow(TARGET)).toMatchObject({ sessionVersion: 2, role: "reviewer" });
  });

  it("ends a user's sessions when deactivated, and lets them back when reactivated", () => {
    setUserActive(admin(), targetId(), false);
    expect(userRow(TARGET)).toMatchObject({ active: false, sessionVersion: 2 });
    setUserActive(admin(), targetId(), true);
    expect(userRow(TARGET)).toMatchObject({ active: true, sessionVersion: 3 });
  });

  it("stops an admin from deactivating or demoting themselves", () => {
    const self = admin();
    expect(() => setUserActive(self, self.id, false)).toThrow(
      expect.objectContaining({ code: "VALIDATION" }),
    );
    expect(() =>
      updateUser(self, self.id, { name: "Me", role: "reviewer", institutionId: null }),
    ).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });

  it("resets a password: the old one stops working and sessions end", () => {
    resetPassword(admin(), targetId());
    expect(userRow(TARGET)).toMatchObject({ passwordHash: null, sessionVersion: 2 });
  });

  it("changes one's own password only with the current one", async () => {
    const reviewer = viewerFor("reviewer@example.org");
    await expect(
      changeOwnPassword(reviewer, "wrong current", "a new long passphrase"),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await changeOwnPassword(reviewer, TEST_DEMO_PASSWORD, "a new long passphrase");
    const row = userRow("reviewer@example.org");
    expect(row?.sessionVersion).toBe(2);
    expect(await verifyPassword("a new long passphrase", row?.passwordHash ?? "")).toBe(true);
  });

  it("searches by name, e-mail or institution, role and status", () => {
    expect(listUsers(admin(), { q: "rnp" }).map((u) => u.email)).toEqual([
      "reporter.rnp@example.org",
    ]);
    expect(listUsers(admin(), { role: "reviewer" }).map((u) => u.email)).toEqual([
      "reviewer@example.org",
    ]);
    setUserActive(admin(), targetId(), false);
    expect(listUsers(admin(), { status: "inactive" }).map((u) => u.email)).toEqual([TARGET]);
    expect(listUsers(admin(), { q: "%" })).toEqual([]);
  });
});
