import { notFound } from "next/navigation";
import { DIMENSION_KEY_PATTERN } from "@/lib/framework/dimension-schema";
import { INDICATOR_CODE_PATTERN } from "@/lib/framework/edit-schema";
import { MILESTONE_ID_PATTERN, OUTPUT_CODE_PATTERN } from "@/lib/framework/milestone-schema";
import { planSlugSchema } from "@/lib/plans/params";

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

export function milestoneParam(raw: string): number {
  if (!MILESTONE_ID_PATTERN.test(raw)) notFound();
  return Number(raw);
}

/** A dimension's or a category's key. */
export function keyParam(raw: string): string {
  if (!DIMENSION_KEY_PATTERN.test(raw)) notFound();
  return raw;
}
