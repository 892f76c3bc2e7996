/**
 * The e-mail outbox: every notification is also e-mailed, once, when SMTP_URL is configured.
 * The notifications table is the queue (`emailedAt` null = not sent yet), so nothing is lost
 * across restarts and no second store is needed.
 *
 * At most once: a sweep first claims its rows in one UPDATE that sets `emailedAt` only where it
 * is still null, and sends only what it claimed, so two sweeps (in this process, in another
 * bundle of it, or in a second server on the same file) never send the same row. A failed send
 * gives the row back (`emailedAt` null again) with the attempt counted and the error kept; it is
 * tried again later, with back-off, up to MAX_ATTEMPTS times. If the process dies in the middle
 * of an SMTP conversation the row stays claimed (emailError "sending"): whether the server took
 * the message cannot be known, and sending it again could send it twice. The notification is
 * still in the app.
 *
 * Not e-mailed: notifications already read in the app, those of deactivated users, and those
 * older than MAX_AGE_DAYS (so that configuring SMTP on an installation that ran without it does
 * not flood everyone with old news).
 *
 * Logs name notification ids and SMTP error codes only: never an address or a message body.
 *
 * This module talks to nodemailer directly rather than through lib/mail/mailer.ts because it
 * needs an HTML part and the SMTP error code (for the retry record), and must not log the error
 * text, which can quote the recipient's address.
 */
import "server-only";
import { and, eq, gte, inArray, isNull, lt, lte, or } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { getDb } from "@/db/client";
import { notifications, users } from "@/db/schema";
import { readEnv } from "@/lib/config/env";
import { logger } from "@/lib/log/logger";

export const MAX_ATTEMPTS = 5;
/** Minutes after a notification's creation from which attempt 1, 2, … 5 may be made. */
export const RETRY_AFTER_MINUTES = [0, 5, 30, 120, 720] as const;
export const MAX_AGE_DAYS = 7;
/** Marks a row claimed by a sweep that is sending it now. */
export const CLAIM_MARK = "sending";
const BATCH = 50;
/** Takes the write lock at the start, so the claim's read and write see the same rows. */
const IMMEDIATE = { behavior: "immediate" } as const;

export type SweepResult = { sent: number; failed: number };

let cached: { url: string; transporter: Transporter } | undefined;

function transport(): { transporter: Transporter; from: string; baseUrl: string | null } | null {
  const env = readEnv();
  if (!env.SMTP_URL) return null;
  if (cached?.url !== env.SMTP_URL) {
    cached?.transporter.close();
    cached = {
      url: env.SMTP_URL,
      transporter: nodemailer.createTransport({
        url: env.SMTP_URL,
        // A hung server must not hold the sweep for nodemailer's default minutes.
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 60_000,
      }),
    };
  }
  return {
    transporter: cached.transporter,
    from: env.MAIL_FROM ?? "NAP Tracker <no-reply@localhost>",
    baseUrl: publicBaseUrl(env.PUBLIC_URL ?? env.NEXTAUTH_URL),
  };
}

/** The address people use (PUBLIC_URL; NEXTAUTH_URL if only that is set), without a trailing slash. */
function publicBaseUrl(candidate: string | undefined): string | null {
  if (!candidate) return null;
  try {
    const url = new URL(candidate);
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return null;
  }
}

type Claimed = {
  id: number;
  userId: number;
  title: string;
  body: string | null;
  link: string | null;
  emailAttempts: number;
};

/** Claims up to one batch of rows that are due, atomically (see the top of this file). */
function claimDue(now: Date): Claimed[] {
  const db = getDb();
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const dueByAttempts = or(
    ...RETRY_AFTER_MINUTES.map((minutes, attempts) =>
      and(eq(notifications.emailAttempts, attempts), lte(notifications.createdAt, at(minutes))),
    ),
  );
  return db.transaction((tx) => {
    const due = tx
      .select({ id: notifications.id })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(
        and(
          isNull(notifications.emailedAt),
          isNull(notifications.readAt),
          eq(users.active, true),
          lt(notifications.emailAttempts, MAX_ATTEMPTS),
          gte(notifications.createdAt, at(MAX_AGE_DAYS * 24 * 60)),
          dueByAttempts,
        ),
      )
      .orderBy(notifications.id)
      .limit(BATCH)
      .all();
    if (due.length === 0) return [];
    return tx
      .update(notifications)
      .set({ emailedAt: now.toISOString(), emailError: CLAIM_MARK })
      .where(
        and(
          inArray(
            notifications.id,
            due.map((row) => row.id),
          ),
          isNull(notifications.emailedAt),
        ),
      )
      .returning({
        id: notifications.id,
        userId: notifications.userId,
        title: notifications.title,
        body: notifications.body,
        link: notifications.link,
        emailAttempts: notifications.emailAttempts,
      })
      .all();
  }, IMMEDIATE);
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

/** The e-mail for one notification: plain text and a simple HTML part with the same content. */
export function notificationMail(
  n: { title: string; body: string | null; link: string | null },
  baseUrl: string | null,
): { subject: string; text: string; html: string } {
  const link = baseUrl && n.link ? `${baseUrl}${n.link}` : null;
  const all = baseUrl ? `${baseUrl}/notifications` : null;
  const footer = all
    ? `You receive this because you have an account on NAP Tracker. All your notifications: ${all}`
    : "You receive this because you have an account on NAP Tracker. Sign in to see all your notifications.";
  const text = [
    n.title,
    "",
    ...(n.body ? [n.body, ""] : []),
    ...(link ? [`Open: ${link}`, ""] : []),
  ]
    .concat(["—", footer])
    .join("\n");
  const paragraphs = (n.body ?? "")
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1b1f29;line-height:1.5">',
    `<h1 style="font-size:1.2rem">${escapeHtml(n.title)}</h1>`,
    paragraphs,
    link
      ? `<p><a href="${escapeHtml(link)}" style="color:#0b57a4;font-weight:600">Open in NAP Tracker</a></p>`
      : "",
    `<hr style="border:0;border-top:1px solid #d5d9e0"><p style="color:#4a5263;font-size:0.9rem">${
      all
        ? `You receive this because you have an account on NAP Tracker. <a href="${escapeHtml(all)}">All your notifications</a>`
        : escapeHtml(footer)
    }</p>`,
    "</body></html>",
  ].join("");
  return { subject: n.title, text, html };
}

