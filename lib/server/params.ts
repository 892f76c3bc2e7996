/**
 * Route parameters of pages: validated with the primitives of ./validation.ts; anything
 * malformed is a 404, like a record that does not exist.
 */
import "server-only";
import { notFound } from "next/navigation";
import { parseRecordId } from "./validation";

/** A record id from the address (`/workspace/reports/12`); `0x0c`, `012` or `12.0`: 404. */
export function recordIdParam(raw: unknown): number {
  const id = parseRecordId(raw);
  if (id === null) notFound();
  return id;
}
