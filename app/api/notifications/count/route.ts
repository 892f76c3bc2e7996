/** How many of the signed-in user's notifications are unread: the bell's number. */
import { handlePrivate, privateJson } from "@/lib/api/private";
import { unreadCount } from "@/lib/notifications/data";

export function GET(request: Request) {
  return handlePrivate(request, (viewer) => privateJson({ unread: unreadCount(viewer) }));
}
