/**
 * The sign-in form works before its script has run and without one, and never puts the
 * password in an address (issue 11, point 7): it posts to next-auth's credentials callback
 * with the CSRF token the page rendered. Each test uses an account no other spec signs in with.
 */
import type { Page, Request } from "@playwright/test";
import { GENERIC_FAILURE } from "../app/(public)/signin/messages";
import { expect, test } from "./fixtures";
import { DEMO_PASSWORD } from "./support";

/** Every address the page asks for, so a test can check that none carries the password. */
function recordAddresses(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  page.on("framenavigated", (frame) => urls.push(frame.url()));
  return urls;
}

function expectNoCredentialsIn(urls: string[], password: string) {
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) {
    expect(url).not.toContain("password");
    expect(url).not.toContain(encodeURIComponent(password));
  }
}

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the form posts its CSRF token and signs in", async ({ page }) => {
    const urls = recordAddresses(page);
    await page.goto("/signin");
    await page.getByLabel("E-mail address").fill("reporter.moh@example.org");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    const submitted = page.waitForRequest(
      (r) => r.isNavigationRequest() && r.frame() === page.mainFrame(),
    );
    await page.getByRole("button", { name: "Sign in" }).click();
    const request: Request = await submitted;
    expect(request.method()).toBe("POST");
    expect(new URL(request.url()).pathname).toBe("/api/auth/callback/credentials");
    await expect(page).toHaveURL("/workspace");
    await expect(page.getByText(/Signed in as/)).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Ministry of Health");
    expectNoCredentialsIn(urls, DEMO_PASSWORD);
  });

  test("a wrong password comes back to the sign-in page with the generic message", async ({
    page,
  }) => {
    const urls = recordAddresses(page);
    const wrong = "not the password at all";
    await page.goto("/signin?callbackUrl=/workspace");
    await page.getByLabel("E-mail address").fill("reporter.nwc@example.org");
    await page.getByLabel("Password").fill(wrong);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/signin\?.*error=CredentialsSignin/);
    await expect(page.getByRole("alert")).toHaveText(GENERIC_FAILURE);
    await expect(page.getByLabel("Password")).toHaveValue("");
    expect(
      ((await (await page.request.get("/api/auth/session")).json()) as { user?: unknown }).user,
    ).toBeUndefined();
    expectNoCredentialsIn(urls, wrong);
  });
});

test("Enter pressed before the scripts have loaded posts the form; the password stays out of the address", async ({
  page,
}) => {
  const urls = recordAddresses(page);
  // A slow phone: every script of the app arrives 4 s late.
  await page.route("**/_next/static/**/*.js", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await route.continue().catch(() => {});
  });
  await page.goto("/signin", { waitUntil: "commit" });
  await page.getByLabel("E-mail address").fill("reporter.minadef@example.org");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  const submitted = page.waitForRequest(
    (r) => r.isNavigationRequest() && r.frame() === page.mainFrame(),
  );
  await page.getByLabel("Password").press("Enter");
  const request = await submitted;
  expect(request.method()).toBe("POST");
  expect(new URL(request.url()).pathname).toBe("/api/auth/callback/credentials");
  await expect(page).toHaveURL("/workspace", { timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Ministry of Defence");
  expectNoCredentialsIn(urls, DEMO_PASSWORD);
});

test("credentials in the sign-in page's address are dropped by a redirect, never shown", async ({
  page,
}) => {
  const response = await page.goto(
    "/signin?callbackUrl=%2Fworkspace&email=someone%40example.org&password=in-the-address",
  );
  expect(response?.request().redirectedFrom()?.url()).toContain("password=");
  await expect(page).toHaveURL("/signin?callbackUrl=%2Fworkspace");
  await expect(page.getByLabel("Password")).toHaveValue("");
  expect(await page.content()).not.toContain("in-the-address");
});
