/**
 * Evidence over HTTP, as a browser or a script would send it: real multipart uploads (some
 * crafted byte by byte, as no browser would send them), downloads by every kind of caller, and
 * refusals that say what is wrong in JSON. Each test makes the reports it needs in the worker's
 * database (its own reporting periods, far in the future so that no reminder notices them).
 */
import { type APIRequestContext, request as playwrightRequest } from "@playwright/test";
import * as files from "../lib/evidence/test-files";
import { approveReport, evidenceReport } from "./evidence-data";
import { expect, test } from "./fixtures";
import { ACCOUNTS, type Caller, queryDb, signInOverHttp } from "./support";

const contexts: APIRequestContext[] = [];
async function as(caller: Caller, baseURL: string | undefined) {
  const context = await playwrightRequest.newContext({
    baseURL,
    // A browser's fetch from the app's own pages sends its origin; scripts must too.
    extraHTTPHeaders: { Origin: baseURL ?? "" },
  });
  contexts.push(context);
  if (caller !== "anonymous") {
    const { session } = await signInOverHttp(context, ACCOUNTS[caller]);
    expect(session.user?.email).toBe(ACCOUNTS[caller]);
  }
  return context;
}
test.afterAll(async () => {
  for (const context of contexts.splice(0)) await context.dispose();
});

