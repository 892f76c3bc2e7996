/** Shared helpers for end-to-end tests: HTTP sign-in, server actions over HTTP, the test database. */
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import Database from "better-sqlite3";

export const E2E_DATA = path.resolve("e2e", ".data");
export const E2E_DB = path.join(E2E_DATA, "e2e.db");
export const DEMO_PASSWORD = "e2e demo password";

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

/** Reads the test server's database (read-only) to check what a request did or did not change. */
export function queryDb<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(E2E_DB, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

type Manifest = { node: Record<string, { exportedName?: string; filename?: string }> };

/** The id of a server action in the production build, by its exported name. */
export function actionId(exportedName: string): string {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  const entry = Object.entries(manifest.node).find(
    ([, value]) => value.exportedName === exportedName,
  );
  if (!entry) throw new Error(`No server action named ${exportedName} in the build`);
  return entry[0];
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
