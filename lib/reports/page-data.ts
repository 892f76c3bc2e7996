/** The report for a signed-in page: a missing or unreadable report is the page's 404. */
import "server-only";
import { notFound } from "next/navigation";
import type { SignedInViewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { getReport, reportIdSchema } from "./data";

export function reportForPage(viewer: SignedInViewer, idParam: string) {
  const id = reportIdSchema.safeParse(idParam);
  if (!id.success) notFound();
  try {
    return getReport(viewer, id.data);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