/** Errors that say the server could not be reached at all: the rest of the batch waits. */
const CONNECTION_ERRORS = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "EAUTH", "ETLS"]);

function describeSmtpError(error: unknown): {
  code: string;
  responseCode?: number;
  stored: string;
} {
  const e = error as { code?: unknown; responseCode?: unknown; response?: unknown };
  const code = typeof e?.code === "string" ? e.code : "ERROR";
  const responseCode = typeof e?.responseCode === "number" ? e.responseCode : undefined;
  // Kept in the database (access-controlled, like the address itself), never in the logs.
  const response = typeof e?.response === "string" ? e.response : "";
  const stored = [code, responseCode, response].filter(Boolean).join(" ").slice(0, 300);
  return { code, responseCode, stored };
}

async function sweepOnce(now: Date): Promise<SweepResult & { full: boolean }> {
  const configured = transport();
  if (!configured) return { sent: 0, failed: 0, full: false };
  const claimed = claimDue(now);
  if (claimed.length === 0) return { sent: 0, failed: 0, full: false };
  // The connection is taken afresh after every await: a sweep outlives the request that started
  // it, and the process may have closed and reopened the database meanwhile (shutdown, tests).
  const recipients = new Map(
    getDb()
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(inArray(users.id, [...new Set(claimed.map((row) => row.userId))]))
      .all()
      .map((user) => [user.id, user]),
  );
  let sent = 0;
  let failed = 0;
  for (const [index, row] of claimed.entries()) {
    const recipient = recipients.get(row.userId);
    try {
      if (!recipient) throw Object.assign(new Error("no recipient"), { code: "ENORECIPIENT" });
      await configured.transporter.sendMail({
        from: configured.from,
        to: { name: recipient.name, address: recipient.email },
        ...notificationMail(row, configured.baseUrl),
      });
      getDb()
        .update(notifications)
        .set({ emailedAt: new Date().toISOString(), emailError: null })
        .where(eq(notifications.id, row.id))
        .run();
      sent++;
    } catch (error) {
      failed++;
      const { code, responseCode, stored } = describeSmtpError(error);
      const attempts = row.emailAttempts + 1;
      getDb()
        .update(notifications)
        .set({ emailedAt: null, emailAttempts: attempts, emailError: stored })
        .where(eq(notifications.id, row.id))
        .run();
      logger.warn(
        {
          kind: "mail",
          notificationId: row.id,
          attempt: attempts,
          code,
          responseCode,
          givenUp: attempts >= MAX_ATTEMPTS,
        },
        attempts >= MAX_ATTEMPTS
          ? "notification e-mail failed; no more attempts"
          : "notification e-mail failed; will retry",
      );
      if (CONNECTION_ERRORS.has(code)) {
        // Give the rest back untouched (no attempt counted): the server is unreachable, not them.
        const rest = claimed.slice(index + 1).map((r) => r.id);
        if (rest.length > 0) {
          getDb()
            .update(notifications)
            .set({ emailedAt: null, emailError: null })
            .where(and(inArray(notifications.id, rest), eq(notifications.emailError, CLAIM_MARK)))
            .run();
        }
        return { sent, failed, full: false };
      }
    }
  }
  if (sent > 0) logger.info({ kind: "mail", sent, failed }, "notification e-mails sent");
  return { sent, failed, full: claimed.length === BATCH && failed === 0 };
}

let running: Promise<SweepResult> | undefined;
let again = false;

/**
 * Sends the notifications that are due (see above). One sweep at a time in this module: a call
 * during a sweep makes that sweep look once more when it ends, and shares its result.
 */
export function sweepOutbox(now?: Date): Promise<SweepResult> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    const total: SweepResult = { sent: 0, failed: 0 };
    try {
      let more = true;
      while (more) {
        again = false;
        const result = await sweepOnce(now ?? new Date());
        total.sent += result.sent;
        total.failed += result.failed;
        more = result.full || (again && result.failed === 0);
      }
      return total;
    } finally {
      running = undefined;
    }
  })();
  return running;
}

let pending: ReturnType<typeof setTimeout> | undefined;

/** A sweep shortly, on a later tick; calls in the meantime share it. Errors are logged. */
export function scheduleSweep(delayMs = 200): void {
  if (pending) return;
  pending = setTimeout(() => {
    pending = undefined;
    sweepOutbox().catch((error: unknown) => {
      logger.error({ kind: "mail", err: errorSummary(error) }, "notification e-mail sweep failed");
    });
  }, delayMs);
  pending.unref?.();
}

/** Resolves when no sweep is scheduled or running (tests wait for it before closing the database). */
export async function outboxIdle(): Promise<void> {
  while (pending || running) {
    if (running) await running.catch(() => undefined);
    else await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** An error's name and message for the logs, for failures that are not about one message. */
export function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: "Error", message: String(error) };
}
