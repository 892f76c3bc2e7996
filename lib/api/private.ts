/**
 * JSON answers of the signed-in application's own API (`/api/reports/…`, `/api/notifications/…`):
 * never cached, never shared across origins, and every request that changes something must come
 * from this site (the Origin header is checked: a cross-site form or script cannot act with the
 * user's cookie).
 */
import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { getViewer } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError, DetailedError, ERROR_CODES, type ErrorCode } from "@/lib/errors";

export { DetailedError };

import { logger } from "@/lib/log/logger";

const HEADERS = { "Cache-Control": "no-store" };

export function privateJson<T>(data: T, init?: { status?: number }) {
  return NextResponse.json({ data }, { status: init?.status ?? 200, headers: HEADERS });
}

export function privateError(
  code: ErrorCode | "INTERNAL",
  message: string,
  details?: Record<string, unknown>,
) {
  const status = code === "INTERNAL" ? 500 : ERROR_CODES[code];
  return NextResponse.json({ error: { code, message, ...details } }, { status, headers: HEADERS });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True when a state-changing request names this site as its origin. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Parses a JSON body with a zod schema; a bad body is a 400 with every problem listed. */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("VALIDATION", "The request body must be JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new DetailedError("VALIDATION", "The request is not valid.", {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join("."),
        message: issue.message,
      })),
    });
  }
  return parsed.data;
}

/**
 * Runs a handler of the private API with the viewer from the session. Known errors become their
 * status; anything else is logged and answered with a generic 500 that says nothing was lost.
 */
export async function handlePrivate(
  request: Request,
  run: (viewer: Viewer) => Promise<Response> | Response,
): Promise<Response> {
  try {
    if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
      throw new AppError("FORBIDDEN", "This request did not come from this site.");
    }
    return await run(await getViewer());
  } catch (error) {
    if (error instanceof DetailedError)
      return privateError(error.code, error.message, error.details);
    if (error instanceof AppError) return privateError(error.code, error.message);
    logger.error({ err: error, path: new URL(request.url).pathname }, "private API error");
    return privateError(
      "INTERNAL",
      "Something went wrong on our side. Your last change was not saved; please try again.",
    );
  }
}
