import { notFound } from "next/navigation";
import { INDICATOR_CODE_PATTERN } from "@/lib/framework/edit-schema";
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
