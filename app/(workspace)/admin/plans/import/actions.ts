"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/auth/session";
import { type FormState, failed, formValues } from "@/lib/forms";
import { importPlanFile } from "@/lib/framework/data";
import type { PlanFileProblem } from "@/lib/framework/plan-file";
import { applyPlanUpdate, checkPlanUpload } from "@/lib/framework/plan-merge";
import { type PreviewView, previewView } from "./preview-view";

export type ImportState = FormState<{
  problems: PlanFileProblem[];
  slug: string;
  published: boolean;
  /** An upload naming an existing plan: what importing it would change. */
  preview: PreviewView;
  /** The uploaded file as JSON text, sent back with the confirmation (re-checked entirely). */
  fileText: string;
}>;

export type ApplyState = FormState<{
  problems: PlanFileProblem[];
  slug: string;
  published: boolean;
  stale: boolean;
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

/**
 * The upload's bytes as the plan file's JSON input; the one place that reads an upload (a
 * spreadsheet reader, lib/framework/plan-upload.ts, plugs in here).
 */
async function readUpload(
  value: FormDataEntryValue | null,
): Promise<{ ok: true; input: unknown } | { ok: false; message: string }> {
  const upload = uploadSchema.safeParse(value);
  if (!upload.success)
    return { ok: false, message: upload.error.issues[0]?.message ?? "Choose a plan file." };
  try {
    return { ok: true, input: JSON.parse(await upload.data.text()) };
  } catch {
    return {
      ok: false,
      message: "This file is not valid JSON. Export a plan file, or start from the example.",
    };
  }
}

const problemsMessage = (what: string, n: number) =>
  `${what}: the file has ${n} ${n === 1 ? "problem" : "problems"}.`;

export async function importPlanAction(
  _state: ImportState,
  formData: FormData,
): Promise<ImportState> {
  const upload = await readUpload(formData.get("file"));
  if (!upload.ok) return { ok: false, message: upload.message };
  try {
    const viewer = await getViewer();
    const check = checkPlanUpload(viewer, upload.input);
    if (check.kind === "invalid")
      return {
        ok: false,
        message: problemsMessage("Nothing was imported", check.problems.length),
        problems: check.problems,
      };
    if (check.kind === "update") {
      // Nothing is written yet: the admin sees what would change and confirms.
      return {
        ok: false,
        preview: previewView(check.preview),
        fileText: JSON.stringify(upload.input),
      };
    }
    const result = importPlanFile(viewer, upload.input);
    if (!result.ok) {
      return {
        ok: false,
        message: problemsMessage("Nothing was imported", result.problems.length),
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
        return { ok: false, message: result.message, problems: result.problems, values };
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
