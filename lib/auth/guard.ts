import "server-only";
import { forbidden, redirect } from "next/navigation";
import { assertAllowed, type Permission } from "@/lib/auth/policy";
import { getViewer } from "@/lib/auth/session";
import type { SignedInViewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";

/**
 * For a signed-in page: the viewer if the policy allows `permission`; the public is sent to
 * sign in, a signed-in user without the right gets a 403 page (and an audit entry, written by
 * the policy). The data-access functions the page then calls check again.
 */
export async function requirePage(permission: Permission, path: string): Promise<SignedInViewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  try {
    return assertAllowed(viewer, permission);
  } catch (error) {
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}
