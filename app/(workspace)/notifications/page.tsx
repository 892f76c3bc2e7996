import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/guard";
import { listNotifications, unreadCount } from "@/lib/notifications/data";
import { MarkAllReadButton, NotificationLink } from "./notification-actions";

export const metadata: Metadata = { title: "Notifications" };

const SHOWN = 100;

const KIND_LABELS: Record<string, string> = {
  "report.submitted": "Awaiting review",
  "report.returned": "Returned",
  "report.approved": "Approved",
  "report.reopened": "Reopened",
  "report.comment": "Comment",
  "deadline.reminder": "Reminder",
  "deadline.overdue": "Overdue",
};

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** The signed-in user's own notifications, newest first; unread ones say so in words. */
export default async function NotificationsPage() {
  const viewer = await requirePage("notifications.read", "/notifications");
  const items = listNotifications(viewer, { limit: SHOWN });
  const unread = unreadCount(viewer);
  return (
    <div className="notifications">
      <div className="pill-heading">
        <h1>Notifications</h1>
        {unread > 0 ? <MarkAllReadButton /> : null}
      </div>
      <p className="meta" aria-live="polite">
        {unread === 0 ? "Nothing unread." : `${unread} unread.`}
        {items.length === SHOWN ? ` The ${SHOWN} most recent are shown.` : ""}
      </p>
      {items.length === 0 ? (
        <p className="card">
          No notifications yet. Reminders before reporting deadlines, reports returned or approved,
          and reports awaiting review will appear here.
        </p>
      ) : (
        <ol className="notification-list">
          {items.map((item) => (
            <li key={item.id} className={item.read ? "notification" : "notification unread"}>
              <p className="notification-title">
                {item.read ? null : <span className="badge badge-info">Unread</span>}
                {item.link ? (
                  <NotificationLink id={item.id} href={item.link} unread={!item.read}>
                    {item.title}
                  </NotificationLink>
                ) : (
                  <span>{item.title}</span>
                )}
              </p>
              {item.body ? <p className="notification-body">{item.body}</p> : null}
              <p className="meta">
                {KIND_LABELS[item.kind] ?? "Notice"} ·{" "}
                <time dateTime={item.createdAt}>{when.format(new Date(item.createdAt))}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
