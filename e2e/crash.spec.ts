/**
 * The crash test (PRODUCT.md "Loses nothing"; issue 5): a reporter saves a burst of changes,
 * the server is killed with SIGKILL while a save is in flight, and after a restart on the same
 * database every save that was acknowledged is there and `PRAGMA integrity_check` says ok.
 *
 * The server is this test's own (`npm start` on a port and database of its own, not its
 * worker's server), started in a process group of its own so that the kill takes every process with
 * it and nothing survives the test.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import {
  type APIRequestContext,
  expect,
  request as playwrightRequest,
  test,
} from "@playwright/test";
import Database from "better-sqlite3";
import { ACCOUNTS, DEMO_PASSWORD, E2E_DATA, signInOverHttp } from "./support";

const DIR = path.join(E2E_DATA, "crash");
const DB_FILE = path.join(DIR, "crash.db");
/** Acknowledged saves before the kill is armed; the kill then lands during the next request. */
const SAVES_BEFORE_KILL = 40;
const MAX_SAVES = 400;

test.describe.configure({ mode: "serial", timeout: 300_000 });

type Server = { child: ChildProcess; base: string; output: () => string };
const running = new Set<ChildProcess>();

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const alive = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGKILL to the whole process group (npm, tsx, node), then waits until none is left. */
async function killGroup(child: ChildProcess) {
  const pid = child.pid;
  running.delete(child);
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
  const until = Date.now() + 10_000;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  expect(alive(pid), "no process of the killed server survives").toBe(false);
}

/** `npm start` on the crash database (migrated and seeded the first time), ready to serve. */
async function startServer(): Promise<Server> {
  const port = await freePort();
  let output = "";
  const child = spawn("npm", ["start"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_PATH: DB_FILE,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DEMO_PASSWORD,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "error",
      // The production build exists when e2e runs (e2e/global-setup.ts made sure of it).
      NAP_SKIP_BUILD: "1",
      // No reminder loop writing beside the burst.
      REMINDER_INTERVAL_SECONDS: "0",
    },
  });
  running.add(child);
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const base = `http://127.0.0.1:${port}`;
  await expect
    .poll(
      async () => {
        if (child.exitCode !== null) return `exited: ${output}`;
        try {
          return (await fetch(`${base}/api/health`)).status;
        } catch {
          return "not yet";
        }
      },
      { timeout: 120_000, intervals: [250] },
    )
    .toBe(200);
  return { child, base, output: () => output };
}

async function signedIn(server: Server): Promise<APIRequestContext> {
  const client = await playwrightRequest.newContext({
    baseURL: server.base,
    extraHTTPHeaders: { Origin: server.base },
  });
  const { session } = await signInOverHttp(client, ACCOUNTS.reporterA);
  expect(session.user?.email).toBe(ACCOUNTS.reporterA);
  return client;
}

type ReportBody = {
  data: {
    report: { id: number; version: number; status: string };
    shape: { indicators: { id: number; unit: string }[] };
    values: Record<string, string>;
  };
};

function withDb<T>(run: (db: Database.Database) => T, options: { readonly?: boolean } = {}): T {
  const db = new Database(DB_FILE, { fileMustExist: true, readonly: options.readonly ?? false });
  try {
    return run(db);
  } finally {
    db.close();
  }
}

test.beforeAll(() => {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
});

test.afterAll(async () => {
  for (const child of [...running]) await killGroup(child);
});

