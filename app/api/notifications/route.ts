/** The signed-in user's own notifications, newest first (`?limit=1..100&unreadOnly=true`). */
import { handlePrivate, privateJson } from "@/lib/api/private";
import { listNotifications, unreadCount } from "@/lib/notifications/data";

export function GET(request: Request) {
  return handlePrivate(request, (viewer) => {
    // The count first: it refuses the public before the query string is looked at.
    const unread = unreadCount(viewer);
    const query = Object.fromEntries(new URL(request.url).searchParams);
    return privateJson({ items: listNotifications(viewer, query), unread });
  });
}
