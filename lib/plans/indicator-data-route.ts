import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
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
