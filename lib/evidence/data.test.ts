/**
 * Evidence through the data-access layer, on a real SQLite copy and a real folder: who may list,
 * add, remove and download (every caller × every action), what a locked report refuses, that
 * every change is audited in its transaction, that a refused upload leaves nothing behind, and
 * that backups carry the files.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import {
  auditEvents,
  evidence,
  indicators,
  institutions,
  outputs,
  pillars,
  plans,
  progressReports,
  reportingPeriods,
  reportVersions,
} from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer";
import { backupSettings, createBackup, restoreBackup } from "@/lib/ops/backup";
import { withTestDatabase } from "@/test/db";
import { TEST_TMP } from "@/test/paths";
import { CALLER_NAMES, CALLERS, type CallerName } from "@/test/viewers";
import {
  addFileEvidence,
  addLinkEvidence,
  listEvidence,
  openEvidenceFile,
  removeEvidence,
} from "./data";
import { evidenceSettings, storedPath } from "./storage";
import * as files from "./test-files";

const database = withTestDatabase();
let uploads = "";
beforeEach(() => {
  uploads = path.join(TEST_TMP, `uploads-${randomUUID()}`);
  process.env.UPLOADS_DIR = uploads;
});
afterEach(() => {
  delete process.env.UPLOADS_DIR;
  fs.rmSync(uploads, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Set-up: an open period and a draft report of MIGEPROF (reporterA's institution)

function institutionId(acronym: string): number {
  const row = getDb()
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.acronym, acronym))
    .get();
  if (!row) throw new Error(`No institution ${acronym}`);
  return row.id;
}

function planId(slug = "rwanda-2018-2022"): number {
  const row = getDb().select({ id: plans.id }).from(plans).where(eq(plans.slug, slug)).get();
  if (!row) throw new Error(`No plan ${slug}`);
  return row.id;
}

let periodCounter = 0;
function draftReport(
  options: { status?: "draft" | "submitted" | "approved"; period?: "open" | "closed" } = {},
) {
  const db = getDb();
  periodCounter += 1;
  const period = db
    .insert(reportingPeriods)
    .values({
      planId: planId(),
      code: String(2090 + periodCounter),
      type: "annual",
      startDate: "2090-01-01",
      endDate: "2090-12-31",
      deadline: "2091-01-31",
      status: options.period ?? "open",
    })
    .returning({ id: reportingPeriods.id })
    .get();
  return db
    .insert(progressReports)
    .values({
      institutionId: institutionId("MIGEPROF"),
      periodId: period.id,
      status: options.status ?? "draft",
    })
    .returning({ id: progressReports.id })
    .get().id;
}

function setStatus(reportId: number, status: "draft" | "submitted" | "approved") {
  getDb().update(progressReports).set({ status }).where(eq(progressReports.id, reportId)).run();
}

/** What an approval leaves behind that matters here: a frozen version with its time. */
function approve(reportId: number, at = new Date().toISOString()) {
  const db = getDb();
  const n = db.select().from(reportVersions).where(eq(reportVersions.reportId, reportId)).all();
  db.insert(reportVersions)
    .values({ reportId, versionNumber: n.length + 1, approvedAt: at, snapshot: {} })
    .run();
  setStatus(reportId, "approved");
}

const reporterA = () => CALLERS.reporterA();

const upload = (
  viewer: Viewer,
  reportId: number,
  overrides: Partial<{ name: string; bytes: Buffer; visibility: string; title: string }> = {},
) =>
  addFileEvidence(viewer, reportId, {
    file: { name: overrides.name ?? "minutes.pdf", bytes: overrides.bytes ?? files.PDF },
    title: overrides.title ?? "Steering committee minutes",
    visibility: overrides.visibility ?? "internal",
  });

const storedFiles = () => {
  const dir = evidenceSettings().dir;
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
};
const evidenceRows = () => getDb().select().from(evidence).all();
const auditOf = (action: string) =>
  getDb().select().from(auditEvents).where(eq(auditEvents.action, action)).all();

// ---------------------------------------------------------------------------------------------

