/**
 * Evidence: the accepted file types and the zod schemas shared by the upload form, the route
 * handlers and the data-access layer (no server code here: the form imports it too).
 */
import { z } from "zod";
import {
  CONTROL_CHARACTERS_MESSAGE,
  hasControlCharacters,
  recordIdSchema,
} from "@/lib/server/validation";

export type FileKind = "pdf" | "png" | "jpeg" | "docx" | "xlsx" | "odt" | "ods" | "csv" | "txt";

/** The accepted file types: what the content must be, and the extensions that may name it. */
export const FILE_KINDS: Record<
  FileKind,
  { label: string; mimeType: string; extensions: string[] }
> = {
  pdf: { label: "a PDF document", mimeType: "application/pdf", extensions: ["pdf"] },
  png: { label: "a PNG image", mimeType: "image/png", extensions: ["png"] },
  jpeg: { label: "a JPEG image", mimeType: "image/jpeg", extensions: ["jpg", "jpeg"] },
  docx: {
    label: "a Word document (DOCX)",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
  },
  xlsx: {
    label: "an Excel workbook (XLSX)",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: ["xlsx"],
  },
  odt: {
    label: "an OpenDocument text (ODT)",
    mimeType: "application/vnd.oasis.opendocument.text",
    extensions: ["odt"],
  },
  ods: {
    label: "an OpenDocument spreadsheet (ODS)",
    mimeType: "application/vnd.oasis.opendocument.spreadsheet",
    extensions: ["ods"],
  },
  csv: { label: "a CSV table", mimeType: "text/csv", extensions: ["csv"] },
  txt: { label: "a text file", mimeType: "text/plain", extensions: ["txt"] },
};

/** For the file input's `accept` attribute. */
export const ACCEPTED_EXTENSIONS = Object.values(FILE_KINDS).flatMap((kind) =>
  kind.extensions.map((ext) => `.${ext}`),
);
export const ACCEPTED_TYPES_LABEL = "PDF, PNG, JPEG, Word (DOCX), Excel (XLSX), ODT, ODS, CSV, TXT";

export const EVIDENCE_VISIBILITY = ["public", "internal"] as const;
export type EvidenceVisibility = (typeof EVIDENCE_VISIBILITY)[number];

/** A record id in a URL (`/api/evidence/12`): the one strict primitive. */
export { recordIdSchema };

export const evidenceTitleSchema = z
  .string({ error: "Give the evidence a title." })
  .trim()
  .min(1, "Give the evidence a title.")
  .max(200, "The title must be at most 200 characters.")
  .refine((text) => !hasControlCharacters(text), CONTROL_CHARACTERS_MESSAGE);

export const evidenceVisibilitySchema = z.enum(EVIDENCE_VISIBILITY, {
  error: "Choose whether the evidence is public or internal.",
});

/** The item of the report the evidence supports; empty or missing means the whole report. */
export const itemRefSchema = z
  .string()
  .trim()
  .max(40)
  .regex(/^(?:(?:indicator|milestone|output):[1-9]\d{0,15})?$/, "Choose an item from the list.")
  .optional()
  .transform((value) => (value ? value : null));

export const evidenceFieldsSchema = z.object({
  title: evidenceTitleSchema,
  visibility: evidenceVisibilitySchema,
  itemRef: itemRefSchema,
});

export const linkEvidenceSchema = evidenceFieldsSchema.extend({
  url: z
    .string({ error: "Give the link's address." })
    .trim()
    .min(1, "Give the link's address.")
    .max(2000, "The address must be at most 2000 characters.")
    .pipe(
      z.url({
        protocol: /^https?$/,
        error: "Give a web address starting with https:// or http://.",
      }),
    )
    .refine((value) => {
      // Runs after a failed address check too; that one has said what is wrong.
      if (!URL.canParse(value)) return true;
      const url = new URL(value);
      return url.username === "" && url.password === "";
    }, "The address must not contain a user name or password."),
});

export type EvidenceFields = z.infer<typeof evidenceFieldsSchema>;
export type LinkEvidenceInput = z.infer<typeof linkEvidenceSchema>;

/** One piece of evidence as every caller sees it (never the stored path or hash). */
export type EvidenceItem = {
  id: number;
  title: string;
  visibility: EvidenceVisibility;
  itemRef: string | null;
  createdAt: string;
  uploadedBy: string | null;
} & (
  | { kind: "file"; fileName: string; mimeType: string; sizeBytes: number; href: string }
  | { kind: "link"; url: string; host: string }
);
