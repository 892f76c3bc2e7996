/**
 * The bell and the notifications page. Each test makes its own user (a civil-society account:
 * no reminder or workflow notice reaches it) and gives it notifications straight in the
 * worker's database, as the workflow would.
 */
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import Database from "better-sqlite3";
import { hashPassword } from "../lib/auth/password";
import { expect, test } from "./fixtures";
import { DEMO_PASSWORD, queryDb, signInOverHttp, workerDb } from "./support";

/** Screenshots for a person to look at, kept with the test's other output. */
const shot = (name: string) => test.info().outputPath(name);

type Seeded = { email: string; ids: number[] };

/** A new signed-in-able user with these notifications, oldest first (a minute apart). */
async function userWithNotifications(
  notes: { title: string; body?: string; link?: string; kind?: string }[],
): Promise<Seeded> {
  const email = `bell.${randomUUID().slice(0, 8)}@example.org`;
  const hash = await hashPassword(DEMO_PASSWORD);
  const db = new Database(workerDb(), { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    const user = db
      .prepare(
        "insert into users (email, name, role, password_hash) values (?, 'Bell Tester', 'cso', ?) returning id",
      )
      .get(email, hash) as { id: number };
    const insert = db.prepare(
      `insert into notifications (user_id, kind, title, body, link, created_at, emailed_at)
       values (?, ?, ?, ?, ?, ?, ?)`,
    );
    const start = Date.now() - notes.length * 60_000;
    const ids = notes.map((note, index) => {
      const at = new Date(start + index * 60_000).toISOString();
      // Marked as e-mailed: this test is about the app, not the outbox.
      return Number(
        insert.run(
          user.id,
          note.kind ?? "deadline.reminder",
          note.title,
          note.body ?? null,
          note.link ?? null,
          at,
          at,
        ).lastInsertRowid,
      );
    });
    return { email, ids };
  } finally {
    db.close();
  }
}

const bell = (page: Page) => page.getByRole("link", { name: /^Notifications, / });

test.describe("notifications", () => {
  test("the bell counts the unread, the page lists them newest first, and mark all as read clears the count", async ({
    page,
    expectAccessible,
  }) => {
    const { email, ids } = await userWithNotifications([
      {
        title: "Report due in 7 days: Q3 2030 (July–September)",
        body: "MIGEPROF's progress report for Q3 2030 is due on 15 October 2030. It has not been submitted yet.",
        link: "/account",
      },
      {
        kind: "report.approved",
        title: "Your report for 2029 was approved",
        body: "The steering committee approved the report. Its figures are now public.",
        link: "/account",
      },
    ]);
    await signInOverHttp(page.request, email);
    await page.goto("/account");
    await expect(bell(page)).toHaveAccessibleName("Notifications, 2 unread");
    await expect(bell(page)).toHaveText("2");
    await expectAccessible(page);
    await page.locator(".shell-bar").screenshot({ path: shot("bell-desktop.png") });

    await bell(page).click();
    await expect(page).toHaveURL("/notifications");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Notifications");
    const items = page.getByRole("list").filter({ hasText: "was approved" }).getByRole("listitem");
    await expect(items).toHaveCount(2);
    // Newest first; unread said in words, not only by colour.
    await expect(items.nth(0)).toContainText("Your report for 2029 was approved");
    await expect(items.nth(1)).toContainText("Report due in 7 days: Q3 2030");
    await expect(items.nth(0)).toContainText("Unread");
    await expect(items.nth(1)).toContainText("Unread");
    await expect(page.getByText("2 unread.")).toBeVisible();
    await expect(
      items.nth(0).getByRole("link", { name: "Your report for 2029 was approved" }),
    ).toHaveAttribute("href", "/account");
    await expectAccessible(page);
    await page.screenshot({ path: shot("page-desktop.png"), fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: shot("page-360.png"), fullPage: true });
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole("button", { name: "Mark all as read" }).click();
    await expect(bell(page)).toHaveAccessibleName("Notifications, none unread");
    await expect(page.getByText("Nothing unread.")).toBeVisible();
    await expect(items.filter({ hasText: "Unread" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Mark all as read" })).toHaveCount(0);
    expect(
      queryDb<{ n: number }>(
        `select count(*) as n from notifications where id in (${ids.join(",")}) and read_at is null`,
      )[0]?.n,
    ).toBe(0);
    await page.reload();
    await expect(bell(page)).toHaveAccessibleName("Notifications, none unread");
    await expect(bell(page)).toHaveText("");
    await expectAccessible(page);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.locator(".shell-bar").screenshot({ path: shot("bell-360-read.png") });
  });

  test("following an unread notification takes the user there and marks it read", async ({
    page,
  }) => {
    const { email, ids } = await userWithNotifications([
      { title: "Report overdue: 2029", link: "/account" },
      { title: "A note without a link" },
    ]);
    await signInOverHttp(page.request, email);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto("/notifications");
    await expect(bell(page)).toHaveAccessibleName("Notifications, 2 unread");
    await page.locator(".shell-bar").screenshot({ path: shot("bell-360.png") });
    await page.getByRole("link", { name: "Report overdue: 2029" }).click();
    await expect(page).toHaveURL("/account");
    await expect(bell(page)).toHaveAccessibleName("Notifications, 1 unread");
    expect(
      queryDb<{ id: number }>(
        `select id from notifications where id in (${ids.join(",")}) and read_at is null`,
      ).map((row) => row.id),
    ).toEqual([ids[1]]);
  });

  test("a user sees and marks only their own notifications, through the page and the API", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const owner = await userWithNotifications([{ title: "Owner's private notice" }]);
    const other = await userWithNotifications([{ title: "Other's own notice" }]);
    await signInOverHttp(page.request, other.email);
    await page.goto("/notifications");
    await expect(page.getByText("Other's own notice")).toBeVisible();
    await expect(page.getByText("Owner's private notice")).toHaveCount(0);

    const api = page.request;
    const list = await (await api.get("/api/notifications")).json();
    expect(list.data.items.map((n: { title: string }) => n.title)).toEqual(["Other's own notice"]);
    const refused = await api.post("/api/notifications/read", {
      data: { ids: owner.ids },
      headers: { Origin: baseURL ?? "" },
    });
    expect(refused.status()).toBe(404);
    const crossSite = await api.post("/api/notifications/read", {
      data: { ids: "all" },
      headers: { Origin: "https://evil.example" },
    });
    expect(crossSite.status()).toBe(403);
    const unread = (ids: number[]) =>
      queryDb<{ n: number }>(
        `select count(*) as n from notifications where id in (${ids.join(",")}) and read_at is null`,
      )[0]?.n;
    expect(unread(owner.ids)).toBe(1);
    expect(unread(other.ids)).toBe(1);

    const anonymous = await playwright.request.newContext({ baseURL });
    expect((await anonymous.get("/api/notifications/count")).status()).toBe(401);
    expect((await anonymous.get("/notifications", { maxRedirects: 0 })).status()).toBe(307);
    await anonymous.dispose();
  });
});
