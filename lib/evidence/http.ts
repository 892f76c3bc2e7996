/**
 * HTTP details of evidence: reading an upload without ever holding more than the limit, and the
 * headers of a download.
 */
import "server-only";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import type { EvidenceFile } from "./data";

/** Room for the form's other fields and the multipart boundaries around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** Oversized bodies up to this many times the limit are read to the end (and discarded). */
const DISCARD_FACTOR = 4;

async function discard(body: ReadableStream<Uint8Array>, declared: number) {
  const reader = body.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    total += value.byteLength;
    if (total > declared) {
      await reader.cancel();
      return;
    }
  }
}

/** A 413 in the private API's error shape, with the problem on the file field. */
export function uploadTooLarge(maxLabel: string) {
  const message = `The file is larger than the ${maxLabel} limit.`;
  return NextResponse.json(
    { error: { code: "VALIDATION", message, fieldErrors: { file: [message] } } },
    { status: 413, headers: { "Cache-Control": "no-store", Connection: "close" } },
  );
}

/**
 * Reads a multipart form, refusing it (null) as soon as the body is longer than the limit
 * allows: from its Content-Length before reading anything, else while reading, so a client that
 * hides the length still cannot make the server hold more than the limit.
 */
export async function readLimitedForm(request: Request, maxFileBytes: number) {
  const limit = maxFileBytes + FORM_OVERHEAD_BYTES;
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    // Read (and throw away) a moderately oversized body before answering, so that the client,
    // still sending, receives the 413 instead of a broken connection. Far larger bodies are cut.
    if (request.body && declared <= limit * DISCARD_FACTOR) await discard(request.body, declared);
    return null;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  }
  const body = Buffer.concat(chunks);
  try {
    return await new Response(body, {
      headers: { "Content-Type": request.headers.get("content-type") ?? "" },
    }).formData();
  } catch {
    throw new AppError(
      "VALIDATION",
      "The upload could not be read (it may have been cut off); please try again.",
    );
  }
}

/** `attachment` with the file's own name, safely: an ASCII fallback and the UTF-8 name (RFC 6266/5987). */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The download response: stored type, never sniffed, never rendered inline, never run. */
export function evidenceDownload(file: EvidenceFile): Response {
  const textual = file.mimeType.startsWith("text/");
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": textual ? `${file.mimeType}; charset=utf-8` : file.mimeType,
      "Content-Length": String(file.sizeBytes),
      "Content-Disposition": attachmentDisposition(file.fileName),
      "X-Content-Type-Options": "nosniff",
      // Even if a browser were talked into opening it, a file runs no script and loads nothing.
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": file.isPublic ? "public, max-age=300" : "private, no-store",
    },
  });
}
