import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { withTestDatabase } from "@/test/db";
import { TEST_DEMO_PASSWORD } from "@/test/paths";
import { verifyCredentials } from "./sign-in";
import { ACCOUNT_LIMIT, ADDRESS_LIMIT } from "./throttle";

withTestDatabase();

const ADMIN = "admin@example.org";

function auditActions(label: string) {
  return getDb()
    .select({ action: auditEvents.action, after: auditEvents.after, ip: auditEvents.ip })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorLabel, label), like(auditEvents.action, "auth.%")))
    .all();
}

describe("verifyCredentials", () => {
  it("accepts the right password, case-insensitively for the e-mail, and audits it", async () => {
    const result = await verifyCredentials(
      { email: " Admin@Example.org ", password: TEST_DEMO_PASSWORD },
      "10.0.0.1",
    );
    expect(result).toMatchObject({ ok: true, sessionVersion: 1 });
    expect(auditActions(ADMIN)).toEqual([{ action: "auth.sign_in", after: null, ip: "10.0.0.1" }]);
  });

  it("answers the same for a wrong password and an unknown account, and audits both", async () => {
    const wrong = await verifyCredentials(
      { email: ADMIN, password: "not the password" },
      "10.0.0.2",
    );
    const unknown = await verifyCredentials(
      { email: "nobody@example.org", password: "whatever it is" },
      "10.0.0.2",
    );
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(auditActions(ADMIN)[0]?.action).toBe("auth.sign_in_failed");
    expect(auditActions("nobody@example.org")[0]?.action).toBe("auth.sign_in_failed");
  });

  it("refuses a deactivated account even with the right password", async () => {
    getDb().update(users).set({ active: false }).where(eq(users.email, ADMIN)).run();
    expect(
      await verifyCredentials({ email: ADMIN, password: TEST_DEMO_PASSWORD }, "10.0.0.3"),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("rejects malformed and overlong input without checking anything", async () => {
    for (const input of [
      {},
      { email: "not-an-email", password: "x" },
      { email: ADMIN, password: "" },
      { email: ADMIN, password: "x".repeat(1025) },
      { email: `${"a".repeat(300)}@example.org`, password: "x" },
      { email: ["array"], password: { object: true } },
    ]) {
      expect(await verifyCredentials(input, "10.0.0.4")).toEqual({
        ok: false,
        reason: "malformed",
      });
    }
  });

  it(`locks an account after ${ACCOUNT_LIMIT} failures, even for the right password`, async () => {
    for (let i = 0; i < ACCOUNT_LIMIT; i++) {
      expect(
        (await verifyCredentials({ email: ADMIN, password: `wrong ${i}` }, `10.1.0.${i}`)).ok,
      ).toBe(false);
    }
    expect(
      await verifyCredentials({ email: ADMIN, password: TEST_DEMO_PASSWORD }, "10.1.1.1"),
    ).toEqual({
      ok: false,
      reason: "locked",
    });
    // Another account is not affected.
    expect(
      (
        await verifyCredentials(
          { email: "reviewer@example.org", password: TEST_DEMO_PASSWORD },
          "10.1.1.1",
        )
      ).ok,
    ).toBe(true);
  });

  it("locks an unknown account the same way, so a lock reveals nothing", async () => {
    for (let i = 0; i < ACCOUNT_LIMIT; i++)
      await verifyCredentials({ email: "ghost@example.org", password: `wrong ${i}` }, "10.2.0.1");
    expect(
      await verifyCredentials(
        { email: "ghost@example.org", password: "anything at all" },
        "10.2.0.2",
      ),
    ).toEqual({
      ok: false,
      reason: "locked",
    });
  });

  it(`locks a client address after ${ADDRESS_LIMIT} failures across accounts`, async () => {
    for (let i = 0; i < ADDRESS_LIMIT; i++) {
      await verifyCredentials(
        { email: `someone${i}@example.org`, password: "wrong password" },
        "10.3.0.1",
      );
    }
    expect(
      await verifyCredentials({ email: ADMIN, password: TEST_DEMO_PASSWORD }, "10.3.0.1"),
    ).toEqual({
      ok: false,
      reason: "locked",
    });
    expect(
      (await verifyCredentials({ email: ADMIN, password: TEST_DEMO_PASSWORD }, "10.3.0.2")).ok,
    ).toBe(true);
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++)
      await verifyCredentials({ email: ADMIN, password: "wrong" }, "10.4.0.1");
    expect(
      (await verifyCredentials({ email: ADMIN, password: TEST_DEMO_PASSWORD }, "10.4.0.1")).ok,
    ).toBe(true);
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++)
      await verifyCredentials({ email: ADMIN, password: "wrong" }, "10.4.0.1");
    expect(
      (await verifyCredentials({ email: ADMIN, password: TEST_DEMO_PASSWORD }, "10.4.0.1")).ok,
    ).toBe(true);
    const locks = getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorLabel, ADMIN), eq(auditEvents.action, "auth.sign_in")))
      .all();
    expect(locks).toHaveLength(2);
  });
});
