/**
 * Evidence files on disk: what may be uploaded, and where it is kept.
 *
 * - Files are kept in `<UPLOADS_DIR>/evidence/<first two hex digits>/<sha256>`, outside the web
 *   root and under their content hash: the same content is stored once, and no path is ever built
 *   from anything a user typed. `npm run backup` copies UPLOADS_DIR with its checksums.
 * - A file is written to `.incoming-*` in its final folder, flushed, then renamed: a crash leaves
 *   either the whole file or none (backups skip `.incoming-*`). Files are 0600, folders 0700.
 * - The type is decided by the content (magic bytes, the entries of a ZIP container, UTF-8 text),
 *   and must agree with the file name's extension: the name a browser sends and the type it
 *   claims are the uploader's to choose, so neither is trusted on its own.
 * - A bad file name is refused with the reason, never "fixed": a name with `../` or a control
 *   character is a sign of a crafted request, and the reporter should see what was refused.
 *
 * Plain Node (no "server-only"): the backup tests use it too.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Env, readEnv, uploadsDir } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { INCOMING_PREFIX } from "@/lib/ops/backup";
import { ACCEPTED_TYPES_LABEL, FILE_KINDS as KINDS, type FileKind as Kind } from "./schemas";

export type EvidenceSettings = {
  /** The folder of evidence files (absolute). */
  dir: string;
  /** The largest file accepted, in bytes. */
  maxBytes: number;
  /** The same limit as people read it: "10 MB". */
  maxLabel: string;
};

export function evidenceSettings(env: Env = readEnv()): EvidenceSettings {
  return {
    dir: path.join(uploadsDir(env), "evidence"),
    maxBytes: env.EVIDENCE_MAX_MB * 1024 * 1024,
    maxLabel: `${env.EVIDENCE_MAX_MB} MB`,
  };
}

// ---------------------------------------------------------------------------------------------
// Accepted types

const KIND_BY_EXTENSION = new Map<string, Kind>(
  (Object.entries(KINDS) as [Kind, (typeof KINDS)[Kind]][]).flatMap(([kind, { extensions }]) =>
    extensions.map((ext) => [ext, kind] as const),
  ),
);

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The names of a ZIP archive's entries, from its central directory (the authoritative list; the
 * local headers can be faked). Null when the archive is not readable as ZIP.
 */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= lowest; i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The OpenDocument type stored, uncompressed, as the archive's first entry `mimetype`. */
function openDocumentType(bytes: Uint8Array): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 30 || view.getUint32(0, true) !== 0x04034b50) return null;
  const method = view.getUint16(8, true);
  const size = view.getUint32(18, true);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  const name = new TextDecoder().decode(bytes.subarray(30, 30 + nameLength));
  if (method !== 0 || name !== "mimetype" || size > 200) return null;
  const start = 30 + nameLength + extraLength;
  return new TextDecoder().decode(bytes.subarray(start, start + size));
}

type Detected = { kind: Kind } | { kind: null; problem?: string };

/** What the content is, judged from the bytes alone. */
function detectKind(bytes: Uint8Array, expected: Kind): Detected {
  if (startsWith(bytes, ascii("%PDF-"))) return { kind: "pdf" };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: "png" };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: "jpeg" };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const odf = openDocumentType(bytes);
    if (odf === KINDS.odt.mimeType) return { kind: "odt" };
    if (odf === KINDS.ods.mimeType) return { kind: "ods" };
    const names = zipEntryNames(bytes);
    if (!names?.includes("[Content_Types].xml")) return { kind: null };
    // A macro-enabled document renamed to .docx or .xlsx still carries (and may run) its macros.
    if (names.some((name) => /(^|\/)vbaProject\.bin$/i.test(name))) {
      return { kind: null, problem: "contains macros, which are not accepted" };
    }
    if (names.includes("word/document.xml")) return { kind: "docx" };
    if (names.includes("xl/workbook.xml")) return { kind: "xlsx" };
    return { kind: null };
  }
  if (expected === "csv" || expected === "txt") {
    // Text has no signature: accept UTF-8 without NUL or other control characters (tab, line
    // breaks and form feed are text).
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return {
        kind: null,
        problem: "is not UTF-8 text (save it as UTF-8, e.g. “CSV UTF-8” in Excel)",
      };
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) {
      return { kind: null, problem: "contains binary data, so it is not a text file" };
    }
    return { kind: expected };
  }
  return { kind: null };
}

// ---------------------------------------------------------------------------------------------
// File names

export const MAX_FILE_NAME_LENGTH = 200;

const codePoint = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Why a file name is refused, or null when it is acceptable. Ordinary names in any script are
 * fine ("Rapport d'activité 2021.pdf"); what is refused could change where a file lands, hide
 * its real type, or break a download on some system.
 */
