/** Route parameters of the report API, validated: a report id is a positive whole number. */
import { AppError } from "@/lib/errors";
import { reportIdSchema } from "./data";

export async function reportIdFrom(params: Promise<{ id: string }>): Promise<number> {
  const { id } = await params;
  const parsed = reportIdSchema.safeParse(id);
  if (!parsed.success) throw new AppError("NOT_FOUND", "This report was not found.");
  return parsed.data;
}
