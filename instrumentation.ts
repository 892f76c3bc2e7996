/**
 * Next.js instrumentation: every unhandled error of a request is logged as one structured line
 * with the request id (set by scripts/server.ts), the route and the error, never the query string.
 */
import type { Instrumentation } from "next";

/**
 * Once per server process (also under `npm start`'s own server, scripts/server.ts: Next runs
 * this while it prepares): the notifications loop, deadline reminders then e-mail
 * (lib/notifications/scheduler.ts). Node.js runtime only; the database is not reachable elsewhere.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startNotificationLoop } = await import("@/lib/notifications/scheduler");
  startNotificationLoop();
}

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("@/lib/log/logger");
  const headers = request.headers as Record<string, string | string[] | undefined>;
  const err = error as Error & { digest?: string };
  logger.error(
    {
      kind: "error",
      requestId: headers["x-request-id"],
      method: request.method,
      path: request.path.split("?")[0],
      route: context.routePath,
      routeType: context.routeType,
      digest: err.digest,
      err: { name: err.name, message: err.message, stack: err.stack },
    },
    "request error",
  );
};
