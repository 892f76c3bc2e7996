/**
 * What uploads are accepted and how they are kept: every bad input is refused with a message
 * that says what is wrong, good files of every type pass, and the same content is stored once.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_TMP } from "@/test/paths";
import { checkUpload, fileNameProblem, readStoredFile, storedPath, storeFile } from "./storage";
import * as files from "./test-files";

const LIMIT = { maxBytes: 1024 * 1024, maxLabel: "1 MB" };
const check = (name: string, bytes: Uint8Array) => checkUpload({ name, bytes }, LIMIT);

describe("checkUpload accepts genuine files of every accepted type", () => {
  const cases: [string, Buffer, string][] = [
    ["Rapport d'activité 2021.pdf", files.PDF, "application/pdf"],
    ["photo.PNG", files.PNG, "image/png"],
    ["site visit.jpg", files.JPEG, "image/jpeg"],
    ["site visit.jpeg", files.JPEG, "image/jpeg"],
    [
      "minutes.docx",
      files.DOCX,
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    [
      "budget.xlsx",
      files.XLSX,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ],
    ["compte rendu.odt", files.ODT, "application/vnd.oasis.opendocument.text"],
    ["tableau.ods", files.ODS, "application/vnd.oasis.opendocument.spreadsheet"],
    ["values.csv", files.CSV, "text/csv"],
    ["notes.txt", files.TXT, "text/plain"],
    ["Raporo y'ibikorwa — Kigali.txt", Buffer.from("Muraho\n"), "text/plain"],
    ["تقرير.pdf", files.PDF, "application/pdf"],
  ];
  for (const [name, bytes, mimeType] of cases) {
    it(`${name} → ${mimeType}`, () => {
      expect(check(name, bytes)).toEqual({ fileName: name, mimeType, sizeBytes: bytes.length });
    });
  }
});

describe("checkUpload refuses bad files with a clear message", () => {
  it("an empty file", () => {
    expect(() => check("empty.pdf", new Uint8Array())).toThrow("The file is empty.");
  });

  it("a file over the limit, naming the limit (one byte over is enough)", () => {
    const big = Buffer.concat([files.PDF, Buffer.alloc(LIMIT.maxBytes - files.PDF.length + 1)]);
    expect(() => check("big.pdf", big)).toThrow("The file is larger than the 1 MB limit.");
    expect(() => check("big.pdf", big.subarray(0, LIMIT.maxBytes))).not.toThrow();
  });

  it.each([
    ["setup.exe", files.EXE, /Files of type \.exe are not accepted\. Accepted types: PDF, PNG/],
    ["page.html", files.HTML, /Files of type \.html are not accepted/],
    ["logo.svg", files.SVG, /Files of type \.svg are not accepted/],
    ["archive.zip", files.PLAIN_ZIP, /Files of type \.zip are not accepted/],
    ["README", files.TXT, /The file name has no extension/],
  ])("a type outside the list: %s", (name, bytes, message) => {
    expect(() => check(name, bytes)).toThrow(message);
  });

  it.each([
    ["report.pdf", files.EXE, "The file is named .pdf but its content is not a PDF document."],
    ["report.pdf", files.HTML, "The file is named .pdf but its content is not a PDF document."],
    ["photo.png", files.PDF, "The file is named .png but its content is a PDF document."],
    ["photo.jpg", files.PNG, "The file is named .jpg but its content is a PNG image."],
    ["minutes.docx", files.XLSX, "The file is named .docx but its content is an Excel workbook"],
    ["minutes.docx", files.PLAIN_ZIP, "its content is not a Word document (DOCX)"],
    ["text.odt", files.ODS, "its content is an OpenDocument spreadsheet (ODS)"],
    ["macros.docx", files.DOCM, "The file is named .docx but it contains macros"],
    ["values.csv", files.PNG, "its content is a PNG image"],
    ["values.csv", Buffer.from([0x41, 0x00, 0x42]), "contains binary data"],
    ["values.csv", Buffer.from([0x41, 0xe9, 0x42]), "is not UTF-8 text"],
  ])("content that does not match the extension: %s", (name, bytes, message) => {
    expect(() => check(name, bytes)).toThrow(message);
  });
});

describe("file names", () => {
  it.each([
    ["", "The file has no name."],
    ["   ", "The file has no name."],
    ["../x.pdf", "path separator"],
    ["..\\x.pdf", "path separator"],
    ["a/b.pdf", "path separator"],
    ["/etc/passwd.txt", "path separator"],
    ["report..pdf", "contains “..”"],
    ["..", "contains “..”"],
    ["a\u0000.pdf", "control character (U+0000)"],
    ["a\n.pdf", "control character (U+000A)"],
    ["a\r.pdf", "control character (U+000D)"],
    ["a\u001b[31m.pdf", "control character (U+001B)"],
    ["a\u0085.pdf", "control character (U+0085)"],
    ["invoice\u202efdp.exe", "invisible formatting character (U+202E)"],
    ["a\u200b.pdf", "invisible formatting character (U+200B)"],
    ["a\u2028.pdf", "invisible formatting character (U+2028)"],
    ["a\ud800.pdf", "not valid text"],
    ["a<b>.pdf", "contains “<”"],
    ['a"b.pdf', 'contains “"”'],
    ["CON:.pdf", "contains “:”"],
    ["a|b.pdf", "contains “|”"],
    ["what?.pdf", "contains “?”"],
    ["star*.pdf", "contains “*”"],
    [".hidden.pdf", "must not start or end with a space or a dot"],
    [" report.pdf", "must not start or end with a space or a dot"],
    ["report.pdf ", "must not start or end with a space or a dot"],
    [`${"a".repeat(197)}.pdf`, "longer than 200 characters"],
  ])("%j is refused", (name, message) => {
    expect(fileNameProblem(name)).toContain(message);
    // And the upload with it is refused before anything else is looked at.
    expect(() => check(name, files.PDF)).toThrow(message);
  });

  it.each([
    "Rapport d'activité 2021.pdf",
    "Raporo y’ibikorwa 2021 (final).pdf",
    "Annual report – 2021 [v2] #3 & annex, 50%.pdf",
    "报告.pdf",
    `${"é".repeat(196)}.pdf`,
  ])("%j is fine", (name) => {
    expect(fileNameProblem(name)).toBeNull();
  });

  it("keeps a name in its composed Unicode form", () => {
    const decomposed = "Rapport d'activite\u0301.pdf";
    expect(check(decomposed, files.PDF).fileName).toBe("Rapport d'activité.pdf");
  });
});

describe("storeFile", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const freshDir = () => {
    const dir = path.join(TEST_TMP, `evidence-${randomUUID()}`, "evidence");
    dirs.push(path.dirname(dir));
    return dir;
  };

  it("stores content once under its SHA-256, owner-only, and reads it back", () => {
    const dir = freshDir();
    const first = storeFile(dir, files.PDF);
    const second = storeFile(dir, Buffer.from(files.PDF));
    expect(first).toEqual({
      hash: createHash("sha256").update(files.PDF).digest("hex"),
      created: true,
    });
    expect(second).toEqual({ hash: first.hash, created: false });
    const file = storedPath(dir, first.hash);
    expect(file).toBe(path.join(dir, first.hash.slice(0, 2), first.hash));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readStoredFile(dir, first.hash)).toEqual(files.PDF);
    // One file, no temporary left behind.
    expect(fs.readdirSync(path.dirname(file))).toEqual([first.hash]);
    const other = storeFile(dir, files.PNG);
    expect(other.hash).not.toBe(first.hash);
  });

  it("replaces a damaged copy of the same content instead of trusting it", () => {
    const dir = freshDir();
    const { hash } = storeFile(dir, files.CSV);
    fs.writeFileSync(storedPath(dir, hash), "damaged");
    expect(storeFile(dir, files.CSV)).toEqual({ hash, created: true });
    expect(readStoredFile(dir, hash)).toEqual(files.CSV);
  });

  it("never turns anything but a hash into a path", () => {
    expect(() => storedPath("/srv/evidence", "../../etc/passwd")).toThrow("Not a SHA-256 hash.");
    expect(readStoredFile(freshDir(), "0".repeat(64))).toBeNull();
  });
});