describe("adding and reading evidence (the institution's reporter)", () => {
  it("adds a file: the list shows it, the file downloads byte for byte, the audit says who", () => {
    const reportId = draftReport();
    const item = upload(reporterA(), reportId, { name: "Rapport d'activité 2021.pdf" });
    expect(item).toMatchObject({
      kind: "file",
      title: "Steering committee minutes",
      fileName: "Rapport d'activité 2021.pdf",
      mimeType: "application/pdf",
      sizeBytes: files.PDF.length,
      visibility: "internal",
      itemRef: null,
      href: `/api/evidence/${item.id}`,
    });
    expect(listEvidence(reporterA(), reportId)).toEqual([item]);
    const file = openEvidenceFile(reporterA(), item.id);
    expect(file).toMatchObject({
      fileName: "Rapport d'activité 2021.pdf",
      mimeType: "application/pdf",
      isPublic: false,
    });
    expect(file.bytes.equals(files.PDF)).toBe(true);
    // The list never gives away where or under which hash the file is stored.
    expect(JSON.stringify(item)).not.toMatch(/[0-9a-f]{64}|uploads/);

    const [event] = auditOf("evidence.add");
    expect(event).toMatchObject({
      actorLabel: "reporter.migeprof@example.org",
      entityType: "evidence",
      entityId: String(item.id),
      before: null,
      after: {
        reportId,
        title: "Steering committee minutes",
        visibility: "internal",
        fileName: "Rapport d'activité 2021.pdf",
        sizeBytes: files.PDF.length,
      },
    });
  });

  it("adds a link (http or https only) and refuses other addresses by field", () => {
    const reportId = draftReport();
    const item = addLinkEvidence(reporterA(), reportId, {
      url: "https://www.gov.rw/reports/2021?lang=fr",
      title: "Published report",
      visibility: "public",
    });
    expect(item).toMatchObject({
      kind: "link",
      url: "https://www.gov.rw/reports/2021?lang=fr",
      host: "www.gov.rw",
    });
    for (const url of [
      "javascript:alert(1)",
      "ftp://files.example.org/a.pdf",
      "data:text/html,hi",
      "file:///etc/passwd",
      "https://user:secret@example.org/",
      "not a url",
      "",
    ]) {
      expect(() =>
        addLinkEvidence(reporterA(), reportId, { url, title: "x", visibility: "public" }),
      ).toThrow(expect.objectContaining({ code: "VALIDATION" }));
    }
    try {
      addLinkEvidence(reporterA(), reportId, { url: "javascript:alert(1)", title: " " });
    } catch (error) {
      expect(error).toMatchObject({
        details: {
          fieldErrors: {
            url: ["Give a web address starting with https:// or http://."],
            title: ["Give the evidence a title."],
            visibility: ["Choose whether the evidence is public or internal."],
          },
        },
      });
    }
    expect(evidenceRows()).toHaveLength(1);
    expect(openEvidenceFile.bind(null, reporterA(), item.id)).toThrow("a link, not a file");
  });

  it("attaches evidence to an item of the report's plan, and only of that plan", () => {
    const reportId = draftReport();
    const db = getDb();
    const own = db.select().from(indicators).where(eq(indicators.planId, planId())).get();
    // An output of another plan (a plan of its own, made here).
    const otherPlan = db
      .insert(plans)
      .values({
        slug: "elsewhere-2030",
        countryCode: "XX",
        countryName: "Elsewhere",
        title: "Another plan",
        generation: 1,
        startYear: 2026,
        endYear: 2030,
        currency: "XOF",
      })
      .returning({ id: plans.id })
      .get();
    const pillar = db
      .insert(pillars)
      .values({ planId: otherPlan.id, number: 1, title: "Prevention" })
      .returning({ id: pillars.id })
      .get();
    const other = db
      .insert(outputs)
      .values({ pillarId: pillar.id, number: 1, title: "Elsewhere's output" })
      .returning({ id: outputs.id })
      .get();
    if (!own || !other) throw new Error("The seed has no indicators or outputs.");
    const item = addLinkEvidence(reporterA(), reportId, {
      url: "https://example.org",
      title: "Survey",
      visibility: "internal",
      itemRef: `indicator:${own.id}`,
    });
    expect(item.itemRef).toBe(`indicator:${own.id}`);
    for (const [itemRef, message] of [
      [`output:${other.id}`, "This item is not part of the report's plan."],
      [`indicator:${own.id + 100000}`, "This item is not part of the report's plan."],
      ["milestone:999999", "This item is not part of the report's plan."],
      ["user:1", "Choose an item from the list."],
      ["indicator:1; drop table evidence", "Choose an item from the list."],
    ]) {
      expect(() =>
        addLinkEvidence(reporterA(), reportId, {
          url: "https://example.org",
          title: "Survey",
          visibility: "internal",
          itemRef,
        }),
      ).toThrow(expect.objectContaining({ details: { fieldErrors: { itemRef: [message] } } }));
    }
  });

  it("reports every problem of an upload at once, by field, and stores nothing", () => {
    const reportId = draftReport();
    expect(() =>
      addFileEvidence(reporterA(), reportId, {
        file: { name: "../x.pdf", bytes: files.PDF },
        title: "",
        visibility: "secret",
      }),
    ).toThrow(
      expect.objectContaining({
        code: "VALIDATION",
        details: {
          fieldErrors: {
            title: ["Give the evidence a title."],
            visibility: ["Choose whether the evidence is public or internal."],
            file: [
              "The file name contains a path separator (/ or \\); upload the file under its own name.",
            ],
          },
        },
      }),
    );
    expect(() =>
      addFileEvidence(reporterA(), reportId, { file: null, title: "t", visibility: "public" }),
    ).toThrow(
      expect.objectContaining({ details: { fieldErrors: { file: ["Choose a file to upload."] } } }),
    );
  });

  it.each([
    ["too large", { name: "big.pdf", bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 0x25) }, "limit"],
    ["empty", { name: "empty.pdf", bytes: Buffer.alloc(0) }, "The file is empty."],
    ["not a PDF", { name: "fake.pdf", bytes: files.EXE }, "is not a PDF document"],
    ["an .html page", { name: "page.html", bytes: files.HTML }, ".html are not accepted"],
    ["a path", { name: "../../x.pdf", bytes: files.PDF }, "path separator"],
    ["a control character", { name: "a\u0000.pdf", bytes: files.PDF }, "U+0000"],
  ])("a refused upload (%s) leaves no file and no row", (_case, file, message) => {
    const reportId = draftReport();
    expect(() => upload(reporterA(), reportId, file)).toThrow(
      expect.objectContaining({
        details: { fieldErrors: { file: [expect.stringContaining(message)] } },
      }),
    );
    expect(storedFiles()).toEqual([]);
    expect(evidenceRows()).toEqual([]);
    expect(auditOf("evidence.add")).toEqual([]);
  });

  it("stores the same content once, and deletes it when the last evidence using it goes", () => {
    const reportId = draftReport();
    const first = upload(reporterA(), reportId, { name: "a.pdf" });
    const second = upload(reporterA(), reportId, { name: "copy of a.pdf", title: "Copy" });
    expect(storedFiles()).toHaveLength(1);
    removeEvidence(reporterA(), first.id);
    expect(storedFiles()).toHaveLength(1);
    expect(openEvidenceFile(reporterA(), second.id).bytes.equals(files.PDF)).toBe(true);
    removeEvidence(reporterA(), second.id);
    expect(storedFiles()).toEqual([]);
    expect(listEvidence(reporterA(), reportId)).toEqual([]);
    const removed = auditOf("evidence.remove");
    expect(removed.map((e) => e.entityId)).toEqual([String(first.id), String(second.id)]);
    expect(removed[1]).toMatchObject({
      before: { reportId, fileName: "copy of a.pdf", title: "Copy" },
      after: null,
    });
  });

  it("refuses to add or remove once the report is submitted or approved, or its period closed", () => {
    const reportId = draftReport();
    const kept = upload(reporterA(), reportId);
    for (const status of ["submitted", "approved"] as const) {
      setStatus(reportId, status);
      expect(() => upload(reporterA(), reportId)).toThrow(
        expect.objectContaining({ code: "CONFLICT" }),
      );
      expect(() =>
        addLinkEvidence(reporterA(), reportId, {
          url: "https://example.org",
          title: "x",
          visibility: "public",
        }),
      ).toThrow(
        status === "submitted" ? /submitted and is waiting for review/ : /approved and locked/,
      );
      expect(() => removeEvidence(reporterA(), kept.id)).toThrow(
        expect.objectContaining({ code: "CONFLICT" }),
      );
    }
    const closed = draftReport({ period: "closed" });
    expect(() => upload(reporterA(), closed)).toThrow(/reporting period is closed/);
    expect(evidenceRows()).toHaveLength(1);
    expect(storedFiles()).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// The deny matrix

type Outcome = "ok" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND";

function outcome(run: () => unknown): Outcome {
  try {
    run();
    return "ok";
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "UNAUTHENTICATED" || code === "FORBIDDEN" || code === "NOT_FOUND") return code;
    throw error;
  }
}

const EXPECTED: Record<string, Record<CallerName, Outcome>> = {
  list: {
    anonymous: "NOT_FOUND",
    cso: "NOT_FOUND",
    reporterA: "ok",
    reporterB: "NOT_FOUND",
    reviewer: "ok",
    admin: "ok",
  },
  add: {
    anonymous: "UNAUTHENTICATED",
    cso: "FORBIDDEN",
    reporterA: "ok",
    reporterB: "NOT_FOUND",
    reviewer: "FORBIDDEN",
    admin: "FORBIDDEN",
  },
  addLink: {
    anonymous: "UNAUTHENTICATED",
    cso: "FORBIDDEN",
    reporterA: "ok",
    reporterB: "NOT_FOUND",
    reviewer: "FORBIDDEN",
    admin: "FORBIDDEN",
  },
  remove: {
    anonymous: "UNAUTHENTICATED",
    cso: "FORBIDDEN",
    reporterA: "ok",
    reporterB: "NOT_FOUND",
    reviewer: "FORBIDDEN",
    admin: "FORBIDDEN",
  },
  "download internal (draft)": {
    anonymous: "NOT_FOUND",
    cso: "NOT_FOUND",
    reporterA: "ok",
    reporterB: "NOT_FOUND",
    reviewer: "ok",
    admin: "ok",
  },
  "download public before approval": {
    anonymous: "NOT_FOUND",
    cso: "NOT_FOUND",
    reporterA: "ok",
    reporterB: "NOT_FOUND",
    reviewer: "ok",
    admin: "ok",
  },
  "download public after approval": {
    anonymous: "ok",
    cso: "ok",
    reporterA: "ok",
    reporterB: "ok",
    reviewer: "ok",
    admin: "ok",
  },
  "download internal after approval": {
    anonymous: "NOT_FOUND",
    cso: "NOT_FOUND",
    reporterA: "ok",
    reporterB: "NOT_FOUND",
    reviewer: "ok",
    admin: "ok",
  },
};

describe("deny matrix", () => {
  for (const caller of CALLER_NAMES) {
    it(`${caller}: ${Object.entries(EXPECTED)
      .map(([action, row]) => `${action} ${row[caller]}`)
      .join(", ")}`, () => {
      const viewer = CALLERS[caller]();
      const reportId = draftReport();
      const internal = upload(reporterA(), reportId, { visibility: "internal" });
      const pub = upload(reporterA(), reportId, {
        visibility: "public",
        bytes: files.PNG,
        name: "photo.png",
      });
      const target = upload(reporterA(), reportId, { bytes: files.CSV, name: "values.csv" });
      const rowsBefore = evidenceRows().length;
      const actual: Record<string, Outcome> = {
        list: outcome(() => listEvidence(viewer, reportId)),
        add: outcome(() => upload(viewer, reportId, { bytes: files.TXT, name: "new.txt" })),
        addLink: outcome(() =>
          addLinkEvidence(viewer, reportId, {
            url: "https://example.org",
            title: "Link",
            visibility: "public",
          }),
        ),
        remove: outcome(() => removeEvidence(viewer, target.id)),
        "download internal (draft)": outcome(() => openEvidenceFile(viewer, internal.id)),
        "download public before approval": outcome(() => openEvidenceFile(viewer, pub.id)),
      };
      const changed = evidenceRows().length - rowsBefore;
      // Allowed: one file and one link added, one removed; refused: nothing changed.
      expect(changed).toBe(actual.add === "ok" ? 1 : 0);
      approve(reportId);
      actual["download public after approval"] = outcome(() => openEvidenceFile(viewer, pub.id));
      actual["download internal after approval"] = outcome(() =>
        openEvidenceFile(viewer, internal.id),
      );
      expect(actual).toEqual(
        Object.fromEntries(Object.entries(EXPECTED).map(([a, r]) => [a, r[caller]])),
      );
    });
  }

  it("after approval, the public lists only the public evidence, without who added it", () => {
    const reportId = draftReport();
    upload(reporterA(), reportId, { visibility: "internal", title: "Internal memo" });
    const pub = upload(reporterA(), reportId, { visibility: "public", title: "Photo" });
    approve(reportId);
    for (const caller of ["anonymous", "cso", "reporterB"] as const) {
      const list = listEvidence(CALLERS[caller](), reportId);
      expect(list.map((e) => e.title)).toEqual(["Photo"]);
      expect(list[0]).toMatchObject({ id: pub.id, uploadedBy: null });
    }
    expect(
      listEvidence(CALLERS.reviewer(), reportId)
        .map((e) => e.title)
        .sort(),
    ).toEqual(["Internal memo", "Photo"]);
    expect(openEvidenceFile(null, pub.id).isPublic).toBe(true);
  });

  it("after a reopening, the public keeps only what was approved until the next approval", () => {
    const reportId = draftReport();
    const approvedBefore = upload(reporterA(), reportId, { visibility: "public", title: "Old" });
    getDb()
      .update(evidence)
      .set({ createdAt: new Date(Date.now() - 120_000).toISOString() })
      .where(eq(evidence.id, approvedBefore.id))
      .run();
    approve(reportId, new Date(Date.now() - 60_000).toISOString());
    setStatus(reportId, "draft");
    const added = upload(reporterA(), reportId, {
      visibility: "public",
      title: "New",
      bytes: files.PNG,
      name: "new.png",
    });
    expect(listEvidence(null, reportId).map((e) => e.id)).toEqual([approvedBefore.id]);
    expect(outcome(() => openEvidenceFile(null, added.id))).toBe("NOT_FOUND");
    expect(outcome(() => openEvidenceFile(CALLERS.cso(), approvedBefore.id))).toBe("ok");
    approve(reportId);
    expect(listEvidence(null, reportId).map((e) => e.id)).toEqual([added.id, approvedBefore.id]);
  });

  it("writes a signed-in user's refused download to the audit log", () => {
    const reportId = draftReport();
    const internal = upload(reporterA(), reportId);
    expect(outcome(() => openEvidenceFile(CALLERS.reporterB(), internal.id))).toBe("NOT_FOUND");
    expect(
      getDb()
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, "authz.denied"),
            eq(auditEvents.actorLabel, "reporter.rnp@example.org"),
          ),
        )
        .all(),
    ).toHaveLength(1);
  });

  it("answers a missing report or evidence as not found, whoever asks", () => {
    for (const caller of CALLER_NAMES) {
      const viewer = CALLERS[caller]();
      expect(outcome(() => openEvidenceFile(viewer, 999_999))).toBe("NOT_FOUND");
      expect(outcome(() => listEvidence(viewer, 999_999))).not.toBe("ok");
      expect(outcome(() => openEvidenceFile(viewer, -1))).toBe("NOT_FOUND");
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe("backups", () => {
  it("carry evidence files: a restored database serves the same file", async () => {
    const reportId = draftReport();
    const item = upload(reporterA(), reportId, { bytes: files.DOCX, name: "minutes.docx" });
    // A half-written upload is not copied.
    const dir = evidenceSettings().dir;
    fs.writeFileSync(path.join(dir, ".incoming-deadbeef"), "half");
    const backupDir = path.join(uploads, "..", `backups-${randomUUID()}`);
    const settings = backupSettings({
      ...process.env,
      DATABASE_PATH: database.path(),
      UPLOADS_DIR: uploads,
      BACKUP_DIR: backupDir,
    });
    const { dir: backup, manifest } = await createBackup(settings);
    expect(manifest.files.map((f) => f.path)).toEqual([
      expect.stringMatching(/^evidence\/[0-9a-f]{2}\/[0-9a-f]{64}$/),
    ]);
    // Lose the files, then restore.
    fs.rmSync(uploads, { recursive: true, force: true });
    expect(outcome(() => openEvidenceFile(reporterA(), item.id))).toBe("NOT_FOUND");
    const { closeDb } = await import("@/db/client");
    closeDb();
    await restoreBackup(settings, backup);
    expect(openEvidenceFile(reporterA(), item.id).bytes.equals(files.DOCX)).toBe(true);
    const stored = storedPath(dir, manifest.files[0]?.path.split("/")[2] ?? "");
    expect(fs.existsSync(stored)).toBe(true);
    fs.rmSync(backupDir, { recursive: true, force: true });
  });
});
