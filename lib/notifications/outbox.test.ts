/**
 * Notification e-mail through a real SMTP server that the test starts on loopback (the
 * smtp-server package): each notification arrives once, also with two sweeps at the same time
 * and after a restart; a refusing server leaves the row to be retried with back-off.
 */
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { notifications, plans, reportingPeriods, users } from "@/db/schema";
import { logger } from "@/lib/log/logger";
import { withTestDatabase } from "@/test/db";
import { kickMailer, notifyUsers } from "./data";
import { MAX_ATTEMPTS, outboxIdle, RETRY_AFTER_MINUTES, sweepOutbox } from "./outbox";
import { localDate, runReminders } from "./reminders";

withTestDatabase();

const A = "reporter.migeprof@example.org";

type Received = { to: string[]; raw: string; text: string };
const received: Received[] = [];
/** What the server answers to RCPT TO: accept, or a temporary refusal. */
let mode: "accept" | "refuse" = "accept";
let server: SMTPServer;
let port = 0;

/** The message with quoted-printable soft breaks and escapes undone, to read the text. */
function decode(raw: string): string {
  return raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})((?:=[0-9A-F]{2})*)/g, (match) =>
      Buffer.from(match.replace(/=/g, ""), "hex").toString("utf8"),
    );
}

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (mode === "accept") return callback();
      const error = new Error("Mailbox busy, try again later") as Error & {
        responseCode: number;
      };
      error.responseCode = 451;
      callback(error);
    },
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => {
        raw += chunk.toString("utf8");
      });
      stream.on("end", () => {
        // A slow server, so that two sweeps really overlap.
        setTimeout(() => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            text: decode(raw),
          });
          callback();
        }, 30);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
  mode = "accept";
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "NAP Secretariat <nap@example.gov>";
  process.env.PUBLIC_URL = "https://nap.example.gov";
});

// A sweep started by a test (kickMailer) must end before its database is closed and removed.
afterEach(async () => {
  await outboxIdle();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  delete process.env.PUBLIC_URL;
  vi.restoreAllMocks();
});

function userId(email: string): number {
  const row = getDb().select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (!row) throw new Error(email);
  return row.id;
}

function rowOf(id: number) {
  return getDb()
    .select({
      emailedAt: notifications.emailedAt,
      emailAttempts: notifications.emailAttempts,
      emailError: notifications.emailError,
    })
    .from(notifications)
    .where(eq(notifications.id, id))
    .get();
}

/** Notifies reporter A; returns the new row's id. */
function notifyA(
  title = "Your report was returned",
  body = "Please add the missing figures.",
): number {
  notifyUsers(getDb(), [userId(A)], { kind: "report.returned", title, body, link: "/workspace" });
  const row = getDb()
    .select({ id: notifications.id })
    .from(notifications)
    .where(eq(notifications.title, title))
    .get();
  if (!row) throw new Error("not notified");
  return row.id;
}

/** Only the seeded e-mails of this test's own making: the demo data may hold others. */
function forgetOtherNotifications() {
  getDb().update(notifications).set({ emailedAt: "2000-01-01T00:00:00.000Z" }).run();
}

const minutesLater = (minutes: number) => new Date(Date.now() + minutes * 60_000);

