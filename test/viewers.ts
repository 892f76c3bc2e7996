/** Viewers for data-access tests, read from the seeded base database's demo accounts. */
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { institutions, users } from "@/db/schema";
import type { SignedInViewer } from "@/lib/auth/viewer";

export function viewerFor(email: string): SignedInViewer {
  const row = getDb()
    .select({
      id: users.id,
      role: users.role,
      institutionId: users.institutionId,
      email: users.email,
      name: users.name,
      institution: institutions.acronym,
    })
    .from(users)
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(eq(users.email, email))
    .get();
  if (!row) throw new Error(`No demo account ${email}`);
  return { ...row, institutionAcronym: row.institution };
}

/** Every kind of caller the deny matrices cover. */
export const CALLERS = {
  anonymous: () => null,
  cso: () => viewerFor("cso@example.org"),
  reporterA: () => viewerFor("reporter.migeprof@example.org"),
  reporterB: () => viewerFor("reporter.rnp@example.org"),
  reviewer: () => viewerFor("reviewer@example.org"),
  admin: () => viewerFor("admin@example.org"),
} as const;

export type CallerName = keyof typeof CALLERS;
export const CALLER_NAMES = Object.keys(CALLERS) as CallerName[];
