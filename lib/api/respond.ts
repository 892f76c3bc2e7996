/** JSON answers of the public API: `{ data }` on success, `{ error: { code, message } }` otherwise. */
import { NextResponse } from "next/server";
import { AppError, ERROR_CODES, type ErrorCode } from "@/lib/errors";

const CACHE = "public, max-age=60, stale-while-revalidate=300";

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
