/**
 * Notifications: the bell in the signed-in shell, and e-mail when SMTP is configured.
 *
 * Writing: `notifyUsers`, `notifyInstitutionReporters` and `notifyReviewers` are called by the
 * report workflow and the reminders with their own database handle, inside their transaction,
 * so a notification exists exactly when the change it announces was committed. Deactivated
 * users are skipped. A `dedupeKey` makes a notification happen once per user, also across
 * restarts (unique index on user and key). After committing, the caller calls `kickMailer()`.
 *
 * Reading: a user only ever sees and marks their own notifications; someone else's is answered
 * as if it did not exist.
 */
import "server-only";
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { type Db, getDb } from "@/db/client";
import { notifications, users } from "@/db/schema";
import { assertAllowed, deny } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { isMailConfigured } from "@/lib/mail/mailer";
import { scheduleSweep } from "./outbox";

export type NotificationKind =
  | "report.submitted"
  | "report.returned"
  | "report.approved"
  | "report.reopened"
  | "report.comment"
  | "deadline.reminder"
  | "deadline.overdue";

export type NotificationInput = {
  kind: NotificationKind;
  title: string;
  body?: string;
  link?: string;
  dedupeKey?: string;
};

/** A database or a transaction of it: notifications are written with the caller's handle. */
type Writer = Pick<Db, "select" | "insert">;

function clip(max: number) {
  return (text: string) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
}

/**
 * Links are paths inside this app ("/workspace", "/review/12"): they become e-mailed links
 * under PUBLIC_URL, so an absolute or protocol-relative address could send people elsewhere.
 */
const inputSchema = z.object({
  kind: z.enum([
    "report.submitted",
    "report.returned",
    "report.approved",
    "report.reopened",
    "report.comment",
    "deadline.reminder",
    "deadline.overdue",
  ]),
  // Long text is shortened, not refused: a comment quoted in a notification must never make
  // the workflow change that announces it fail.
  title: z.string().trim().min(1).transform(clip(200)),
  body: z.string().trim().transform(clip(2000)).optional(),
  link: z
    .string()
    .regex(/^\/(?![/\\])[^\s]*$/, "must be a path inside the app, e.g. /workspace")
    .max(500)
    .optional(),
  dedupeKey: z.string().min(1).max(200).optional(),
});

/** Notifies these users (the active ones among them); a repeated dedupeKey is ignored. */
export function notifyUsers(db: Writer, userIds: number[], n: NotificationInput): void {
  const input = inputSchema.parse(n);
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  const recipients = db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.active, true)))
    .all();
  insertFor(db, recipients, input);
}

/** Notifies the active reporters of one institution. */
export function notifyInstitutionReporters(
  db: Writer,
  institutionId: number,
  n: NotificationInput,
): void {
  const input = inputSchema.parse(n);
  const recipients = db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.institutionId, institutionId),
        eq(users.role, "reporter"),
        eq(users.active, true),
      ),
    )
    .all();
  insertFor(db, recipients, input);
}

/** Notifies every active reviewer and admin (the steering committee and the secretariat). */
export function notifyReviewers(db: Writer, n: NotificationInput): void {
  const input = inputSchema.parse(n);
  const recipients = db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, ["reviewer", "admin"]), eq(users.active, true)))
    .all();
  insertFor(db, recipients, input);
}

function insertFor(db: Writer, recipients: { id: number }[], input: z.infer<typeof inputSchema>) {
  if (recipients.length === 0) return;
  db.insert(notifications)
    .values(
      recipients.map((recipient) => ({
        userId: recipient.id,
        kind: input.kind,
        title: input.title,
        body: input.body ?? null,
        link: input.link ?? null,
        dedupeKey: input.dedupeKey ?? null,
      })),
    )
    .onConflictDoNothing()
    .run();
}

/**
 * Asks for pending e-mails to be sent soon. Fire-and-forget and safe to call anywhere: the
 * send starts on a later tick, after the caller's (synchronous) transaction has committed, and
 * never throws into the caller. Without SMTP it does nothing.
 */
export function kickMailer(): void {
  if (!isMailConfigured()) return;
  scheduleSweep();
}

// --- The signed-in user's own notifications ----------------------------------------------

export type NotificationItem = {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  read: boolean;
};

export const listNotificationsSchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  unreadOnly: z
    .union([z.boolean(), z.enum(["true", "false", "1", "0"])])
    .default(false)
    .transform((value) => value === true || value === "true" || value === "1"),
});

export type ListNotificationsOptions = z.input<typeof listNotificationsSchema>;

/** The viewer's own notifications, newest first. Any signed-in user; never anyone else's. */
export function listNotifications(
  viewer: Viewer,
  options: ListNotificationsOptions = {},
): NotificationItem[] {
  const user = assertAllowed(viewer, "notifications.read");
  const parsed = listNotificationsSchema.safeParse(options);
  if (!parsed.success) {
    throw new AppError(
      "VALIDATION",
      "limit must be a whole number from 1 to 100, unreadOnly true or false.",
    );
  }
  const { limit, unreadOnly } = parsed.data;
  const rows = getDb()
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(
      and(eq(notifications.userId, user.id), unreadOnly ? isNull(notifications.readAt) : undefined),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .all();
  return rows.map(({ readAt, ...row }) => ({ ...row, read: readAt !== null }));
}

/** How many of the viewer's own notifications are unread. Any signed-in user. */
export function unreadCount(viewer: Viewer): number {
  const user = assertAllowed(viewer, "notifications.read");
  const row = getDb()
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)))
    .get();
  return row?.n ?? 0;
}

export const markReadSchema = z.object({
  ids: z.union([z.literal("all"), z.array(z.number().int().positive()).min(1).max(200)]),
});

/**
 * Marks the viewer's own notifications as read: the listed ones, or all. Listing one that is
 * not the viewer's is refused as NOT_FOUND (and logged) and marks nothing. Returns how many
 * became read.
 */
export function markRead(viewer: Viewer, ids: number[] | "all"): number {
  const user = assertAllowed(viewer, "notifications.read");
  const parsed = markReadSchema.safeParse({ ids });
  if (!parsed.success) throw new AppError("VALIDATION", "Name the notifications to mark as read.");
  const db = getDb();
  const now = new Date().toISOString();
  const target = parsed.data.ids;
  if (target === "all") {
    return db
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)))
      .run().changes;
  }
  const wanted = [...new Set(target)];
  // Checked before the update and outside a transaction: the refusal's audit entry must stay.
  const owned = new Set(
    db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.userId, user.id), inArray(notifications.id, wanted)))
      .all()
      .map((row) => row.id),
  );
  const others = wanted.filter((id) => !owned.has(id));
  if (others.length > 0) {
    deny(user, "notifications.read", {
      entityType: "notification",
      entityId: others.join(","),
      hide: true,
    });
  }
  return db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.userId, user.id),
        inArray(notifications.id, wanted),
        isNull(notifications.readAt),
      ),
    )
    .run().changes;
}
