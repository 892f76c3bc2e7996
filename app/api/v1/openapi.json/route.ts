import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 description of the public API. */
export function GET() {
  return NextResponse.json(openApiDocument(), {
    headers: { "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" },
  });
}
