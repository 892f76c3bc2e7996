"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/auth/session";
import { type FormState, failed } from "@/lib/forms";
import { importPlanFile } from "@/lib/framework/data";
import type { PlanFileProblem } from "@/lib/framework/plan-file";

export type ImportState = FormState<{
  problems: PlanFileProblem[];
  slug: string;
  published: boolean;
}>;

/** Plan files are small (Rwanda's is under 40 KB); anything far larger is not one. */
const MAX_BYTES = 2 * 1024 * 1024;

const uploadSchema = z
  .instanceof(File, { message: "Choose a plan file to import." })
  .refine((file) => file.size > 0, "The file is empty.")
  .refine(
    (file) => file.size <= MAX_BYTES,
    "The file is larger than 2 MB; a plan file is much smaller.",
  );

export async function importPlanAction(
  _state: ImportState,
  formData: FormData,
): Promise<ImportState> {
  const upload = uploadSchema.safeParse(formData.get("file"));
  if (!upload.success) return { ok: false, message: upload.error.issues[0]?.message };
  let json: unknown;
  try {
    json = JSON.parse(await upload.data.text());
  } catch {
    return {
      ok: false,
      message: "This file is not valid JSON. Export a plan file, or start from the example.",
    };
  }
  try {
    const result = importPlanFile(await getViewer(), json);
    if (!result.ok) {
      return {
        ok: false,
        message: `Nothing was imported: the file has ${result.problems.length} ${result.problems.length === 1 ? "problem" : "problems"}.`,
        problems: result.problems,
      };
    }
    revalidatePath("/");
    return {
      ok: true,
      slug: result.slug,
      published: result.status !== "draft",
      message:
        result.status === "draft"
          ? `The plan ${result.slug} was imported as a draft: it stays off the public site until it is made active.`
          : `The plan ${result.slug} was imported and is on the public site.`,
    };
  } catch (error) {
    return failed(error, {});
  }
}
