import type { Role } from "@/lib/domain/enums";

/**
 * Who is asking: a signed-in user, resolved on the server from the session cookie and checked
 * against the database on every request (lib/auth/session.ts), or null for the public.
 * Never built from client input. Every data-access function takes one.
 */
export type SignedInViewer = {
  id: number;
  role: Role;
  institutionId: number | null;
  /** Display fields for the signed-in shell; absent in tests that build a bare viewer. */
  email?: string;
  name?: string;
  institutionAcronym?: string | null;
};

export type Viewer = SignedInViewer | null;

/** Reviewers and admins read everything, including unpublished data. */
export function canReadUnpublished(viewer: Viewer): boolean {
  return viewer?.role === "reviewer" || viewer?.role === "admin";
}
