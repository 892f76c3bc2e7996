"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { assertAllowed } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { importPlanFile } from "@/lib/framework/data";
import { applyPlanUpdate, checkPlanUpload } from "@/lib/framework/plan-merge";
import {
  type PlanUpload,
  readPlanUpload,
  type UploadProblem,
  uploadProblems,
} from "@/lib/framework/plan-upload";
import { type FormState, formAction } from "@/lib/server/form-action";
import { type PreviewView, previewView } from "./preview-view";

export type ImportState = FormState<{
  /** Each problem where it is in the user's own file: a JSON path, or sheet, row and column. */
  problems: UploadProblem[];
  slug: string;
  published: boolean;
  /** An upload naming an existing plan: what importing it would change. */
  preview: PreviewView;
  /** The uploaded file as JSON text, sent back with the confirmation (re-checked entirely). */
  fileText: string;
}>;

export type ApplyState = FormState<{
  problems: UploadProblem[];
  slug: string;
  published: boolean;
  stale: boolean;
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

export const importPlanAction = formAction<undefined, { state: ImportState }, ImportState>({
  run: async (viewer, _t, _values, formData) => {
    const file = uploadSchema.safeParse(formData.get("file"));
    if (!file.success) throw new AppError("VALIDATION", file.error.issues[0]?.message ?? "");
    // Refuse before reading: unpacking a workbook is work that only admins may make the server do.
    const admin = assertAllowed(viewer, "framework.manage");
    // A JSON plan file or an Excel workbook, told apart by content (lib/framework/plan-upload.ts).
    const upload: PlanUpload = await readPlanUpload(
      new Uint8Array(await file.data.arrayBuffer()),
      file.data.name,
    );
    if (!upload.ok)
      return { state: { ok: false, message: upload.message, problems: upload.problems } };
    const check = checkPlanUpload(admin, upload.input);
    if (check.kind === "invalid")
      return { state: { ok: false, ...uploadProblems(upload, check.problems) } };
    if (check.kind === "update") {
      // Nothing is written yet: the admin sees what would change and confirms. Refusals are
      // located in the file as uploaded (a workbook's sheet, row and column).
      return {
        state: {
          ok: false,
          preview: previewView(
            check.preview,
            (problems) => uploadProblems(upload, problems).problems,
          ),
          fileText: JSON.stringify(upload.input),
        },
      };
    }
    const result = importPlanFile(admin, upload.input);
    if (!result.ok) return { state: { ok: false, ...uploadProblems(upload, result.problems) } };
    revalidatePath("/");
    return {
      state: {
        ok: true,
        slug: result.slug,
        published: result.status !== "draft",
        message:
          result.status === "draft"
            ? `The plan ${result.slug} was imported as a draft: it stays off the public site until it is made active.`
            : `The plan ${result.slug} was imported and is on the public site.`,
      },
    };
  },
  done: ({ state }) => state,
});

/** The previewed file travels back in a hidden field: which preview the admin confirms. */
const previewTarget = z.object({
  fileText: z
    .string()
    .min(1, "The previewed file is missing: upload it again.")
    .max(MAX_BYTES * 2),
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "The preview is incomplete: upload the file again."),
});

/**
 * Applies a previewed file. The file travels back in a hidden field, so it is not uploaded
 * twice; it is not trusted: lib/framework/plan-merge.ts checks it, compares it with the plan,
 * checks the preview's fingerprint again and the reason, all inside the writing transaction.
 */
export const applyPlanUpdateAction = formAction<
  z.infer<typeof previewTarget>,
  { state: ApplyState },
  ApplyState
>({
  target: previewTarget,
  gone: "The preview is incomplete: upload the file again.",
  omit: ["fileText", "fingerprint"],
  run: (viewer, { fileText, fingerprint }, values) => {
    let input: unknown;
    try {
      input = JSON.parse(fileText);
    } catch {
      throw new AppError("VALIDATION", "The previewed file is damaged: upload it again.");
    }
    const result = applyPlanUpdate(viewer, input, { fingerprint, reason: values.reason });
    if (!result.ok) {
      if ("stale" in result)
        return { state: { ok: false, stale: true, message: result.message, values } };
      if ("problems" in result)
        return {
          state: {
            ok: false,
            message: result.message,
            // The confirmation carries the file as plan-file JSON: its problems have JSON paths.
            problems: result.problems.map((p) => ({ where: p.path, message: p.message })),
            values,
          },
        };
      return {
        state: { ok: false, message: result.message, fieldErrors: result.fieldErrors, values },
      };
    }
    revalidatePath("/");
    return {
      state: {
        ok: true,
        slug: result.slug,
        published: result.published,
        message:
          result.changes === 0
            ? "Nothing needed changing: the plan already matches the file."
            : `The plan ${result.slug} was updated: ${result.changes} ${result.changes === 1 ? "change" : "changes"} applied${result.published ? " and listed in its public change log" : ""}.`,
      },
    };
  },
  done: ({ state }) => state,
});
