import "server-only";
import { revalidatePath } from "next/cache";

/** After a framework change: the admin pages and the public pages of the plan. */
export function refreshPlan(slug: string) {
  revalidatePath(`/admin/plans/${slug}`, "layout");
  revalidatePath(`/plans/${slug}`, "layout");
}
