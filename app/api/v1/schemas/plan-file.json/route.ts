import { NextResponse } from "next/server";
import { planFileJsonSchema } from "@/lib/framework/plan-file";

/** GET /api/v1/schemas/plan-file.json: the JSON Schema of plan files (version 1). */
export function GET() {
  return NextResponse.json(planFileJsonSchema(), {
    headers: { "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" },
  });
}
