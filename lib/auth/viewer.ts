import type { Role } from "@/db/schema";

/**
 * Who is asking: a signed-in user (from the session, never from client input) or null for the
 * public. Every data-access function takes one.
 */
export type Viewer = {
  id: number;
  role: Role;
  institutionId: number | null;
} | null;

/** Reviewers and admins read everything, including unpublished data. */
export function canReadUnpublished(viewer: Viewer): boolean {
  return viewer?.role === "reviewer" || viewer?.role === "admin";
}
