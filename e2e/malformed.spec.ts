/**
 * Malformed requests, each class found by the probes of issue 11, answer a 4xx (JSON under /api)
 * and change nothing in the database; a seeded fuzz loop mixing the classes sees no 5xx.
 * Raw sockets send what Playwright's client cannot (an invalid Host, a `%` path, TRACE).
 * The spec has a server and database of its own: "writes nothing" is checked on every table,
 * and the log is read for the one short warning line each refusal writes.
 */
import net from "node:net";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { type OwnServer, startOwnServer } from "./own-server";

const ACTION = "7f".repeat(21);
let server: OwnServer;

test.describe.configure({ mode: "serial", timeout: 180_000 });

test.beforeAll(async () => {
  // The deadline reminders write notifications on a timer, not because of a request: off here,
  // so that "writes nothing" counts only what the requests did.
  server = await startOwnServer("malformed", { REMINDER_INTERVAL_SECONDS: "0" });
});

test.afterAll(async () => {
  await server?.stop();
});

function queryDb<T>(sql: string): T[] {
  const db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** Sends raw bytes and returns the status code of the answer. */
function raw(request: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // Written, not half-closed: a client that sends FIN right after its request makes Node drop
    // a slow answer (httpAllowHalfOpen is off); "Connection: close" lets the server close.
    const socket = net.connect(server.port, "127.0.0.1", () => socket.write(request));
    let text = "";
    socket.on("data", (chunk) => {
      text += chunk.toString("latin1");
    });
    socket.on("error", reject);
    socket.on("close", () =>
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }),
    );
  });
}

function http(method: string, path: string, headers: Record<string, string> = {}, body = "") {
  const lines = [`${method} ${path} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close"];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body || method === "POST") lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return raw(`${lines.join("\r\n")}\r\n\r\n${body}`);
}

/** Row counts of every table: what a refused request must leave as it was. */
function snapshot() {
  const tables = queryDb<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  return tables.map(({ name }) => [
    name,
    queryDb<{ n: number }>(`SELECT count(*) AS n FROM "${name}"`)[0]?.n,
  ]);
}

const multipart = (fields: Record<string, string>) => {
  const boundary = "----b0undary";
  const body = `${Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join("")}--${boundary}--\r\n`;
  return { type: `multipart/form-data; boundary=${boundary}`, body };
};

const CASES: [string, () => Promise<{ status: number; text: string }>, number][] = [
  ["TRACE on a route handler", () => http("TRACE", "/api/health"), 405],
  ["CONNECT", () => http("CONNECT", "/"), 405],
  ["undecodable path", () => http("GET", "/plans/%"), 400],
  ["invalid Host", () => raw("GET / HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n"), 400],
  ["invalid Origin", () => http("GET", "/", { Origin: "not a url" }), 400],
  ["GET on the credentials callback", () => http("GET", "/api/auth/callback/credentials"), 405],
  ["unknown /api path", () => http("GET", "/api/no/such/thing"), 404],
  ["unsupported method on a route handler", () => http("DELETE", "/api/health"), 405],
  [
    "urlencoded POST to a page",
    () => http("POST", "/admin", { "Content-Type": "application/x-www-form-urlencoded" }, "a=1"),
    405,
  ],
  [
    "multipart POST to a page without Next-Action",
    () => {
      const m = multipart({ a: "1" });
      return http("POST", "/signin", { "Content-Type": m.type }, m.body);
    },
    405,
  ],
  [
    "Next-Action with a wrong content type",
    () =>
      http("POST", "/admin", { "Next-Action": ACTION, "Content-Type": "application/json" }, "{}"),
    400,
  ],
  [
    "action argument that is not a form",
    () => {
      const m = multipart({ "0": JSON.stringify(["not a form"]) });
      return http("POST", "/admin", { "Next-Action": ACTION, "Content-Type": m.type }, m.body);
    },
    400,
  ],
  [
    "action body with a bad reference",
    () => {
      const m = multipart({ "0": JSON.stringify([{ a: "$9" }, "$K1"]) });
      return http("POST", "/admin", { "Next-Action": ACTION, "Content-Type": m.type }, m.body);
    },
    400,
  ],
  [
    "action body over 1 MB",
    () => {
      const m = multipart({ "0": JSON.stringify(["$K1"]), _1_x: "y".repeat(1_100_000) });
      return http("POST", "/admin", { "Next-Action": ACTION, "Content-Type": m.type }, m.body);
    },
    413,
  ],
];

/** The JSON log lines the server wrote after `from` (an offset in its output). */
function logSince(from: number) {
  return server
    .output()
    .slice(from)
    .split("\n")
    .filter((line) => line.trim().length > 0);
}

test("each class of malformed request answers a 4xx, JSON under /api, and writes nothing", async () => {
  const before = snapshot();
  const start = server.output().length;
  for (const [name, send, status] of CASES) {
    const answer = await send();
    expect(answer.status, name).toBe(status);
    if (/ \/api/.test(name) || name.includes("route handler") || name.includes("callback")) {
      expect(answer.text, name).toMatch(/"error":\{"code":"[A-Z_]+","message"/);
    }
  }
  expect(snapshot()).toEqual(before);
  // Each refusal writes one short warning line, never a stack trace.
  await expect
    .poll(() => logSince(start).filter((l) => l.includes('"bad-request"')).length)
    .toBeGreaterThanOrEqual(10);
  const lines = logSince(start);
  for (const line of lines) {
    expect(line, "every log line is JSON").toMatch(/^\{.*\}$/);
    expect(line.length, line).toBeLessThan(600);
    const entry = JSON.parse(line) as Record<string, unknown>;
    expect(entry, line).not.toHaveProperty("err");
    expect(entry.level === 50 || entry.level === 60, line).toBe(false);
  }
  expect(lines.filter((l) => l.includes('"bad-request"')).length).toBeLessThanOrEqual(CASES.length);
});

test("500 seeded random malformed requests get no 5xx", async () => {
  test.setTimeout(120_000);
  let seed = 11;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
  const before = snapshot();
  const start = server.output().length;
  for (let i = 0; i < 500; i++) {
    const path = pick([
      "/",
      "/plans/%",
      "/admin",
      "/api/health",
      "/api/x%zz",
      "/plans/rwanda-2018-2022",
      "/api/reports/1",
    ]);
    const method = pick(["GET", "POST", "TRACE", "DELETE", "PUT", "OPTIONS", "PROPFIND"]);
    const headers: Record<string, string> = {};
    if (random() < 0.3) headers["Next-Action"] = pick([ACTION, "junk"]);
    if (random() < 0.3) headers.Origin = pick(["http://[bad", "null", "http://127.0.0.1"]);
    const m = multipart({
      "0": pick(['["$K1"]', "[", '["$5","$K1"]', '"x"', '[{"$h1":"$h1"},"$K1"]']),
    });
    const type = pick([m.type, "text/plain", "application/json", "multipart/form-data"]);
    headers["Content-Type"] = type;
    const answer = await http(method, path, headers, method === "GET" ? "" : m.body);
    expect(answer.status, `${method} ${path} ${JSON.stringify(headers)}`).toBeLessThan(500);
  }
  expect(snapshot()).toEqual(before);
  // 500 junk requests leave a short log: no stack traces, no error lines.
  const log = logSince(start);
  for (const line of log) expect(line.length, line).toBeLessThan(600);
  expect(log.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
});
