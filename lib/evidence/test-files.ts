/**
 * Small, genuine files of every accepted type (and some impostors) for the evidence tests, unit
 * and end-to-end. Built in code so the tests show exactly which bytes make a file what it is.
 */
import { crc32 } from "node:zlib";

export const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082",
  "hex",
);

export const JPEG = Buffer.from("ffd8ffe000104a46494600010100000100010000ffd9", "hex");

export const CSV = Buffer.from("Year,Sex,Value\n2021,female,42\n2021,male,37\n");

export const TXT = Buffer.from("Minutes of the steering committee, 12 March 2021.\n");

/** A Windows program's first bytes ("MZ"). */
export const EXE = Buffer.from("4d5a90000300000004000000ffff0000", "hex");

export const HTML = Buffer.from("<!doctype html><script>alert(document.cookie)</script>");

export const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
);

/** A ZIP archive of stored (uncompressed) entries, in the given order. */
export function zip(entries: [name: string, content: string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = '<?xml version="1.0"?><Types/>';

export const DOCX = zip([
  ["[Content_Types].xml", CONTENT_TYPES],
  ["word/document.xml", "<w:document/>"],
]);

export const XLSX = zip([
  ["[Content_Types].xml", CONTENT_TYPES],
  ["xl/workbook.xml", "<workbook/>"],
]);

/** A Word document with macros (what .docm holds), renamed .docx by whoever sends it. */
export const DOCM = zip([
  ["[Content_Types].xml", CONTENT_TYPES],
  ["word/document.xml", "<w:document/>"],
  ["word/vbaProject.bin", "macro"],
]);

export const ODT = zip([
  ["mimetype", "application/vnd.oasis.opendocument.text"],
  ["content.xml", "<office:document-content/>"],
]);

export const ODS = zip([
  ["mimetype", "application/vnd.oasis.opendocument.spreadsheet"],
  ["content.xml", "<office:document-content/>"],
]);

/** A ZIP archive that is no office document. */
export const PLAIN_ZIP = zip([["notes.txt", "hello"]]);
