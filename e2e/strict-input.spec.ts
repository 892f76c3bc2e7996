/**
 * One set of input rules (lib/server/validation.ts), as a user and a caller notice them:
 * - a record id is its canonical decimal form only: `/workspace/reports/0x0c` is a 404 page like
 *   any unknown record, and the API answers a JSON 404, while the canonical id opens the record;
 * - invisible control characters are refused in framework and admin text (an institution's
 *   name, a pillar's title, a user's name) with the same message as in reports, and what was
 *   typed stays in the field; nothing is saved.
 * The records read here are seeded ones and nothing is written, so specs beside it are unaffected.
 */
import { expect, test } from "./fixtures";
import { ACCOUNTS, queryDb, signInOverHttp } from "./support";

const PLAN = "rwanda-2018-2022";
const CONTROL_MESSAGE = "This text contains invisible control characters.";
/** Other spellings of the same number: none of them is an address. */
const variants = (id: number) => [
  `0x${id.toString(16)}`,
  `0${id}`,
  `${id}.0`,
  `%20${id}`,
  `+${id}`,
  ...(id === 10 ? ["1e1"] : []),
];

test("a record id in a page address is its canonical form only; anything else is a 404", async ({
  page,
}) => {
  await signInOverHttp(page.request, ACCOUNTS.reporterA);
  const [report] = queryDb<{ id: number }>(
    `select r.id from progress_reports r join institutions i on i.id = r.institution_id
      where i.acronym = 'MIGEPROF' order by r.id limit 1`,
  );
  expect(report).toBeDefined();
  const id = report?.id ?? 0;

  const ok = await page.goto(`/workspace/reports/${id}`);
  expect(ok?.status()).toBe(200);
  for (const other of [...variants(id), "0x0c", "1e1", "12abc"]) {
    const response = await page.goto(`/workspace/reports/${other}`);
    expect(response?.status(), `/workspace/reports/${other}`).toBe(404);
  }
});

test("admin pages take canonical ids only", async ({ page }) => {
  await signInOverHttp(page.request, ACCOUNTS.admin);
  const [user] = queryDb<{ id: number }>("select id from users order by id limit 1");
  const [period] = queryDb<{ id: number }>("select id from reporting_periods order by id limit 1");
  const [institution] = queryDb<{ id: number }>("select id from institutions order by id limit 1");
  for (const [base, id] of [
    ["/admin/users", user?.id],
    ["/admin/periods", period?.id],
    ["/admin/institutions", institution?.id],
  ] as const) {
    expect(id, base).toBeDefined();
    const ok = await page.goto(`${base}/${id}`);
    expect(ok?.status(), `${base}/${id}`).toBe(200);
    for (const other of variants(id ?? 0)) {
      const response = await page.goto(`${base}/${other}`);
      expect(response?.status(), `${base}/${other}`).toBe(404);
    }
  }
});

test("the private API answers a JSON 404 to a non-canonical id", async ({ request }) => {
  await signInOverHttp(request, ACCOUNTS.reporterA);
  const [report] = queryDb<{ id: number }>(
    `select r.id from progress_reports r join institutions i on i.id = r.institution_id
      where i.acronym = 'MIGEPROF' order by r.id limit 1`,
  );
  const id = report?.id ?? 0;
  expect((await request.get(`/api/reports/${id}`)).status()).toBe(200);
  for (const path of [
    ...variants(id).map((other) => `/api/reports/${other}`),
    "/api/reports/0x0c",
    "/api/evidence/0x0c",
    "/api/evidence/012",
    `/api/reports/${id}/versions/01`,
    `/api/reports/${id}/versions/0x1`,
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(response.headers()["content-type"], path).toContain("application/json");
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    expect(body.error?.code, path).toBe("NOT_FOUND");
    expect(body.error?.message, path).toBeTruthy();
  }
});

test.describe("control characters in framework and admin text", () => {
  test.beforeEach(async ({ page }) => {
    await signInOverHttp(page.request, ACCOUNTS.admin);
  });

  test("an institution's name", async ({ page, expectAccessible }) => {
    const count = () => queryDb<{ n: number }>("select count(*) as n from institutions")[0]?.n;
    const before = count();
    const name = "Ministry of\u0007 Bells";
    await page.goto("/admin/institutions/new");
    await page.getByLabel("Country code").fill("RWA");
    await page.getByLabel("Acronym").fill("MOBELL");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Add the institution" }).click();
    await expect(page.getByText(CONTROL_MESSAGE).first()).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue(name);
    await expect(page.getByLabel("Acronym")).toHaveValue("MOBELL");
    expect(count()).toBe(before);
    await expectAccessible(page);
  });

  test("a pillar's title", async ({ page }) => {
    const count = () => queryDb<{ n: number }>("select count(*) as n from pillars")[0]?.n;
    const before = count();
    const title = "Peace\u001b[31m and security";
    await page.goto(`/admin/plans/${PLAN}/pillars/new`);
    await page.getByLabel("Title").fill(title);
    await page.getByRole("button", { name: /^Add the / }).click();
    await expect(page.getByText(CONTROL_MESSAGE).first()).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveValue(title);
    expect(count()).toBe(before);
  });

  test("a user's name", async ({ page }) => {
    const email = "control.characters.e2e@example.org";
    const count = () =>
      queryDb<{ n: number }>("select count(*) as n from users where email = ?", email)[0]?.n;
    const name = "Ada\u0007 Lovelace";
    await page.goto("/admin/users/new");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Role").selectOption({ label: "Steering committee (reviewer)" });
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText(CONTROL_MESSAGE).first()).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue(name);
    await expect(page.getByLabel("E-mail address")).toHaveValue(email);
    expect(count()).toBe(0);
  });
});
