/** The action plan for a signed-in page: a missing or unreadable plan is the page's 404. */
import "server-only";
import { notFound } from "next/navigation";
import type { SignedInViewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { getActionPlan } from "./data";
import { idSchema } from "./schemas";

export function actionPlanForPage(viewer: SignedInViewer, idParam: string) {
  const id = idSchema.safeParse(idParam);
  if (!id.success) notFound();
  try {
    return getActionPlan(viewer, id.data);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
