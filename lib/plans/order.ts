import "server-only";
import { asc, sql } from "drizzle-orm";
import * as s from "@/db/schema";

/**
 * The display order of pillars and outputs: their number, unless a published plan was
 * reordered, which sets `position` and keeps the numbers people cite (docs/architecture.md, "Stable public
 * addresses").
 */
export const pillarOrder = [
  sql`coalesce(${s.pillars.position}, ${s.pillars.number})`,
  asc(s.pillars.number),
] as const;
export const outputOrder = [
  sql`coalesce(${s.outputs.position}, ${s.outputs.number})`,
  asc(s.outputs.number),
] as const;
