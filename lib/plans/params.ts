/** zod schemas for the parts of a plan's addresses: `/plans/{plan}/pillars/{n}/…`. */
import { z } from "zod";

export { planSlugSchema } from "@/lib/server/validation";

export const pillarNumberSchema = z
  .string()
  .regex(/^[1-9]\d{0,2}$/, "A pillar number is a whole number.")
  .transform(Number);

/** An output is addressed by its code: pillar number, a dot, output number (`3.2`). */
export const outputCodeSchema = z
  .string()
  .regex(/^[1-9]\d{0,2}\.[1-9]\d{0,2}$/, "An output code looks like 3.2.")
  .transform((code) => {
    const [pillar, output] = code.split(".").map(Number);
    return { pillar: pillar ?? 0, output: output ?? 0 };
  });
