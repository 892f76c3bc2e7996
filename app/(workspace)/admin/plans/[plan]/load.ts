import { notFound } from "next/navigation";
import { DIMENSION_KEY_PATTERN } from "@/lib/framework/dimension-schema";
import { INDICATOR_CODE_PATTERN } from "@/lib/framework/edit-schema";
import { OUTPUT_CODE_PATTERN } from "@/lib/framework/milestone-schema";
import { planSlugSchema } from "@/lib/plans/params";
import { recordIdParam } from "@/lib/server/params";

/** The admin plan pages' route parameters, validated; anything malformed is a 404. */
export function planParam(raw: string): string {
  const slug = planSlugSchema.safeParse(raw);
  if (!slug.success) notFound();
  return slug.data;
}

export function indicatorParam(raw: string): string {
  const code = decodeURIComponent(raw);
  if (!INDICATOR_CODE_PATTERN.test(code)) notFound();
  return code;
}

export function outputParam(raw: string): string {
  if (!OUTPUT_CODE_PATTERN.test(raw)) notFound();
  return raw;
}

export const milestoneParam = (raw: string): number => recordIdParam(raw);

/** A dimension's or a category's key. */
export function keyParam(raw: string): string {
  if (!DIMENSION_KEY_PATTERN.test(raw)) notFound();
  return raw;
}
