import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/ops/health";

/** GET /api/health: 200 when the database answers, 503 when it does not. For monitors and load balancers. */
export function GET() {
  const health = checkHealth();
  return NextResponse.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
