"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { assertAllowed } from "@/lib/auth/policy";
import { getViewer } from "@/lib/auth/session";
import { type FormState, failed } from "@/lib/forms";
import { importPlanFile } from "@/lib/framework/data";
import { readPlanUpload, type UploadProblem, uploadProblems } from "@/lib/framework/plan-upload";

export type ImportState = FormState<{
  problems: UploadProblem[];
  slug: string;
  published: boolean;
}>;

/** Plan files are small (Rwanda's is under 40 KB, its workbook under 100 KB); far larger is not one. */
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
  const file = uploadSchema.safeParse(formData.get("file"));
  if (!file.success) return { ok: false, message: file.error.issues[0]?.message };
  try {
    // Refuse before reading: unpacking a workbook is work that only admins may make the server do.
    const viewer = assertAllowed(await getViewer(), "framework.manage");
    // A JSON plan file or an Excel workbook, told apart by content; problems are located in it.
    const upload = await readPlanUpload(
      new Uint8Array(await file.data.arrayBuffer()),
      file.data.name,
    );
    if (!upload.ok) return { ok: false, message: upload.message, problems: upload.problems };
    const result = importPlanFile(viewer, upload.input);
    if (!result.ok) return { ok: false, ...uploadProblems(upload, result.problems) };
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
