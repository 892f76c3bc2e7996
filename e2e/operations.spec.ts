import { expect, test } from "./fixtures";
import { ACCOUNTS, signInOverHttp } from "./support";

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["permissions-policy"], where).toContain("camera=()");
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, where).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp, where).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("object-src 'none'");
  // Plain http here: no HSTS (it would pin a browser to https that is not served).
  expect(headers["strict-transport-security"], where).toBeUndefined();
  expect(headers["x-request-id"], where).toMatch(/^[0-9a-f-]{36}$/);
}

test.describe("security headers", () => {
  test("on a public page, with a fresh script nonce per response that the page's scripts carry", async ({
    page,
    request,
  }) => {
    const first = await request.get("/plans/rwanda-2018-2022");
    const second = await request.get("/plans/rwanda-2018-2022");
    expectSecurityHeaders(first.headers(), "public page");
    const nonce = (first.headers()["content-security-policy"] ?? "").match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers()["content-security-policy"]).not.toContain(nonce);
    expect(await first.text()).toContain(`nonce="${nonce}"`);

    // Nothing is blocked: the page's own scripts run (the account link is filled in by React).
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("on a signed-in page, the API, a download and a redirect", async ({ request }) => {
    await signInOverHttp(request, ACCOUNTS.reviewer);
    expectSecurityHeaders((await request.get("/review")).headers(), "signed-in page");
    expectSecurityHeaders((await request.get("/api/v1/plans/rwanda-2018-2022")).headers(), "API");
    expectSecurityHeaders((await request.get("/api/v1/openapi.json")).headers(), "download");
    const redirect = await request.get("/admin", { maxRedirects: 0 });
    expect(redirect.status()).toBe(403);
    expectSecurityHeaders(redirect.headers(), "refusal");
  });

  test("HSTS is sent when the request came over https through a proxy", async ({ request }) => {
    const response = await request.get("/", { headers: { "X-Forwarded-Proto": "https" } });
    expect(response.headers()["strict-transport-security"]).toBe(
      "max-age=63072000; includeSubDomains",
    );
    expect(response.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
  });
});

test.describe("health", () => {
  test("GET /api/health reports the database, the migration and the version, and nothing secret", async ({
    request,
  }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("no-store");
    const body = await response.json();
    expect(body).toEqual({
      status: "ok",
      database: "ok",
      migration: expect.stringMatching(/^\d{4}_\w+$/),
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(JSON.stringify(body)).not.toMatch(/e2e|\.db|secret|password/i);
  });
});

test.describe("request ids", () => {
  test("every response carries its own request id; a client cannot choose it", async ({
    request,
  }) => {
    const a = await request.get("/api/v1/plans", {
      headers: { "X-Request-Id": "chosen-by-client" },
    });
    const b = await request.get("/api/v1/plans");
    expect(a.headers()["x-request-id"]).not.toBe("chosen-by-client");
    expect(a.headers()["x-request-id"]).not.toBe(b.headers()["x-request-id"]);
  });
});
