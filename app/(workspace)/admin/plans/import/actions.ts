"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { assertAllowed } from "@/lib/auth/policy";
import { getViewer } from "@/lib/auth/session";
import { type FormState, failed, formArgument, formValues } from "@/lib/forms";
import { importPlanFile } from "@/lib/framework/data";
import { applyPlanUpdate, checkPlanUpload } from "@/lib/framework/plan-merge";
import {
  type PlanUpload,
  readPlanUpload,
  type UploadProblem,
  uploadProblems,
} from "@/lib/framework/plan-upload";
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

export async function importPlanAction(
  _state: ImportState,
  formData: FormData,
): Promise<ImportState> {
  formArgument(formData);
  const file = uploadSchema.safeParse(formData.get("file"));
  if (!file.success) return { ok: false, message: file.error.issues[0]?.message };
  try {
    // Refuse before reading: unpacking a workbook is work that only admins may make the server do.
    const viewer = assertAllowed(await getViewer(), "framework.manage");
    // A JSON plan file or an Excel workbook, told apart by content (lib/framework/plan-upload.ts).
    const upload: PlanUpload = await readPlanUpload(
      new Uint8Array(await file.data.arrayBuffer()),
      file.data.name,
    );
    if (!upload.ok) return { ok: false, message: upload.message, problems: upload.problems };
    const check = checkPlanUpload(viewer, upload.input);
    if (check.kind === "invalid") return { ok: false, ...uploadProblems(upload, check.problems) };
    if (check.kind === "update") {
      // Nothing is written yet: the admin sees what would change and confirms. Refusals are
      // located in the file as uploaded (a workbook's sheet, row and column).
      return {
        ok: false,
        preview: previewView(
          check.preview,
          (problems) => uploadProblems(upload, problems).problems,
        ),
        fileText: JSON.stringify(upload.input),
      };
    }
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

const applySchema = z.object({
  fileText: z
    .string()
    .min(1, "The previewed file is missing: upload it again.")
    .max(MAX_BYTES * 2),
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "The preview is incomplete: upload the file again."),
  reason: z.string().max(1000, "The reason must be at most 1000 characters.").default(""),
});

/**
 * Applies a previewed file. The file travels back in a hidden field, so it is not uploaded
 * twice; it is not trusted: lib/framework/plan-merge.ts checks it, compares it with the plan and
 * checks the preview's fingerprint again, all inside the writing transaction.
 */
export async function applyPlanUpdateAction(
  _state: ApplyState,
  formData: FormData,
): Promise<ApplyState> {
  formArgument(formData);
  const values = formValues(formData, ["fileText", "fingerprint"]);
  const parsed = applySchema.safeParse(Object.fromEntries(formData.entries()));
  if (!parsed.success) {
    const reasonIssue = parsed.error.issues.find((i) => i.path[0] === "reason");
    return {
      ok: false,
      message: parsed.error.issues[0]?.message,
      fieldErrors: reasonIssue ? { reason: [reasonIssue.message] } : undefined,
      values,
    };
  }
  let input: unknown;
  try {
    input = JSON.parse(parsed.data.fileText);
  } catch {
    return { ok: false, message: "The previewed file is damaged: upload it again.", values };
  }
  try {
    const result = applyPlanUpdate(await getViewer(), input, {
      fingerprint: parsed.data.fingerprint,
      reason: parsed.data.reason,
    });
    if (!result.ok) {
      if ("stale" in result) return { ok: false, stale: true, message: result.message, values };
      if ("problems" in result)
        return {
          ok: false,
          message: result.message,
          // The confirmation carries the file as plan-file JSON: its problems have JSON paths.
          problems: result.problems.map((p) => ({ where: p.path, message: p.message })),
          values,
        };
      return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
    }
    revalidatePath("/");
    return {
      ok: true,
      slug: result.slug,
      published: result.published,
      message:
        result.changes === 0
          ? "Nothing needed changing: the plan already matches the file."
          : `The plan ${result.slug} was updated: ${result.changes} ${result.changes === 1 ? "change" : "changes"} applied${result.published ? " and listed in its public change log" : ""}.`,
    };
  } catch (error) {
    return failed(error, values);
  }
}