test("every acknowledged save survives a SIGKILL in the middle of a burst of saves", async () => {
  // ── First life: sign in, open the draft, save until the server is killed mid-request ──────
  const first = await startServer();
  const client = await signedIn(first);
  const periodId = withDb(
    (db) =>
      (
        db.prepare("select id from reporting_periods where code = '2022July'").get() as {
          id: number;
        }
      ).id,
    { readonly: true },
  );
  const started = await client.post("/api/reports/start", { data: { periodId } });
  expect(started.status(), await started.text()).toBe(200);
  const reportId = ((await started.json()) as { data: { id: number } }).data.id;
  const opened = await client.get(`/api/reports/${reportId}`);
  expect(opened.status()).toBe(200);
  const report = ((await opened.json()) as ReportBody).data;
  expect(report.report.status).toBe("draft");
  const count = report.shape.indicators.find((i) => i.unit === "count");
  if (!count) throw new Error("MIGEPROF's report should have a count indicator");
  const KEYS = [
    "narrative:challenges",
    "narrative:nextSteps",
    `note:${count.id}`,
    `value:${count.id}:`,
  ];
  const valueFor = (key: string, i: number) =>
    key.startsWith("value:") ? String(10_000 + i) : `Save ${i} of the crash test (${key}).`;

  let version = report.report.version;
  const acknowledged: { key: string; value: string; version: number }[] = [];
  let inFlight: { key: string; value: string; version: number } | null = null;
  let killedAt = -1;
  const roundTrips: number[] = [];
  for (let i = 0; i < MAX_SAVES; i++) {
    const key = KEYS[i % KEYS.length] as string;
    const value = valueFor(key, i);
    const sentAt = Date.now();
    // Settled at once, so that a request cut off by the kill is an answer here, not an error.
    const pending = client
      .patch(`/api/reports/${reportId}`, {
        data: { baseVersion: version, changes: { [key]: value } },
        timeout: 10_000,
      })
      .then(
        (response) => ({ response }),
        (error: unknown) => ({ error }),
      );
    if (acknowledged.length === SAVES_BEFORE_KILL) {
      // The request is on its way (or being committed): kill the server now.
      inFlight = { key, value, version: version + 1 };
      killedAt = i;
      // Half a usual round trip: the request has most likely reached the server and is being
      // handled (parsed, checked, committed) when the kill lands.
      const usual = roundTrips.reduce((sum, ms) => sum + ms, 0) / roundTrips.length;
      await new Promise((r) => setTimeout(r, Math.max(1, Math.round(usual / 2))));
      await killGroup(first.child);
    }
    const outcome = await pending;
    if (!("response" in outcome)) {
      // No answer: not acknowledged. Before the kill that is a failure.
      if (killedAt < 0) throw outcome.error;
      break;
    }
    const { response } = outcome;
    if (response.status() !== 200) {
      // Any other answer is not an acknowledgement either; before the kill it is a failure.
      expect(killedAt, `save ${i}: ${response.status()} ${await response.text()}`).toBe(i);
      break;
    }
    const body = (await response.json()) as { data: { version: number } };
    expect(body.data.version).toBe(version + 1);
    version = body.data.version;
    acknowledged.push({ key, value, version });
    roundTrips.push(Date.now() - sentAt);
    if (killedAt === i) inFlight = null; // It was answered before the kill: acknowledged.
    if (killedAt >= 0) break;
  }
  await client.dispose();
  expect(killedAt, "the kill happened during the burst").toBeGreaterThanOrEqual(0);
  expect(acknowledged.length).toBeGreaterThanOrEqual(SAVES_BEFORE_KILL);

  const lastAcknowledged = new Map<string, string>();
  for (const save of acknowledged) lastAcknowledged.set(save.key, save.value);
  const lastVersion = acknowledged.at(-1)?.version ?? -1;

  // ── Second life: restart on the same database; every acknowledged save is there ───────────
  const second = await startServer();
  const again = await signedIn(second);
  const reread = await again.get(`/api/reports/${reportId}`);
  expect(reread.status()).toBe(200);
  const after = ((await reread.json()) as ReportBody).data;
  expect(after.report.version).toBeGreaterThanOrEqual(lastVersion);
  // At most the one save in flight may have been committed without being acknowledged.
  expect(after.report.version).toBeLessThanOrEqual(lastVersion + (inFlight ? 1 : 0));
  const committedInFlight = inFlight !== null && after.report.version === inFlight.version;
  test.info().annotations.push({
    type: "crash",
    description: `${acknowledged.length} saves acknowledged (last version ${lastVersion}); the save in flight at the kill was ${inFlight === null ? "answered before it" : committedInFlight ? "committed without an answer" : "not committed"}.`,
  });
  for (const [key, value] of lastAcknowledged) {
    const expected = committedInFlight && inFlight?.key === key ? inFlight.value : value;
    expect(after.values[key], key).toBe(expected);
  }
  // The audit trail holds one save event per committed version.
  const saves = withDb(
    (db) =>
      db
        .prepare(
          "select count(*) as n from audit_events where action = 'report.save' and entity_id = ?",
        )
        .get(String(reportId)) as { n: number },
    { readonly: true },
  );
  expect(saves.n).toBe(after.report.version - report.report.version);

  // The server carries on from there.
  const next = await again.patch(`/api/reports/${reportId}`, {
    data: {
      baseVersion: after.report.version,
      changes: { "narrative:challenges": "After the restart." },
    },
  });
  expect(next.status(), await next.text()).toBe(200);
  await again.dispose();
  await killGroup(second.child);

  // ── The file itself is sound ───────────────────────────────────────────────────────────────
  withDb((db) => {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);
    const row = db
      .prepare("select version, challenges from progress_reports where id = ?")
      .get(reportId) as { version: number; challenges: string };
    expect(row).toEqual({ version: after.report.version + 1, challenges: "After the restart." });
  });
});
