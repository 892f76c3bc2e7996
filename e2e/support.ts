/** Shared helpers for end-to-end tests: HTTP sign-in, server actions over HTTP, the test database. */
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import Database from "better-sqlite3";

export const E2E_DATA = path.resolve("e2e", ".data");
/** The base database (migrated and seeded once per run by e2e/global-setup.ts) and its secret. */
export const BASE_DIR = path.join(E2E_DATA, "base");
export const DEMO_PASSWORD = "e2e demo password";

/**
 * The folder and database of this worker's own server. Set by the worker fixture
 * (e2e/fixtures.ts) before any test of the worker runs; each worker is a process of its own.
 */
let worker: { dataDir: string; dbPath: string } | undefined;
export function setWorkerData(data: { dataDir: string; dbPath: string }) {
  worker = data;
}
function workerData() {
  if (!worker)
    throw new Error("No worker server: import `test` from ./fixtures, not from @playwright/test");
  return worker;
}
/** The SQLite file this worker's server runs on. */
export const workerDb = () => workerData().dbPath;
/** The folder of this worker's database (its session secret, its uploads). */
export const workerDataDir = () => workerData().dataDir;

export const ACCOUNTS = {
  cso: "cso@example.org",
  reporterA: "reporter.migeprof@example.org",
  reporterB: "reporter.rnp@example.org",
  reviewer: "reviewer@example.org",
  admin: "admin@example.org",
} as const;
export type Caller = "anonymous" | keyof typeof ACCOUNTS;
export const CALLERS: Caller[] = [
  "anonymous",
  "cso",
  "reporterA",
  "reporterB",
  "reviewer",
  "admin",
];

/** Signs in through next-auth's HTTP endpoints (CSRF token, credentials callback); the context keeps the cookie. */
export async function signInOverHttp(
  request: APIRequestContext,
  email: string,
  password = DEMO_PASSWORD,
) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  const session = (await (await request.get("/api/auth/session")).json()) as {
    user?: { email?: string };
  };
  return { response, session };
}

/** Reads this worker's database (read-only) to check what a request did or did not change. */
export function queryDb<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(workerDb(), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

type ManifestEntry = {
  exportedName?: string;
  filename?: string;
  workers?: Record<string, unknown>;
};
type Manifest = {
  node?: Record<string, ManifestEntry>;
  edge?: Record<string, ManifestEntry>;
};

/**
 * Every server action of the production build (.next/server/server-reference-manifest.json):
 * its id, the module that exports it and its export name. When the manifest does not say which
 * module (older or newer Next), the first page that uses it stands in.
 */
export function serverActionsInBuild(): { id: string; module: string; name?: string }[] {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  return Object.entries({ ...manifest.edge, ...manifest.node })
    .map(([id, entry]) => ({
      id,
      module: entry.filename ?? Object.keys(entry.workers ?? {})[0] ?? "(unknown module)",
      name: entry.exportedName,
    }))
    .sort((a, b) => `${a.module} ${a.name}`.localeCompare(`${b.module} ${b.name}`));
}

/** The id of a server action in the production build, by its exported name. */
export function actionId(exportedName: string): string {
  const found = serverActionsInBuild().filter((action) => action.name === exportedName);
  if (found.length === 0) throw new Error(`No server action named ${exportedName} in the build`);
  if (found.length > 1)
    throw new Error(
      `${found.length} server actions are named ${exportedName}: ${found.map((a) => a.module).join(", ")}`,
    );
  return found[0]?.id ?? "";
}

/**
 * Calls a form server action over HTTP exactly as the browser does: a multipart body whose
 * fields are the form's (prefixed `_1_`) and whose root part `0` holds the arguments (for
 * `useActionState` the previous state, then the form; for a plain form action the form only).
 */
export async function callAction(
  request: APIRequestContext,
  pagePath: string,
  exportedName: string,
  fields: Record<string, string | File>,
  options: { withState?: boolean } = {},
) {
  // A FormData, not an object: the root part must come after the fields, and an object would
  // enumerate the integer-like key "0" first.
  const multipart = new FormData();
  for (const [key, value] of Object.entries(fields)) multipart.append(`_1_${key}`, value);
  // A plain `<form action={…}>` passes the form only; `useActionState` passes the state first.
  const args = options.withState === false ? ["$K1"] : [{ ok: false }, "$K1"];
  multipart.append("0", JSON.stringify(args));
  return request.post(pagePath, {
    headers: { "Next-Action": actionId(exportedName), Accept: "text/x-component" },
    multipart,
    maxRedirects: 0,
  });
}
