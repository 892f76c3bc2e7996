import "server-only";
import { revalidatePath } from "next/cache";
import { failed } from "@/lib/forms";
import { StaleVersionError } from "@/lib/framework/edit-version";
import type { FrameworkFormState } from "./form-parts";

/** A refused save as form state; a stale form is marked `conflict` so it offers a reload. */
export function refused(error: unknown, values: Record<string, string>): FrameworkFormState {
  const state = failed(error, values);
  return error instanceof StaleVersionError ? { ...state, conflict: true } : state;
}

/** After a framework change: the admin pages and the public pages of the plan. */
export function refreshPlan(slug: string) {
  revalidatePath(`/admin/plans/${slug}`, "layout");
  revalidatePath(`/plans/${slug}`, "layout");
}

export const NOT_SAVED = "Nothing was saved: please correct the fields marked below.";
