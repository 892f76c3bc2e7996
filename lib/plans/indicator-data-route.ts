import "server-only";
import { z } from "zod";
import { jsonError } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { lookUpFormerAddress } from "./addresses";
import { getIndicatorData, type IndicatorData } from "./indicator-data";
import { planSlugSchema } from "./params";

const indicatorCodeSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/);

/** The public data of one indicator from route parameters, or NOT_FOUND. */
export function indicatorDataFromParams(params: { plan: string; code: string }): IndicatorData {
  const slug = planSlugSchema.safeParse(params.plan);
  const code = indicatorCodeSchema.safeParse(decodeURIComponent(params.code));
  const data = slug.success && code.success ? getIndicatorData(null, slug.data, code.data) : null;
  if (!data)
    throw new AppError("NOT_FOUND", "This plan has no published indicator with that code.");
  return data;
}

/**
 * Stable public addresses (docs/architecture.md): a code the indicator had before answers 308 to the same
 * file at its current code; a removed indicator's code answers 410 saying what and why. Null:
 * not a former code (answer as usual).
 */
export function formerIndicatorAnswer(
  params: { plan: string; code: string },
  file: "data.json" | "data.csv",
): Response | null {
  const slug = planSlugSchema.safeParse(params.plan);
  const code = indicatorCodeSchema.safeParse(safeDecode(params.code));
  if (!slug.success || !code.success) return null;
  const former = lookUpFormerAddress(slug.data, "indicator", code.data);
  if (!former) return null;
  if (former.state === "moved")
    return new Response(null, {
      status: 308,
      headers: {
        Location: `/api/v1/plans/${slug.data}/indicators/${encodeURIComponent(former.code)}/${file}`,
        "Access-Control-Allow-Origin": "*",
      },
    });
  return jsonError(
    "GONE",
    `Indicator ${former.label} was removed from this plan${former.reason ? `: ${former.reason}` : ""}.`,
  );
}

function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
