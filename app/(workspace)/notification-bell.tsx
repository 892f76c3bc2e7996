"use client";
/**
 * The bell in the signed-in bar: a link to /notifications whose name says how many are unread
 * ("Notifications, 3 unread"). The first number comes with the page; it is then refreshed every
 * minute while the tab is open, when the tab comes back into view, and after marking as read.
 */
import { queryOptions, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { api } from "./query-provider";

export const notificationCountQuery = queryOptions({
  queryKey: ["notifications", "count"],
  queryFn: () => api<{ unread: number }>("/api/notifications/count").then((data) => data.unread),
  refetchInterval: 60_000,
  refetchOnWindowFocus: true,
});

export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const pathname = usePathname();
  const { data: unread = initialUnread } = useQuery({
    ...notificationCountQuery,
    initialData: initialUnread,
    // The server's number is fresh when the page is rendered.
    initialDataUpdatedAt: Date.now(),
  });
  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <Link
      href="/notifications"
      className="bell"
      aria-label={label}
      aria-current={pathname === "/notifications" ? "page" : undefined}
    >
      <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="22" height="22">
        <path
          d="M12 2.5a6 6 0 0 0-6 6v3.2c0 .9-.3 1.8-.9 2.5L3.8 16c-.5.6-.1 1.5.7 1.5h15c.8 0 1.2-.9.7-1.5l-1.3-1.8c-.6-.7-.9-1.6-.9-2.5V8.5a6 6 0 0 0-6-6Zm-2.5 16.5a2.5 2.5 0 0 0 5 0h-5Z"
          fill="currentColor"
        />
      </svg>
      {unread > 0 ? (
        <span className="bell-count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
