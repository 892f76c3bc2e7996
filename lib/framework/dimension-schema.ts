/**
 * The rules of the disaggregation forms (a plan's dimensions and their categories), shared by
 * the browser and the data layer (lib/framework/dimensions.ts). Keys are what data files, report
 * values (`province=eastern`) and the public API use: lower-case letters, digits, - and _, the
 * same rule as in plan files.
 */
import { z } from "zod";
import { requiredText } from "@/lib/server/validation";

export const DIMENSION_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** The dimension every plan has and no one may delete (PRODUCT.md: "sex always available"). */
export const SEX_KEY = "sex";

const key = (taken: string[], takenMessage: string) => {
  const set = new Set(taken);
  return z
    .string({ error: "Enter a key." })
    .trim()
    .min(1, "Enter a key.")
    .regex(DIMENSION_KEY_PATTERN, "Lower-case letters, digits, - or _ (like age_group).")
    .refine((k) => !set.has(k), takenMessage);
};

// Plain text with the control-character rule (lib/server/validation.ts).
const text = requiredText;

/**
 * A new dimension: key and name, with its first category (a dimension always has at least one,
 * as plan files require). `takenKeys`: the plan's dimensions' keys.
 */
export function newDimensionSchema(ctx: { takenKeys: string[] }) {
  return z.object({
    key: key(ctx.takenKeys, "This plan already has a dimension with this key."),
    name: text(100, "a name"),
    categoryKey: key([], ""),
    categoryLabel: text(200, "the first category's label"),
  });
}

export const dimensionNameSchema = z.object({ name: text(100, "a name") });

export type CategoryFormContext = {
  /** Keys of the dimension's other categories. */
  takenKeys: string[];
  /** Category ids (as text) of earlier dimensions, which may be a parent. */
  parentIds: string[];
  /** The key before this edit when reported data uses it (it may not change then). */
  lockedKey: string | null;
};

export function categoryFormSchema(ctx: CategoryFormContext) {
  return z.object({
    key: key(ctx.takenKeys, "Another category of this dimension has this key.").refine(
      (k) => ctx.lockedKey === null || k === ctx.lockedKey,
      "Reported values use this key, so it cannot change (data files and the API refer to it). Change the label instead.",
    ),
    label: text(200, "a label"),
    parent: z
      .string()
      .optional()
      .transform((v, c) => {
        if (!v) return null;
        if (!ctx.parentIds.includes(v)) {
          c.addIssue({ code: "custom", message: "Choose a category of an earlier dimension." });
          return z.NEVER;
        }
        return Number(v);
      }),
  });
}

export type CategoryInput = z.infer<ReturnType<typeof categoryFormSchema>>;
