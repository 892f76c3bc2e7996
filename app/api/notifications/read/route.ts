/**
 * Marks the signed-in user's own notifications as read: `{ "ids": [12, 13] }` or
 * `{ "ids": "all" }`. Someone else's id is a 404 and marks nothing. Same-origin only.
 */
import { handlePrivate, privateJson, readJson } from "@/lib/api/private";
import { markRead, markReadSchema, unreadCount } from "@/lib/notifications/data";

export function POST(request: Request) {
  return handlePrivate(request, async (viewer) => {
    // Refuse the public before reading the body.
    unreadCount(viewer);
    const { ids } = await readJson(request, markReadSchema);
    const marked = markRead(viewer, ids);
    return privateJson({ marked, unread: unreadCount(viewer) });
  });
}