/** A multipart body written byte for byte, so a file name arrives exactly as given. */
function rawMultipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const boundary = "----napEvidenceBoundary7MA4YWxkTrZu0gW";
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
      Buffer.from(file.name, "utf8"),
      Buffer.from(`"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      file.bytes,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    data: Buffer.concat(parts),
  };
}

const evidenceCount = (reportId: number) =>
  queryDb<{ n: number }>("select count(*) as n from evidence where report_id = ?", reportId)[0]
    ?.n ?? 0;

const FIELDS = { title: "Training attendance", visibility: "internal" };

test.describe("uploading evidence", () => {
  test("a good PDF uploads; the reporter and a reviewer download it, others get a 404", async ({
    baseURL,
  }) => {
    const reportId = evidenceReport("2096");
    const reporter = await as("reporterA", baseURL);
    const response = await reporter.post(`/api/reports/${reportId}/evidence`, {
      multipart: {
        file: {
          name: "Rapport d'activité 2021.pdf",
          mimeType: "application/pdf",
          buffer: files.PDF,
        },
        ...FIELDS,
      },
    });
    expect(response.status()).toBe(201);
    const { data } = (await response.json()) as { data: { id: number; href: string } };
    expect(data).toMatchObject({
      kind: "file",
      fileName: "Rapport d'activité 2021.pdf",
      mimeType: "application/pdf",
      sizeBytes: files.PDF.length,
      visibility: "internal",
      href: `/api/evidence/${data.id}`,
    });

    const list = await reporter.get(`/api/reports/${reportId}/evidence`);
    expect(((await list.json()) as { data: { id: number }[] }).data.map((e) => e.id)).toContain(
      data.id,
    );

    for (const caller of ["reporterA", "reviewer", "admin"] as const) {
      const download = await (await as(caller, baseURL)).get(data.href);
      expect(download.status(), caller).toBe(200);
      expect(Buffer.from(await download.body()).equals(files.PDF)).toBe(true);
      expect(download.headers()).toMatchObject({
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="Rapport d'activite 2021.pdf"; filename*=UTF-8''Rapport%20d%27activit%C3%A9%202021.pdf`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      });
    }
    for (const caller of ["anonymous", "cso", "reporterB"] as const) {
      const download = await (await as(caller, baseURL)).get(data.href);
      expect(download.status(), caller).toBe(404);
      expect(await download.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
      const listed = await (await as(caller, baseURL)).get(`/api/reports/${reportId}/evidence`);
      expect(listed.status(), caller).toBe(404);
    }
  });

  const BAD: { name: string; file: { name: string; bytes: Buffer }; message: RegExp }[] = [
    {
      name: "an empty file",
      file: { name: "empty.pdf", bytes: Buffer.alloc(0) },
      message: /The file is empty\./,
    },
    {
      name: "a program",
      file: { name: "setup.exe", bytes: files.EXE },
      message: /Files of type \.exe are not accepted\. Accepted types: PDF/,
    },
    {
      name: "an HTML page named .pdf",
      file: { name: "report.pdf", bytes: files.HTML },
      message: /named \.pdf but its content is not a PDF document/,
    },
    {
      name: "an SVG image",
      file: { name: "logo.svg", bytes: files.SVG },
      message: /Files of type \.svg are not accepted/,
    },
    {
      name: "a name climbing out with ../",
      file: { name: "../../etc/x.pdf", bytes: files.PDF },
      message: /path separator/,
    },
    {
      name: "a name with a control character",
      file: { name: "minutes\u001b[2J.pdf", bytes: files.PDF },
      message: /control character \(U\+001B\)/,
    },
    {
      name: "a name with an encoded line break",
      file: { name: "minutes%0A.pdf", bytes: files.PDF },
      message: /control character \(U\+000A\)/,
    },
    {
      name: "a name reversed by U+202E",
      file: { name: "invoice\u202efdp.exe", bytes: files.PDF },
      message: /invisible formatting character \(U\+202E\)/,
    },
  ];
  for (const bad of BAD) {
    test(`${bad.name} is refused with a clear JSON error and nothing is stored`, async ({
      baseURL,
    }) => {
      const reportId = evidenceReport("2096");
      const reporter = await as("reporterA", baseURL);
      const before = evidenceCount(reportId);
      const response = await reporter.post(
        `/api/reports/${reportId}/evidence`,
        rawMultipart(FIELDS, bad.file),
      );
      expect(response.status()).toBe(400);
      const body = (await response.json()) as {
        error: { code: string; fieldErrors: { file: string[] } };
      };
      expect(body.error.code).toBe("VALIDATION");
      expect(body.error.fieldErrors.file.join(" ")).toMatch(bad.message);
      expect(evidenceCount(reportId)).toBe(before);
    });
  }

  test("a file over the limit is refused from its size (413) and nothing is stored", async ({
    baseURL,
  }) => {
    const reportId = evidenceReport("2096");
    const reporter = await as("reporterA", baseURL);
    const before = evidenceCount(reportId);
    const big = Buffer.concat([files.PDF, Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    const response = await reporter.post(`/api/reports/${reportId}/evidence`, {
      multipart: { file: { name: "big.pdf", mimeType: "application/pdf", buffer: big }, ...FIELDS },
    });
    expect(response.status()).toBe(413);
    expect(await response.json()).toMatchObject({
      error: {
        code: "VALIDATION",
        message: "The file is larger than the 10 MB limit.",
        fieldErrors: { file: ["The file is larger than the 10 MB limit."] },
      },
    });
    expect(evidenceCount(reportId)).toBe(before);
  });

  test("a file of exactly the limit uploads whole", async ({ baseURL }) => {
    // proxy.ts leaves this route out: Next buffers a body for the proxy only up to 10 MB.
    const reportId = evidenceReport("2096");
    const reporter = await as("reporterA", baseURL);
    const size = 10 * 1024 * 1024;
    const nearLimit = Buffer.concat([files.PDF, Buffer.alloc(size - files.PDF.length, 0x20)]);
    const response = await reporter.post(`/api/reports/${reportId}/evidence`, {
      multipart: {
        file: { name: "scan.pdf", mimeType: "application/pdf", buffer: nearLimit },
        ...FIELDS,
      },
    });
    expect(response.status(), await response.text()).toBe(201);
    const { data } = (await response.json()) as { data: { href: string; sizeBytes: number } };
    expect(data.sizeBytes).toBe(size);
    const download = await reporter.get(data.href);
    expect(Buffer.from(await download.body()).equals(nearLimit)).toBe(true);
  });

  test("missing fields are listed by field", async ({ baseURL }) => {
    const reportId = evidenceReport("2096");
    const reporter = await as("reporterA", baseURL);
    const response = await reporter.post(
      `/api/reports/${reportId}/evidence`,
      rawMultipart({ title: "  ", visibility: "everyone" }),
    );
    expect(response.status()).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        code: "VALIDATION",
        fieldErrors: {
          file: ["Choose a file to upload."],
          title: ["Give the evidence a title."],
          visibility: ["Choose whether the evidence is public or internal."],
        },
      },
    });
  });

  test("a link is added as JSON; a javascript: address is refused", async ({ baseURL }) => {
    const reportId = evidenceReport("2096");
    const reporter = await as("reporterA", baseURL);
    const ok = await reporter.post(`/api/reports/${reportId}/evidence`, {
      data: {
        url: "https://www.migeprof.gov.rw/annual-report",
        title: "Annual report",
        visibility: "public",
      },
    });
    expect(ok.status()).toBe(201);
    const { data: link } = (await ok.json()) as { data: { id: number } };
    expect(link).toMatchObject({ kind: "link", host: "www.migeprof.gov.rw" });
    // The reporter removes it again: gone from the list, and a second removal finds nothing.
    expect((await reporter.delete(`/api/evidence/${link.id}`)).status()).toBe(200);
    const list = (await (await reporter.get(`/api/reports/${reportId}/evidence`)).json()) as {
      data: { id: number }[];
    };
    expect(list.data.map((e) => e.id)).not.toContain(link.id);
    expect((await reporter.delete(`/api/evidence/${link.id}`)).status()).toBe(404);
    const bad = await reporter.post(`/api/reports/${reportId}/evidence`, {
      data: { url: "javascript:alert(1)", title: "x", visibility: "public" },
    });
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { fieldErrors: { url: ["Give a web address starting with https:// or http://."] } },
    });
  });

  test("a cross-origin upload is refused and stores nothing", async ({ baseURL }) => {
    const reportId = evidenceReport("2096");
    const reporter = await as("reporterA", baseURL);
    const before = evidenceCount(reportId);
    const response = await reporter.post(`/api/reports/${reportId}/evidence`, {
      headers: { Origin: "https://attacker.example" },
      multipart: {
        file: { name: "x.pdf", mimeType: "application/pdf", buffer: files.PDF },
        ...FIELDS,
      },
    });
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({
      error: { code: "FORBIDDEN", message: "This request did not come from this site." },
    });
    expect(evidenceCount(reportId)).toBe(before);
  });

  test("ids that are not record numbers answer a JSON 404", async ({ baseURL }) => {
    const reviewer = await as("reviewer", baseURL);
    for (const path of ["/api/evidence/abc", "/api/evidence/1e3", "/api/reports/x/evidence"]) {
      const response = await reviewer.get(path);
      expect(response.status(), path).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
  });
});