describe("notification e-mail", () => {
  beforeEach(() => forgetOtherNotifications());

  it("sends plain text and HTML with an absolute link, to the user's address", async () => {
    const id = notifyA("Your report was <returned>", "Line one.\n\nLine two & more.");
    expect(await sweepOutbox()).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.to).toEqual([A]);
    expect(mail?.raw).toContain("Content-Type: text/plain");
    expect(mail?.raw).toContain("Content-Type: text/html");
    expect(mail?.text).toContain("Your report was <returned>");
    expect(mail?.text).toContain("Open: https://nap.example.gov/workspace");
    expect(mail?.text).toContain("&lt;returned&gt;");
    expect(mail?.text).toContain('href="https://nap.example.gov/workspace"');
    expect(mail?.text).toContain("All your notifications: https://nap.example.gov/notifications");
    const row = rowOf(id);
    expect(row?.emailedAt).not.toBeNull();
    expect(row?.emailError).toBeNull();
  });

  it("the deadline reminder arrives exactly once: two sweeps, a restart, more runs", async () => {
    const db = getDb();
    db.update(reportingPeriods).set({ status: "closed" }).run();
    const plan = db.select({ id: plans.id }).from(plans).where(eq(plans.status, "active")).get();
    const now = new Date();
    db.insert(reportingPeriods)
      .values({
        planId: plan?.id ?? 0,
        code: "2099Q1",
        type: "quarterly",
        startDate: "2099-01-01",
        endDate: "2099-03-31",
        deadline: localDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 7)),
      })
      .run();
    expect(runReminders(now, [7, 1])).toBeGreaterThan(0);
    // Two sweeps at once: one from this module, one from a second copy of it (as another
    // bundle of the app or a second server would run), sharing only the database.
    vi.resetModules();
    const other = await import("./outbox");
    expect(other.sweepOutbox).not.toBe(sweepOutbox);
    await Promise.all([sweepOutbox(), other.sweepOutbox(), sweepOutbox()]);
    await sweepOutbox();

    // A restart: the connection closed, every module loaded afresh, the same database file.
    closeDb();
    vi.resetModules();
    const restarted = {
      ...(await import("./outbox")),
      ...(await import("./reminders")),
    };
    expect(restarted.runReminders(now, [7, 1])).toBe(0);
    await restarted.sweepOutbox();
    await restarted.sweepOutbox(minutesLater(60 * 24));

    const toA = received.filter((mail) => mail.to.includes(A));
    expect(toA).toHaveLength(1);
    expect(toA[0]?.text).toContain("Report due in 7 days: Q1 2099 (January–March)");
    expect(toA[0]?.text).toContain("https://nap.example.gov/workspace");
    // Every reporter reminded got exactly one message.
    const recipients = received.flatMap((mail) => mail.to);
    expect(new Set(recipients).size).toBe(recipients.length);
  });

  it("a refusing server leaves the row unsent, counted, and it is sent later with back-off", async () => {
    mode = "refuse";
    const id = notifyA();
    expect(await sweepOutbox()).toEqual({ sent: 0, failed: 1 });
    expect(received).toHaveLength(0);
    expect(rowOf(id)).toEqual({
      emailedAt: null,
      emailAttempts: 1,
      emailError: expect.stringContaining("451"),
    });
    // Too soon for the second attempt: nothing happens, the count stays.
    await sweepOutbox();
    expect(rowOf(id)?.emailAttempts).toBe(1);

    mode = "accept";
    await sweepOutbox(minutesLater((RETRY_AFTER_MINUTES[1] ?? 5) + 1));
    expect(received).toHaveLength(1);
    expect(rowOf(id)).toEqual({
      emailedAt: expect.any(String),
      emailAttempts: 1,
      emailError: null,
    });
    await sweepOutbox(minutesLater(60 * 24));
    expect(received).toHaveLength(1);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts and keeps the error`, async () => {
    mode = "refuse";
    const id = notifyA();
    for (const minutes of RETRY_AFTER_MINUTES) await sweepOutbox(minutesLater(minutes + 1));
    expect(rowOf(id)).toEqual({
      emailedAt: null,
      emailAttempts: MAX_ATTEMPTS,
      emailError: expect.stringContaining("451"),
    });
    mode = "accept";
    await sweepOutbox(minutesLater(60 * 24));
    expect(received).toHaveLength(0);
  });

  it("an unreachable server costs one attempt, not one per waiting message", async () => {
    const first = notifyA("First");
    const second = notifyA("Second");
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    expect(await sweepOutbox()).toEqual({ sent: 0, failed: 1 });
    expect(rowOf(first)).toMatchObject({ emailedAt: null, emailAttempts: 1 });
    expect(rowOf(second)).toEqual({ emailedAt: null, emailAttempts: 0, emailError: null });
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    await sweepOutbox(minutesLater(10));
    expect(received.map((mail) => mail.to)).toEqual([[A], [A]]);
  });

  it("never resends a message whose sending was interrupted (the process died mid-send)", async () => {
    const id = notifyA();
    getDb()
      .update(notifications)
      .set({ emailedAt: new Date().toISOString(), emailError: "sending" })
      .where(eq(notifications.id, id))
      .run();
    await sweepOutbox(minutesLater(60));
    expect(received).toHaveLength(0);
  });

  it("skips what was already read in the app, deactivated users, and old notifications", async () => {
    const read = notifyA("Read already");
    getDb()
      .update(notifications)
      .set({ readAt: new Date().toISOString() })
      .where(eq(notifications.id, read))
      .run();
    notifyA("To a deactivated user");
    getDb().update(users).set({ active: false }).where(eq(users.email, A)).run();
    await sweepOutbox();
    getDb().update(users).set({ active: true }).where(eq(users.email, A)).run();
    const old = notifyA("Old news");
    getDb()
      .update(notifications)
      .set({ createdAt: new Date(Date.now() - 8 * 86_400_000).toISOString() })
      .where(eq(notifications.id, old))
      .run();
    getDb()
      .update(notifications)
      .set({ emailedAt: "2000-01-01T00:00:00.000Z" })
      .where(eq(notifications.title, "To a deactivated user"))
      .run();
    await sweepOutbox();
    expect(received).toHaveLength(0);
  });

  it("kickMailer sends soon after the caller's commit", async () => {
    getDb().transaction((tx) => {
      notifyUsers(tx, [userId(A)], {
        kind: "report.approved",
        title: "Approved",
        link: "/workspace",
      });
      kickMailer();
    });
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 5_000 });
    // Sent once means also marked as sent: the next sweep does not send it again.
    await outboxIdle();
    const [row] = getDb()
      .select({ emailedAt: notifications.emailedAt, emailError: notifications.emailError })
      .from(notifications)
      .where(eq(notifications.title, "Approved"))
      .all();
    expect(row?.emailedAt).toBeTruthy();
    expect(row?.emailError).toBeNull();
  });

  it("without SMTP nothing is e-mailed and the notification is still in the app", async () => {
    delete process.env.SMTP_URL;
    const id = notifyA();
    kickMailer();
    expect(await sweepOutbox()).toEqual({ sent: 0, failed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(received).toHaveLength(0);
    expect(rowOf(id)).toEqual({ emailedAt: null, emailAttempts: 0, emailError: null });
  });

  it("logs neither addresses nor message text, also when sending fails", async () => {
    const lines: string[] = [];
    for (const level of ["info", "warn", "error"] as const) {
      vi.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
        lines.push(JSON.stringify(args));
      }) as never);
    }
    notifyA("Secret title", "Confidential body text");
    mode = "refuse";
    await sweepOutbox();
    mode = "accept";
    await sweepOutbox(minutesLater(10));
    expect(received).toHaveLength(1);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain("@example.org");
      expect(line).not.toContain("Secret title");
      expect(line).not.toContain("Confidential");
    }
  });
});
