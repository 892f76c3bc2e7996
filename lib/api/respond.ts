/** JSON answers of the public API: `{ data }` on success, `{ error: { code, message } }` otherwise. */
import { NextResponse } from "next/server";
import { AppError, ERROR_CODES, type ErrorCode } from "@/lib/errors";

/**
 * Public data may be stored by browsers and proxies but must be revalidated on every use: the
 * ETag (below) makes that a cheap 304, and an approval is visible to API users at once.
 */
export const PUBLIC_CACHE = "public, max-age=0, must-revalidate";
const CACHE = PUBLIC_CACHE;

export function jsonData<T>(data: T, init?: { status?: number }) {
  return NextResponse.json(
    { data },
    {
      status: init?.status ?? 200,
      headers: { "Cache-Control": CACHE, "Access-Control-Allow-Origin": "*" },
    },
  );
}

export function jsonError(code: ErrorCode | "INTERNAL", message: string) {
  const status = code === "INTERNAL" ? 500 : ERROR_CODES[code];
  return NextResponse.json(
    { error: { code, message } },
    { status, headers: { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" } },
  );
}

/** Runs a handler; known errors become their status, anything else a logged generic 500. */
export async function handleApi(run: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) return jsonError(error.code, error.message);
    console.error("API error", error);
    return jsonError("INTERNAL", "Something went wrong on our side. Please try again later.");
  }
}

/**
 * Conditional GET for public data: the ETag is the published data's token (lib/plans/
 * public-cache.ts) with the representation's name, so it changes whenever anything the answer
 * could come from changes. A matching If-None-Match gets an empty 304; otherwise `build()` runs
 * and its response carries the ETag.
 */
export async function withETag(
  request: Request,
  representation: string,
  token: string | null,
  build: () => Promise<Response> | Response,
): Promise<Response> {
  if (token === null) return build();
  const etag = `W/"${token}-${representation}"`;
  const sent = request.headers.get("if-none-match");
  if (sent?.split(",").some((tag) => tag.trim() === etag)) {
    return new Response(null, {
      status: 304,
      headers: { ETag: etag, "Cache-Control": CACHE, "Access-Control-Allow-Origin": "*" },
    });
  }
  const response = await build();
  if (response.ok) response.headers.set("ETag", etag);
  return response;
}
