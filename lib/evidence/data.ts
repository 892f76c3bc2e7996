/**
 * Evidence attached to progress reports: files and links, each public or internal.
 *
 * Who may do what (the report rules of lib/reports/access.ts, plus one for the public):
 * - Add and remove: only the institution's reporters, only while the report is an open draft.
 * - Read everything: the institution's reporters, reviewers and admins.
 * - Everyone else (the public, civil society, other institutions' reporters) sees only `public`
 *   evidence that has been approved: all of it while the report is approved, and after an
 *   admin reopens it, only what existed at the last approval (the public keeps seeing the last
 *   approved version). Anything else answers "not found", so internal evidence and unpublished
 *   reports do not reveal that they exist; signed-in users' attempts are logged.
 */
import "server-only";
import { and, count, desc, eq, max } from "drizzle-orm";
import { z } from "zod";
import { type Db, getDb } from "@/db/client";
import {
  evidence,
  indicators,
  milestones,
  outputs,
  pillars,
  reportVersions,
  users,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { assertAllowed, deny } from "@/lib/auth/policy";
import type { SignedInViewer, Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { editableReport, mayReadReport } from "@/lib/reports/access";
import { loadReportRow, type ReportRow } from "@/lib/reports/store";
import { actorOf } from "@/lib/server/db";
import { type FieldErrors, fieldErrorsOf, invalidInput } from "@/lib/server/validation";
import {
  type EvidenceFields,
  type EvidenceItem,
  evidenceFieldsSchema,
  linkEvidenceSchema,
} from "./schemas";
import {
  type CheckedUpload,
  checkUpload,
  deleteStoredFile,
  evidenceSettings,
  readStoredFile,
  storeFile,
} from "./storage";

const idSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A record id from the caller; anything but a positive whole number is a record that does not exist. */
function parseId(value: number, what: string): number {
  const parsed = idSchema.safeParse(value);
  if (!parsed.success) throw new AppError("NOT_FOUND", `${what} was not found.`);
  return parsed.data;
}

/** Every problem of a form, by field, in one error the route returns as JSON. */
function invalidFields(fieldErrors: FieldErrors): never {
  throw invalidInput(fieldErrors);
}

// ---------------------------------------------------------------------------------------------
// Reading

type EvidenceRow = typeof evidence.$inferSelect & { uploadedBy: string | null };

function selectEvidence(db: Db) {
  return db
    .select({
      id: evidence.id,
      reportId: evidence.reportId,
      fileHash: evidence.fileHash,
      fileName: evidence.fileName,
      mimeType: evidence.mimeType,
      sizeBytes: evidence.sizeBytes,
      url: evidence.url,
      title: evidence.title,
      itemRef: evidence.itemRef,
      visibility: evidence.visibility,
      uploadedById: evidence.uploadedById,
      createdAt: evidence.createdAt,
      uploadedBy: users.name,
    })
    .from(evidence)
    .leftJoin(users, eq(users.id, evidence.uploadedById));
}

function toItem(row: EvidenceRow, showUploader: boolean): EvidenceItem {
  const common = {
    id: row.id,
    title: row.title,
    visibility: row.visibility,
    itemRef: row.itemRef,
    createdAt: row.createdAt,
    uploadedBy: showUploader ? row.uploadedBy : null,
  };
  if (row.url !== null) {
    return { ...common, kind: "link", url: row.url, host: new URL(row.url).host };
  }
  return {
    ...common,
    kind: "file",
    fileName: row.fileName ?? "evidence",
    mimeType: row.mimeType ?? "application/octet-stream",
    sizeBytes: row.sizeBytes ?? 0,
    href: `/api/evidence/${row.id}`,
  };
}

/**
 * What the public may see of a report's evidence: its public evidence created up to
 * `approvedUpTo` (null: all of it, the report being approved now), or nothing (null) when the
 * report has never been approved.
 */
type PublicAccess = { all: false; approvedUpTo: string | null };
type EvidenceAccess = { all: true } | PublicAccess;

function publicAccess(report: ReportRow | undefined, db: Db): PublicAccess | null {
  if (!report) return null;
  if (report.status === "approved") return { all: false, approvedUpTo: null };
  const last = db
    .select({ at: max(reportVersions.approvedAt) })
    .from(reportVersions)
    .where(eq(reportVersions.reportId, report.id))
    .get()?.at;
  return last ? { all: false, approvedUpTo: last } : null;
}

/** All of the report's evidence, or the public's share; NOT_FOUND when the viewer may see none. */
function evidenceAccess(viewer: Viewer, report: ReportRow | undefined, db: Db): EvidenceAccess {
  if (report && mayReadReport(viewer, report)) return { all: true };
  return publicAccess(report, db) ?? hidden(viewer, report?.id);
}

function hidden(viewer: Viewer, reportId: number | undefined): never {
  if (viewer === null) throw new AppError("NOT_FOUND", "This record was not found.");
  deny(viewer, "evidence.read", {
    entityType: "progress_report",
    entityId: reportId ?? "unknown",
    hide: true,
  });
}

function visibleWith(
  row: Pick<EvidenceRow, "visibility" | "createdAt">,
  access: EvidenceAccess | null,
): boolean {
  if (access === null) return false;
  if (access.all) return true;
  return (
    row.visibility === "public" &&
    (access.approvedUpTo === null || Date.parse(row.createdAt) <= Date.parse(access.approvedUpTo))
  );
}

/**
 * A report's evidence, newest first. The institution's reporters, reviewers and admins get all
 * of it (with who added it); anyone else gets the approved public evidence of a report that has
 * been approved at least once, and NOT_FOUND otherwise.
 */
export function listEvidence(viewer: Viewer, reportId: number): EvidenceItem[] {
  const db = getDb();
  const id = parseId(reportId, "This report");
  const access = evidenceAccess(viewer, loadReportRow(db, id), db);
  const rows = selectEvidence(db)
    .where(eq(evidence.reportId, id))
    .orderBy(desc(evidence.createdAt), desc(evidence.id))
    .all();
  return rows.filter((row) => visibleWith(row, access)).map((row) => toItem(row, access.all));
}

export type EvidenceFile = {
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  bytes: Buffer;
  /** True when anyone may download it (public evidence of an approved report): cacheable. */
  isPublic: boolean;
};

/**
 * An evidence file's content for download, under the rules of `listEvidence`: internal evidence
 * and evidence of unapproved reports are NOT_FOUND for anyone outside the institution and the
 * steering committee. A link is NOT_FOUND here (it has no file).
 */
export function openEvidenceFile(viewer: Viewer, evidenceId: number): EvidenceFile {
  const db = getDb();
  const id = parseId(evidenceId, "This evidence");
  const row = selectEvidence(db).where(eq(evidence.id, id)).get();
  const report = row ? loadReportRow(db, row.reportId) : undefined;
  const access = evidenceAccess(viewer, report, db);
  if (!row || !visibleWith(row, access)) return hidden(viewer, report?.id);
  if (row.fileHash === null)
    throw new AppError("NOT_FOUND", "This evidence is a link, not a file.");
  const bytes = readStoredFile(evidenceSettings().dir, row.fileHash);
  if (bytes === null) {
    logger.error({ evidenceId: id }, "evidence file missing from UPLOADS_DIR");
    throw new AppError(
      "NOT_FOUND",
      "The file of this evidence is missing on the server; an administrator can restore it from a backup.",
    );
  }
  return {
    fileName: row.fileName ?? "evidence",
    mimeType: row.mimeType ?? "application/octet-stream",
    sizeBytes: bytes.length,
    bytes,
    isPublic: visibleWith(row, publicAccess(report, db)),
  };
}

// ---------------------------------------------------------------------------------------------
// Adding and removing

/** Refuses an item reference that is not part of the report's plan. */
function assertItemInPlan(db: Db, report: ReportRow, itemRef: string | null): void {
  if (itemRef === null) return;
  const [kind, raw] = itemRef.split(":");
  const id = Number(raw);
  let found: { n: number } | undefined;
  if (kind === "indicator") {
    found = db
      .select({ n: count() })
      .from(indicators)
      .where(and(eq(indicators.id, id), eq(indicators.planId, report.planId)))
      .get();
  } else if (kind === "milestone") {
    found = db
      .select({ n: count() })
      .from(milestones)
      .innerJoin(outputs, eq(outputs.id, milestones.outputId))
      .innerJoin(pillars, eq(pillars.id, outputs.pillarId))
      .where(and(eq(milestones.id, id), eq(pillars.planId, report.planId)))
      .get();
  } else {
    found = db
      .select({ n: count() })
      .from(outputs)
      .innerJoin(pillars, eq(pillars.id, outputs.pillarId))
      .where(and(eq(outputs.id, id), eq(pillars.planId, report.planId)))
      .get();
  }
  if (!found?.n) invalidFields({ itemRef: ["This item is not part of the report's plan."] });
}

/** What the audit log keeps of a piece of evidence (never the file itself). */
function auditShape(row: Omit<EvidenceRow, "id" | "uploadedBy" | "createdAt" | "uploadedById">) {
  return {
    reportId: row.reportId,
    title: row.title,
    visibility: row.visibility,
    itemRef: row.itemRef,
    ...(row.url !== null
      ? { url: row.url }
      : {
          fileName: row.fileName,
          mimeType: row.mimeType,
          sizeBytes: row.sizeBytes,
          sha256: row.fileHash,
        }),
  };
}

type NewEvidence = Omit<EvidenceRow, "id" | "uploadedBy" | "createdAt">;

function insertEvidence(db: Db, viewer: SignedInViewer, values: NewEvidence): EvidenceItem {
  const id = db.transaction((tx) => {
    const inserted = tx.insert(evidence).values(values).returning({ id: evidence.id }).get();
    recordAudit(tx, {
      actor: actorOf(viewer),
      action: "evidence.add",
      entityType: "evidence",
      entityId: inserted.id,
      after: auditShape(values),
    });
    return inserted.id;
  });
  const row = selectEvidence(db).where(eq(evidence.id, id)).get();
  if (!row) throw new Error("Evidence vanished after insert.");
  return toItem(row, true);
}

export type FileEvidenceInput = {
  /** Null when the form came without a file. */
  file: { name: string; type?: string; bytes: Uint8Array } | null;
  title: unknown;
  visibility: unknown;
  itemRef?: unknown;
};

/**
 * Attaches an uploaded file to a draft report. Only the institution's reporters, while the report
 * is an open draft. Every problem with the fields and the file is reported at once, by field;
 * nothing is stored unless all is well. The browser's claimed type is ignored: the type comes
 * from the content (lib/evidence/storage.ts).
 */
export function addFileEvidence(
  viewer: Viewer,
  reportId: number,
  input: FileEvidenceInput,
): EvidenceItem {
  const db = getDb();
  const { viewer: reporter, report } = editableReport(viewer, parseId(reportId, "This report"), db);
  const settings = evidenceSettings();
  const fields = evidenceFieldsSchema.safeParse(input);
  const fieldErrors = fields.success ? {} : fieldErrorsOf(fields.error);
  let checked: CheckedUpload | null = null;
  if (input.file === null) {
    fieldErrors.file = ["Choose a file to upload."];
  } else {
    try {
      checked = checkUpload(input.file, settings);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      fieldErrors.file = [error.message];
    }
  }
  if (!fields.success || checked === null || input.file === null) return invalidFields(fieldErrors);
  assertItemInPlan(db, report, fields.data.itemRef);
  // The file first, then the row that refers to it: a backup copies the database before the
  // files, so every file its database mentions is already there.
  const stored = storeFile(settings.dir, input.file.bytes);
  try {
    return insertEvidence(db, reporter, {
      reportId: report.id,
      fileHash: stored.hash,
      fileName: checked.fileName,
      mimeType: checked.mimeType,
      sizeBytes: checked.sizeBytes,
      url: null,
      ...metadata(fields.data),
      uploadedById: reporter.id,
    });
  } catch (error) {
    if (stored.created) deleteStoredFile(settings.dir, stored.hash);
    throw error;
  }
}

function metadata(fields: EvidenceFields) {
  return { title: fields.title, visibility: fields.visibility, itemRef: fields.itemRef };
}

/** Attaches a web link (http or https only) to a draft report; the same rules as a file. */
export function addLinkEvidence(viewer: Viewer, reportId: number, input: unknown): EvidenceItem {
  const db = getDb();
  const { viewer: reporter, report } = editableReport(viewer, parseId(reportId, "This report"), db);
  const parsed = linkEvidenceSchema.safeParse(input);
  if (!parsed.success) return invalidFields(fieldErrorsOf(parsed.error));
  assertItemInPlan(db, report, parsed.data.itemRef);
  return insertEvidence(db, reporter, {
    reportId: report.id,
    fileHash: null,
    fileName: null,
    mimeType: null,
    sizeBytes: null,
    url: new URL(parsed.data.url).href,
    ...metadata(parsed.data),
    uploadedById: reporter.id,
  });
}

/**
 * Removes a piece of evidence from a draft report (the institution's reporters, while the report
 * is an open draft). The stored file is deleted once no evidence refers to its content.
 */
export function removeEvidence(viewer: Viewer, evidenceId: number): void {
  const reporter = assertAllowed(viewer, "reports.edit");
  const db = getDb();
  const id = parseId(evidenceId, "This evidence");
  const row = selectEvidence(db).where(eq(evidence.id, id)).get();
  if (!row) throw new AppError("NOT_FOUND", "This evidence was not found.");
  editableReport(reporter, row.reportId, db);
  const orphaned = db.transaction((tx) => {
    tx.delete(evidence).where(eq(evidence.id, id)).run();
    recordAudit(tx, {
      actor: actorOf(reporter),
      action: "evidence.remove",
      entityType: "evidence",
      entityId: id,
      before: auditShape(row),
    });
    if (row.fileHash === null) return null;
    const others = tx
      .select({ n: count() })
      .from(evidence)
      .where(eq(evidence.fileHash, row.fileHash))
      .get();
    return others?.n ? null : row.fileHash;
  });
  // After the commit (nothing awaited in between, so no upload of the same content can slip in).
  if (orphaned) deleteStoredFile(evidenceSettings().dir, orphaned);
}

/**
 * Refuses, before an upload's body is read, a caller who could not add evidence to this report
 * (the same check `addFileEvidence` makes again): a refused caller's upload is never read.
 */
export function assertMayAddEvidence(viewer: Viewer, reportId: number): void {
  editableReport(viewer, parseId(reportId, "This report"));
}

/** The upload limit, for checking a request's size before reading its body. */
export function evidenceUploadLimit(): { maxBytes: number; maxLabel: string } {
  const { maxBytes, maxLabel } = evidenceSettings();
  return { maxBytes, maxLabel };
}
