import fs from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { expect, test } from "./fixtures";
import { ACCOUNTS, DEMO_PASSWORD, queryDb, signInOverHttp, workerDataDir } from "./support";

const NAV_BY_ACCOUNT: Record<string, { landing: string; nav: string[] }> = {
  "admin@example.org": { landing: "/admin", nav: ["Review", "Dashboard", "Admin", "Account"] },
  "reviewer@example.org": { landing: "/review", nav: ["Review", "Dashboard", "Account"] },
  "cso@example.org": { landing: "/account", nav: ["Account"] },
  "reporter.migeprof@example.org": { landing: "/workspace", nav: ["Workspace", "Account"] },
  "reporter.rnp@example.org": { landing: "/workspace", nav: ["Workspace", "Account"] },
};

test.describe("sign-in", () => {
  for (const [email, expected] of Object.entries(NAV_BY_ACCOUNT)) {
    test(`${email} signs in through the form and sees exactly their role's navigation`, async ({
      page,
      expectAccessible,
    }) => {
      await page.goto("/signin");
      await expectAccessible(page);
      await page.getByLabel("E-mail address").fill(email);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(expected.landing);
      const nav = page.getByRole("navigation", { name: "Your areas" });
      await expect(nav.getByRole("link")).toHaveText(expected.nav);
      await expect(page.getByText(/Signed in as/)).toBeVisible();
      await expectAccessible(page);
    });
  }

  test("the session endpoint names the role and the institution", async ({ request }) => {
    const { session } = await signInOverHttp(request, ACCOUNTS.reporterB);
    expect(session).toMatchObject({
      user: { email: ACCOUNTS.reporterB, role: "reporter", institution: "RNP" },
    });
    const reviewer = await signInOverHttp(request, ACCOUNTS.reviewer);
    expect(reviewer.session).toMatchObject({ user: { role: "reviewer", institution: null } });
  });

  test("session cookies are HttpOnly and SameSite=Lax, and Secure when served over https", async ({
    playwright,
    baseURL,
  }) => {
    const cookieHeader = (setCookies: string[]) =>
      setCookies.map((c) => c.split(";")[0]).join("; ");
    for (const https of [false, true]) {
      // Cookies are carried by hand: a browser would not send Secure cookies over plain http.
      const client = await playwright.request.newContext({
        baseURL,
        storageState: { cookies: [], origins: [] },
      });
      const proto: Record<string, string> = https ? { "X-Forwarded-Proto": "https" } : {};
      const csrf = await client.get("/api/auth/csrf", { headers: proto });
      const csrfCookies = csrf
        .headersArray()
        .filter((h) => h.name.toLowerCase() === "set-cookie")
        .map((h) => h.value);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const response = await client.post("/api/auth/callback/credentials", {
        headers: { ...proto, Cookie: cookieHeader(csrfCookies) },
        form: { csrfToken, email: ACCOUNTS.reviewer, password: DEMO_PASSWORD, json: "true" },
        maxRedirects: 0,
      });
      const session = response
        .headersArray()
        .filter((h) => h.name.toLowerCase() === "set-cookie")
        .map((h) => h.value)
        .find((value) => value.includes("next-auth.session-token="));
      expect(session, https ? "https" : "http").toBeDefined();
      expect(session).toMatch(/HttpOnly/i);
      expect(session).toMatch(/SameSite=Lax/i);
      if (https) {
        expect(session).toMatch(/^__Secure-next-auth\.session-token=/);
        expect(session).toMatch(/;\s*Secure/i);
      } else {
        expect(session).toMatch(/^next-auth\.session-token=/);
        expect(session).not.toMatch(/;\s*Secure/i);
      }
      await client.dispose();
    }
  });

  test("a wrong password shows one generic message and keeps the e-mail typed", async ({
    page,
  }) => {
    await page.goto("/signin?callbackUrl=/admin");
    await page.getByLabel("E-mail address").fill("reviewer@example.org");
    await page.getByLabel("Password").fill("definitely not it");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Sign-in failed" })).toContainText(
      "Sign-in failed. Check your e-mail address and password.",
    );
    await expect(page.getByLabel("E-mail address")).toHaveValue("reviewer@example.org");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("after sign-in the visitor goes back to the page they asked for", async ({ page }) => {
    await page.goto("/admin/audit");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin%2Faudit/);
    await page.getByLabel("E-mail address").fill(ACCOUNTS.admin);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/admin/audit");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  });

  test("an offsite callback is ignored", async ({ page }) => {
    await page.goto("/signin?callbackUrl=https://evil.example/steal");
    await page.getByLabel("E-mail address").fill(ACCOUNTS.reviewer);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/review");
  });

  test("malformed and overlong credentials get the generic answer, never a server error", async ({
    request,
  }) => {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as {
      csrfToken: string;
    };
    for (const form of [
      { email: "x".repeat(5000), password: "y" },
      { email: "not an e-mail", password: "p".repeat(5000) },
      { email: "", password: "" },
    ]) {
      const response = await request.post("/api/auth/callback/credentials", {
        form: { csrfToken, ...form, json: "true" },
        maxRedirects: 0,
      });
      expect(response.status()).toBeLessThan(500);
      expect(
        ((await (await request.get("/api/auth/session")).json()) as { user?: unknown }).user,
      ).toBeUndefined();
    }
  });

  test("a forged CSRF token signs no one in and lands on a plain sign-in page", async ({
    page,
  }) => {
    const response = await page.request.post("/api/auth/callback/credentials", {
      form: { csrfToken: "forged", email: ACCOUNTS.admin, password: DEMO_PASSWORD },
    });
    expect(response.status()).toBe(200);
    expect(response.url()).toContain("/signin");
    expect(
      ((await (await page.request.get("/api/auth/session")).json()) as { user?: unknown }).user,
    ).toBeUndefined();
    await page.goto(response.url());
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  });

  test("a tampered session cookie is treated as signed out", async ({ page, context, baseURL }) => {
    await context.addCookies([
      { name: "next-auth.session-token", value: "tampered.value.here", url: baseURL ?? "" },
    ]);
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(/\/signin/);
    const session = await (await page.request.get("/api/auth/session")).json();
    expect(session).toEqual({});
  });

  test("an expired session cookie, even correctly signed, is treated as signed out", async ({
    page,
    context,
    baseURL,
  }) => {
    const secret = fs.readFileSync(path.join(workerDataDir(), ".auth-secret"), "utf8").trim();
    const adminId = queryDb<{ id: number; sv: number }>(
      "select id, session_version as sv from users where email = ?",
      ACCOUNTS.admin,
    )[0];
    const value = await encode({
      token: { uid: adminId?.id, sv: adminId?.sv },
      secret,
      maxAge: -60,
    });
    await context.addCookies([{ name: "next-auth.session-token", value, url: baseURL ?? "" }]);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/signin/);
  });

  test(`an account is locked after 5 failed attempts, then refuses even the right password`, async ({
    request,
  }) => {
    const email = "reporter.nisr@example.org";
    for (let i = 0; i < 5; i++) {
      const { session } = await signInOverHttp(request, email, `wrong password ${i}`);
      expect(session).toEqual({});
    }
    const { session } = await signInOverHttp(request, email, DEMO_PASSWORD);
    expect(session).toEqual({});
    const attempts = queryDb<{ action: string; reason: string }>(
      "select action, json_extract(after, '$.reason') as reason from audit_events where actor_label = ? order by id",
      email,
    );
    expect(attempts.map((a) => a.reason)).toEqual([
      "invalid",
      "invalid",
      "invalid",
      "invalid",
      "invalid",
      "locked",
    ]);
  });
});

test.describe("sessions", () => {
  test("sign-out ends the session, and a copy of the old cookie stops working", async ({
    page,
    context,
  }) => {
    await signInOverHttp(page.request, "reporter.rib@example.org");
    const [cookie] = (await context.cookies()).filter((c) => c.name === "next-auth.session-token");
    await page.goto("/workspace");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    if (!cookie) throw new Error("no session cookie");
    await context.addCookies([cookie]);
    await page.goto("/workspace");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("deactivating a user ends their open session at their next request", async ({
    page,
    browser,
  }) => {
    const email = "reporter.minecofin@example.org";
    const theirs = await browser.newContext();
    const theirPage = await theirs.newPage();
    await signInOverHttp(theirPage.request, email);
    await theirPage.goto("/workspace");
    await expect(theirPage.getByRole("heading", { level: 1 })).toContainText(
      "Ministry of Finance and Economic Planning",
    );

    await signInOverHttp(page.request, ACCOUNTS.admin);
    await page.goto("/admin/users?q=minecofin");
    await page.getByRole("link", { name: "MINECOFIN focal point" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("MINECOFIN focal point");
    await page.getByRole("button", { name: "Deactivate account" }).click();
    await expect(page.getByRole("status")).toContainText("deactivated");

    await theirPage.reload();
    await expect(theirPage).toHaveURL(/\/signin/);
    const session = await (await theirPage.request.get("/api/auth/session")).json();
    expect(session).toEqual({});
    const { session: again } = await signInOverHttp(theirPage.request, email);
    expect(again).toEqual({});
    await theirs.close();
  });

  test("changing a user's role ends their session; signing in again gives the new role", async ({
    page,
    browser,
  }) => {
    const email = "reporter.gmo@example.org";
    const theirs = await browser.newContext();
    const theirPage = await theirs.newPage();
    await signInOverHttp(theirPage.request, email);

    await signInOverHttp(page.request, ACCOUNTS.admin);
    await page.goto("/admin/users?q=gmo");
    await page.getByRole("link", { name: "GMO focal point" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("GMO focal point");
    await page.getByLabel("Role").selectOption("reviewer");
    await page.getByLabel("Institution", { exact: true }).selectOption("");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved.");

    expect(await (await theirPage.request.get("/api/auth/session")).json()).toEqual({});
    const { session } = await signInOverHttp(theirPage.request, email);
    expect(session).toMatchObject({ user: { role: "reviewer", institution: null } });
    await theirs.close();
  });
});

test.describe("user administration", () => {
  // Several full-cost password hashes and accessibility checks per test.
  test.describe.configure({ timeout: 90_000 });
  test("an admin creates a user, who sets a password with the one-time link and signs in", async ({
    page,
    browser,
    expectAccessible,
  }) => {
    await signInOverHttp(page.request, ACCOUNTS.admin);
    await page.goto("/admin/users");
    await expectAccessible(page);
    await page.getByRole("link", { name: "New user" }).click();
    await expectAccessible(page);
    // Errors first: nothing is lost.
    await page.getByLabel("E-mail address").fill("new.focal@example.org");
    await page.getByLabel("Name").fill("New Focal Point");
    await page.getByLabel("Role").selectOption("reporter");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("A reporter must belong to an institution.")).toBeVisible();
    await expect(page.getByLabel("E-mail address")).toHaveValue("new.focal@example.org");
    await expect(page.getByLabel("Name")).toHaveValue("New Focal Point");
    await page
      .getByLabel("Institution", { exact: true })
      .selectOption({ label: "MOH: Ministry of Health" });
    await page.getByRole("button", { name: "Create account" }).click();
    const link = await page.getByTestId("password-link").textContent();
    expect(link).toMatch(/\/set-password\?token=/);

    const theirs = await browser.newContext();
    const theirPage = await theirs.newPage();
    await theirPage.goto(link ?? "");
    await expectAccessible(theirPage);
    await theirPage.getByLabel("New password", { exact: true }).fill("qwertyuiopas");
    await theirPage.getByLabel("New password again").fill("qwertyuiopas");
    await theirPage.getByRole("button", { name: "Set password" }).click();
    await expect(theirPage.getByText("This password is too common.")).toBeVisible();
    await theirPage
      .getByLabel("New password", { exact: true })
      .fill("health sector focal point 2026");
    await theirPage.getByLabel("New password again").fill("health sector focal point 2026");
    await theirPage.getByRole("button", { name: "Set password" }).click();
    await expect(theirPage.getByRole("status")).toContainText("Your password is set.");
    const { session } = await signInOverHttp(
      theirPage.request,
      "new.focal@example.org",
      "health sector focal point 2026",
    );
    expect(session).toMatchObject({ user: { role: "reporter", institution: "MOH" } });
    // The link works once.
    await theirPage.goto(link ?? "");
    await theirPage.getByLabel("New password", { exact: true }).fill("yet another long passphrase");
    await theirPage.getByLabel("New password again").fill("yet another long passphrase");
    await theirPage.getByRole("button", { name: "Set password" }).click();
    await expect(theirPage.getByRole("alert").filter({ hasText: "link" })).toContainText(
      "This link is not valid any more.",
    );
    await theirs.close();
  });

  test("a user changes their own password and must sign in again", async ({
    page,
    expectAccessible,
  }) => {
    await signInOverHttp(page.request, "reporter.rcs@example.org");
    await page.goto("/account");
    await expectAccessible(page);
    await page.getByLabel("Current password").fill(DEMO_PASSWORD);
    await page.getByLabel("New password", { exact: true }).fill("correctional service 2026");
    await page.getByLabel("New password again").fill("correctional service 2026");
    await page.getByRole("button", { name: "Change password" }).click();
    // Hashing the new password (scrypt, N=2^17) can take seconds on a busy two-core machine.
    await expect(page.getByRole("status")).toContainText("Your password is changed.", {
      timeout: 20_000,
    });
    expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
    const { session } = await signInOverHttp(
      page.request,
      "reporter.rcs@example.org",
      "correctional service 2026",
    );
    expect(session).toMatchObject({ user: { institution: "RCS" } });
  });

  test("the audit log lists sign-ins and refusals, filterable", async ({
    page,
    expectAccessible,
  }) => {
    await signInOverHttp(page.request, ACCOUNTS.admin);
    await page.goto("/admin/audit?action=auth.sign_in");
    await expectAccessible(page);
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows.nth(1)).toContainText("auth.sign_in");
  });
});