test.describe("public evidence", () => {
  test("is downloadable by everyone once the report is approved; internal evidence never", async ({
    baseURL,
  }) => {
    const reportId = evidenceReport("2095");
    const reporter = await as("reporterA", baseURL);
    const upload = async (visibility: string, name: string, buffer: Buffer) => {
      const response = await reporter.post(`/api/reports/${reportId}/evidence`, {
        // The type the client claims does not matter: the content decides.
        multipart: {
          file: { name, mimeType: "application/octet-stream", buffer },
          title: name,
          visibility,
        },
      });
      expect(response.status()).toBe(201);
      return ((await response.json()) as { data: { href: string } }).data.href;
    };
    const publicHref = await upload("public", `photo-${Date.now()}.png`, files.PNG);
    const internalHref = await upload("internal", "values.csv", files.CSV);
    const anonymous = await as("anonymous", baseURL);
    expect((await anonymous.get(publicHref)).status()).toBe(404);

    approveReport(reportId);
    const download = await anonymous.get(publicHref);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("image/png");
    expect(Buffer.from(await download.body()).equals(files.PNG)).toBe(true);
    for (const caller of ["anonymous", "cso", "reporterB"] as const) {
      const context = await as(caller, baseURL);
      expect((await context.get(publicHref)).status(), caller).toBe(200);
      expect((await context.get(internalHref)).status(), caller).toBe(404);
    }
    const internal = await reporter.get(internalHref);
    expect(internal.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    // The approved report is locked: no more uploads or removals.
    const locked = await reporter.post(`/api/reports/${reportId}/evidence`, {
      multipart: {
        file: { name: "late.pdf", mimeType: "application/pdf", buffer: files.PDF },
        ...FIELDS,
      },
    });
    expect(locked.status()).toBe(409);
    expect((await reporter.delete(publicHref)).status()).toBe(409);
  });
});
