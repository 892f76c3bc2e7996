/**
 * The operational log, read from a server of this test's own (the worker servers keep their
 * logs quiet): JSON lines, a request id on every request line, and no passwords, tokens,
 * cookies or e-mail addresses anywhere.
 */
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { type OwnServer, startOwnServer } from "./own-server";
import { DEMO_PASSWORD } from "./support";

let BASE = "";
let server: OwnServer | undefined;

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  server = await startOwnServer("logs");
  BASE = server.base;
});

test.afterAll(async () => {
  await server?.stop();
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

  const output = () => server?.output() ?? "";
  await expect.poll(output).toContain(requestId);
  const lines = output()
    .split("\n")
    .filter((line) => line.trim().startsWith("{"));
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
    expect(output()).not.toContain(secret);
  }
});