export function fileNameProblem(name: string): string | null {
  if (name.trim() === "") return "The file has no name.";
  if ([...name].length > MAX_FILE_NAME_LENGTH)
    return `The file name is longer than ${MAX_FILE_NAME_LENGTH} characters; shorten it.`;
  if (/[/\\]/.test(name))
    return "The file name contains a path separator (/ or \\); upload the file under its own name.";
  if (name.includes("..")) return "The file name contains “..”; rename the file.";
  const control = /\p{Cc}/u.exec(name);
  if (control) return `The file name contains a control character (${codePoint(control[0])}).`;
  const invisible = /[\p{Cf}\p{Zl}\p{Zp}]/u.exec(name);
  if (invisible)
    return `The file name contains an invisible formatting character (${codePoint(invisible[0])}), which can disguise a file's real type; rename the file.`;
  if (/\p{Cs}|\p{Co}|\p{Cn}/u.test(name))
    return "The file name contains characters that are not valid text; rename the file.";
  const reserved = /[<>:"|?*]/.exec(name);
  if (reserved)
    return `The file name contains “${reserved[0]}”, which file systems do not allow; rename the file.`;
  if (/^[\s.]|[\s.]$/u.test(name))
    return "The file name must not start or end with a space or a dot; rename the file.";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Checking an upload

export type CheckedUpload = {
  /** The name as given (Unicode-normalised to NFC). */
  fileName: string;
  mimeType: string;
  sizeBytes: number;
};

function refuse(message: string): never {
  throw new AppError("VALIDATION", message);
}

/**
 * Checks an upload completely before anything is stored: name, size, and type by content
 * matching the extension. Throws a VALIDATION error whose message says what is wrong.
 */
export function checkUpload(
  upload: { name: string; bytes: Uint8Array },
  settings: Pick<EvidenceSettings, "maxBytes" | "maxLabel">,
): CheckedUpload {
  const problem = fileNameProblem(upload.name);
  if (problem) refuse(problem);
  const fileName = upload.name.normalize("NFC");
  if (upload.bytes.length === 0) refuse("The file is empty.");
  if (upload.bytes.length > settings.maxBytes)
    refuse(`The file is larger than the ${settings.maxLabel} limit.`);
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (!extension)
    refuse(`The file name has no extension. Accepted types: ${ACCEPTED_TYPES_LABEL}.`);
  const expected = KIND_BY_EXTENSION.get(extension);
  if (!expected)
    refuse(
      `Files of type .${extension} are not accepted. Accepted types: ${ACCEPTED_TYPES_LABEL}.`,
    );
  const detected = detectKind(upload.bytes, expected);
  if (detected.kind !== expected) {
    const what =
      detected.kind !== null
        ? `its content is ${KINDS[detected.kind].label}`
        : detected.problem
          ? `it ${detected.problem}`
          : `its content is not ${KINDS[expected].label}`;
    refuse(
      `The file is named .${extension} but ${what}. Choose the right file or give it the right extension.`,
    );
  }
  return { fileName, mimeType: KINDS[expected].mimeType, sizeBytes: upload.bytes.length };
}

// ---------------------------------------------------------------------------------------------
// Storing and reading

const HASH = /^[0-9a-f]{64}$/;

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Where the file with this hash lives. Only a well-formed hash ever becomes a path. */
export function storedPath(dir: string, hash: string): string {
  if (!HASH.test(hash)) throw new Error("Not a SHA-256 hash.");
  return path.join(dir, hash.slice(0, 2), hash);
}

function fsyncFolder(folder: string): void {
  const fd = fs.openSync(folder, "r");
  try {
    fs.fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a folder; the rename is still atomic there.
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Stores the bytes under their SHA-256, once. Synchronous on purpose: between storing a file and
 * inserting the row that refers to it, nothing else in this process can delete it.
 */
export function storeFile(dir: string, bytes: Uint8Array): { hash: string; created: boolean } {
  const hash = sha256(bytes);
  const target = storedPath(dir, hash);
  if (fs.existsSync(target) && sha256(fs.readFileSync(target)) === hash) {
    return { hash, created: false };
  }
  const folder = path.dirname(target);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const temporary = path.join(folder, `${INCOMING_PREFIX}${randomBytes(8).toString("hex")}`);
  const fd = fs.openSync(temporary, "wx", 0o600);
  try {
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fsyncFolder(folder);
  return { hash, created: true };
}

/** The stored bytes, or null when the file is missing (e.g. a database restored without it). */
export function readStoredFile(dir: string, hash: string): Buffer | null {
  try {
    return fs.readFileSync(storedPath(dir, hash));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Deletes a stored file (when no evidence refers to it any more). */
export function deleteStoredFile(dir: string, hash: string): void {
  fs.rmSync(storedPath(dir, hash), { force: true });
}
