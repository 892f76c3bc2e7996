/**
 * The operational log, read from a server of this test's own (the shared test server keeps its
 * logs quiet): JSON lines, a request id on every request line, and no passwords, tokens,
 * cookies or e-mail addresses anywhere.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { DEMO_PASSWORD, E2E_DATA } from "./support";

let BASE = "";
const DIR = path.join(E2E_DATA, "logs");
let server: ChildProcess | undefined;
let output = "";

test.describe.configure({ mode: "serial", timeout: 120_000 });

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

test.beforeAll(async () => {
  const port = await freePort();
  BASE = `http://127.0.0.1:${port}`;
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  const env = {
    ...process.env,
    DATABASE_PATH: path.join(DIR, "logs.db"),
    DEMO_PASSWORD,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    LOG_LEVEL: "info",
    NAP_SKIP_BUILD: "1",
  };
  const prepared = spawnSync(process.execPath, ["--import", "tsx", "scripts/prepare.ts"], {
    env,
    encoding: "utf8",
  });
  expect(prepared.status, prepared.stderr).toBe(0);
  // Node itself, not npx, so that stopping it stops the server.
  server = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
    env: { ...env, NODE_ENV: "production" },
  });
  server.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  server.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await expect.poll(() => output, { timeout: 60_000 }).toContain("NAP Tracker is ready");
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

test("requests, sign-ins and refusals are logged as JSON without secrets or personal data", async () => {
  const client = await playwrightRequest.newContext({ baseURL: BASE });
  await client.get("/plans/rwanda-2018-2022?utm=secret-query-value");
  await client.get("/set-password?token=a-one-time-token-that-must-not-be-logged");
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  await client.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: "cso@example.org", password: "a wrong password typed here" },
  });
  await client.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: "cso@example.org", password: DEMO_PASSWORD },
  });
  const refused = await client.get("/admin");
  expect(refused.status()).toBe(403);
  const requestId = refused.headers()["x-request-id"];
  await client.dispose();

  await expect.poll(() => output).toContain(requestId);
  const lines = output.split("\n").filter((line) => line.trim().startsWith("{"));
  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(entries.length).toBeGreaterThan(5);

  const requests = entries.filter((e) => e.kind === "request");
  for (const entry of requests) expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(requests).toContainEqual(
    expect.objectContaining({ path: "/admin", status: 403, requestId }),
  );
  expect(requests).toContainEqual(
    expect.objectContaining({ path: "/plans/rwanda-2018-2022", status: 200 }),
  );

  const security = entries.filter((e) => e.kind === "security").map((e) => e.event);
  expect(security).toEqual(
    expect.arrayContaining(["auth.sign_in_failed", "auth.sign_in", "authz.denied"]),
  );

  for (const secret of [
    "a wrong password typed here",
    DEMO_PASSWORD,
    "a-one-time-token-that-must-not-be-logged",
    "secret-query-value",
    "cso@example.org",
    "next-auth.session-token",
  ]) {
    expect(output).not.toContain(secret);
  }
});
