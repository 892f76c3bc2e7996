/**
 * Who may reach what, over HTTP, for every role. Table-driven: a new protected page, route
 * handler or server action adds its row here with the callers allowed to use it.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  type APIRequestContext,
  expect,
  request as playwrightRequest,
  test,
} from "@playwright/test";
import Database from "better-sqlite3";
import {
  ACCOUNTS,
  CALLERS,
  type Caller,
  callAction,
  E2E_DB,
  queryDb,
  signInOverHttp,
} from "./support";

const SIGNED_IN: Caller[] = ["cso", "reporterA", "reporterB", "reviewer", "admin"];

const PAGES: { path: string; allowed: Caller[]; marker: RegExp }[] = [
  { path: "/workspace", allowed: ["reporterA", "reporterB"], marker: /workspace<\/h1>/ },
  { path: "/review", allowed: ["reviewer", "admin"], marker: /Review queue<\/h1>/ },
  {
    path: "/dashboard",
    allowed: ["reviewer", "admin"],
    marker: /Steering committee dashboard<\/h1>/,
  },
  { path: "/admin", allowed: ["admin"], marker: /NAP secretariat<\/h1>/ },
  { path: "/admin/users", allowed: ["admin"], marker: /Users<\/h1>/ },
  { path: "/admin/users/new", allowed: ["admin"], marker: /New user<\/h1>/ },
  { path: "/admin/users/2", allowed: ["admin"], marker: /Role and institution/ },
  { path: "/admin/audit", allowed: ["admin"], marker: /Audit log<\/h1>/ },
  { path: "/admin/plans/import", allowed: ["admin"], marker: /Import a plan<\/h1>/ },
  { path: "/admin/periods", allowed: ["admin"], marker: /Reporting periods<\/h1>/ },
  { path: "/admin/periods/new", allowed: ["admin"], marker: /New reporting period<\/h1>/ },
  { path: "/admin/periods/1", allowed: ["admin"], marker: /Change the deadline/ },
  { path: "/account", allowed: SIGNED_IN, marker: /Your account<\/h1>/ },
  { path: "/notifications", allowed: SIGNED_IN, marker: /Notifications<\/h1>/ },
];

type ActionRow = {
  name: string;
  page: string;
  fields: () => Record<string, string | File>;
  allowed: Caller[];
  /** What the action would change, read from the database before and after. */
  state: () => unknown;
};

const rnpId = () =>
  String(
    queryDb<{ id: number }>("select id from users where email = ?", ACCOUNTS.reporterB)[0]?.id,
  );
const usersState = () =>
  queryDb(
    "select id, email, name, role, institution_id, active, password_hash, session_version from users order by id",
  );

const examplePlan = () =>
  new File(
    [fs.readFileSync(path.join("lib", "framework", "examples", "exampleland-2024-2028.plan.json"))],
    "plan.json",
    {
      type: "application/json",
    },
  );
const frameworkState = () => queryDb("select slug from plans order by id");

const periodsState = () => queryDb("select * from reporting_periods order by id");
const rwandaPlanId = () =>
  String(queryDb<{ id: number }>("select id from plans where slug = 'rwanda-2018-2022'")[0]?.id);
// The check comes before the lookup, so any period id will do if the seed has none.
const firstPeriodId = () =>
  String(
    queryDb<{ id: number }>("select id from reporting_periods order by id limit 1")[0]?.id ?? 1,
  );

const ACTIONS: ActionRow[] = [
  {
    name: "importPlanAction",
    page: "/admin/plans/import",
    fields: () => ({ file: examplePlan() }),
    allowed: ["admin"],
    state: frameworkState,
  },
  {
    name: "createPeriodsAction",
    page: "/admin/periods/new",
    fields: () => ({
      planId: rwandaPlanId(),
      type: "quarterly",
      year: "2020",
      index: "all",
      deadline: "",
    }),
    allowed: ["admin"],
    state: periodsState,
  },
  {
    name: "updateDeadlineAction",
    page: "/admin/periods/1",
    fields: () => ({ periodId: firstPeriodId(), deadline: "2199-01-01" }),
    allowed: ["admin"],
    state: periodsState,
  },
  {
    name: "setPeriodStatusAction",
    page: "/admin/periods/1",
    fields: () => ({ periodId: firstPeriodId(), status: "open", reason: "Let me in" }),
    allowed: ["admin"],
    state: periodsState,
  },
  {
    name: "createUserAction",
    page: "/admin/users/new",
    fields: () => ({
      email: "intruder@example.org",
      name: "Intruder",
      role: "admin",
      institutionId: "",
    }),
    allowed: ["admin"],
    state: usersState,
  },
  {
    name: "updateUserAction",
    page: "/admin/users/2",
    fields: () => ({ id: rnpId(), name: "Taken over", role: "admin", institutionId: "" }),
    allowed: ["admin"],
    state: usersState,
  },
  {
    name: "setUserActiveAction",
    page: "/admin/users/2",
    fields: () => ({ id: rnpId(), active: "false" }),
    allowed: ["admin"],
    state: usersState,
  },
  {
    name: "resetPasswordAction",
    page: "/admin/users/2",
    fields: () => ({ id: rnpId() }),
    allowed: ["admin"],
    state: usersState,
  },
  {
    name: "changePasswordAction",
    page: "/account",
    fields: () => ({
      current: "e2e demo password",
      password: "a new long passphrase",
      confirm: "a new long passphrase",
    }),
    allowed: SIGNED_IN,
    state: usersState,
  },
];

const contexts = new Map<Caller, APIRequestContext>();

async function contextFor(caller: Caller, baseURL: string) {
  const existing = contexts.get(caller);
  if (existing) return existing;
  const context = await playwrightRequest.newContext({ baseURL });
  if (caller !== "anonymous") {
    const { session } = await signInOverHttp(context, ACCOUNTS[caller]);
    expect(session.user?.email).toBe(ACCOUNTS[caller]);
  }
  contexts.set(caller, context);
  return context;
}

test.afterAll(async () => {
  for (const context of contexts.values()) await context.dispose();
  contexts.clear();
});

test.describe("deny matrix: pages", () => {
  for (const page of PAGES) {
    for (const caller of CALLERS) {
      const allowed = page.allowed.includes(caller);
      test(`${page.path} ${allowed ? "serves" : "refuses"} ${caller}`, async ({ baseURL }) => {
        const request = await contextFor(caller, baseURL ?? "");
        const response = await request.get(page.path, { maxRedirects: 0 });
        if (allowed) {
          expect(response.status()).toBe(200);
          expect(await response.text()).toMatch(page.marker);
        } else if (caller === "anonymous") {
          expect(response.status()).toBe(307);
          expect(response.headers().location).toContain(
            `/signin?callbackUrl=${encodeURIComponent(page.path)}`,
          );
        } else {
          expect(response.status()).toBe(403);
          expect(await response.text()).not.toMatch(page.marker);
        }
      });
    }
  }

  test("a refused page visit is written to the audit log", async ({ baseURL }) => {
    const request = await contextFor("cso", baseURL ?? "");
    const before =
      queryDb<{ n: number }>(
        "select count(*) as n from audit_events where action = 'authz.denied' and actor_label = ?",
        ACCOUNTS.cso,
      )[0]?.n ?? 0;
    expect((await request.get("/admin/audit", { maxRedirects: 0 })).status()).toBe(403);
    const after =
      queryDb<{ n: number }>(
        "select count(*) as n from audit_events where action = 'authz.denied' and actor_label = ?",
        ACCOUNTS.cso,
      )[0]?.n ?? 0;
    expect(after).toBe(before + 1);
  });
});

test.describe("deny matrix: server actions over HTTP", () => {
  // Actions change data: run them one after another, the allowed caller last.
  test.describe.configure({ mode: "serial" });
  for (const action of ACTIONS) {
    for (const caller of CALLERS.filter((c) => !action.allowed.includes(c))) {
      test(`${action.name} refuses ${caller} and changes nothing`, async ({ baseURL }) => {
        // The public gets a cookie that is not a session: it passes proxy.ts's convenience
        // redirect, so the action's own check is what answers.
        const request =
          caller === "anonymous"
            ? await playwrightRequest.newContext({
                baseURL,
                storageState: {
                  cookies: [
                    {
                      name: "next-auth.session-token",
                      value: "not-a-session",
                      domain: new URL(baseURL ?? "").hostname,
                      path: "/",
                      expires: -1,
                      httpOnly: true,
                      secure: false,
                      sameSite: "Lax",
                    },
                  ],
                  origins: [],
                },
              })
            : await contextFor(caller, baseURL ?? "");
        const before = JSON.stringify(action.state());
        const response = await callAction(request, action.page, action.name, action.fields());
        expect(response.status()).toBe(caller === "anonymous" ? 401 : 403);
        expect(JSON.stringify(action.state())).toBe(before);
        if (caller === "anonymous") await request.dispose();
      });
    }
  }

  test("the admin's createUserAction works over the same path (the matrix can tell allowed from refused)", async ({
    baseURL,
  }) => {
    const request = await contextFor("admin", baseURL ?? "");
    const response = await callAction(request, "/admin/users/new", "createUserAction", {
      email: "matrix.check@example.org",
      name: "Matrix Check",
      role: "cso",
      institutionId: "",
    });
    expect(response.status()).toBe(200);
    expect(
      queryDb("select email from users where email = 'matrix.check@example.org'"),
    ).toHaveLength(1);
  });
});

/**
 * A notification of a user who is none of the callers: no caller may read or mark it.
 * Made once, straight in the database, so that it does not depend on other tests.
 */
let foreignNotification = 0;
function foreignNotificationId() {
  if (foreignNotification) return foreignNotification;
  const db = new Database(E2E_DB, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    const owner = db
      .prepare(
        "insert into users (email, name, role) values (?, 'Matrix Owner', 'cso') returning id",
      )
      .get(`matrix.owner.${randomUUID().slice(0, 8)}@example.org`) as { id: number };
    foreignNotification = Number(
      db
        .prepare(
          "insert into notifications (user_id, kind, title, emailed_at) values (?, 'report.comment', 'Matrix owner only', '2000-01-01T00:00:00.000Z')",
        )
        .run(owner.id).lastInsertRowid,
    );
  } finally {
    db.close();
  }
  return foreignNotification;
}

/**
 * The signed-in area's own JSON API: the public always gets 401; `signedIn` is what every
 * signed-in caller gets, and `state` must not change for a refused one.
 */
const PRIVATE_API: {
  method: "GET" | "POST";
  path: string;
  body?: () => unknown;
  signedIn: number;
  state?: () => unknown;
}[] = [
  { method: "GET", path: "/api/notifications", signedIn: 200 },
  { method: "GET", path: "/api/notifications/count", signedIn: 200 },
  {
    method: "POST",
    path: "/api/notifications/read",
    body: () => ({ ids: [foreignNotificationId()] }),
    signedIn: 404,
    state: () =>
      queryDb("select id, read_at from notifications where id = ?", foreignNotificationId()),
  },
];

test.describe("deny matrix: private API over HTTP", () => {
  for (const route of PRIVATE_API) {
    for (const caller of CALLERS) {
      const expected = caller === "anonymous" ? 401 : route.signedIn;
      test(`${route.method} ${route.path} answers ${caller} with ${expected}`, async ({
        baseURL,
      }) => {
        const request = await contextFor(caller, baseURL ?? "");
        const before = JSON.stringify(route.state?.());
        const response = await request.fetch(route.path, {
          method: route.method,
          data: route.body?.(),
          headers: route.method === "GET" ? {} : { Origin: baseURL ?? "" },
          maxRedirects: 0,
        });
        expect(response.status()).toBe(expected);
        expect(response.headers()["cache-control"]).toContain("no-store");
        expect(JSON.stringify(route.state?.())).toBe(before);
        if (expected >= 400) expect(await response.text()).not.toContain("Matrix owner only");
      });
    }
  }

  test("a write from another site is refused before anything else", async ({ baseURL }) => {
    const request = await contextFor("admin", baseURL ?? "");
    const response = await request.post("/api/notifications/read", {
      data: { ids: "all" },
      headers: { Origin: "https://evil.example" },
    });
    expect(response.status()).toBe(403);
  });
});

test.describe("internal Next.js headers", () => {
  const INTERNAL_HEADERS: Record<string, string>[] = [
    { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
    { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
    {
      "x-middleware-subrequest":
        "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
    },
    { "x-nextjs-data": "1" },
    { "x-invoke-path": "/admin", "x-invoke-query": "{}" },
    { "x-middleware-invoke": "1" },
    { "next-router-prefetch": "1", rsc: "1" },
  ];

  for (const headers of INTERNAL_HEADERS) {
    test(`${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join(" + ")} reaches nothing more than without it`, async ({ playwright, baseURL }) => {
      const anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders: headers });
      const plain = await anonymous.get("/admin/users", { maxRedirects: 0 });
      expect(plain.status()).toBe(307);
      const withFakeCookie = await anonymous.get("/admin/users", {
        maxRedirects: 0,
        headers: { ...headers, Cookie: "next-auth.session-token=forged" },
      });
      expect([307, 401, 403]).toContain(withFakeCookie.status());
      expect(await withFakeCookie.text()).not.toContain("reporter.rnp@example.org");
      await anonymous.dispose();

      const reporter = await playwright.request.newContext({ baseURL, extraHTTPHeaders: headers });
      await signInOverHttp(reporter, ACCOUNTS.reporterA);
      // Next may first redirect an RSC request to add its cache-busting parameter; follow it.
      // An RSC request gets its answer as a router payload (status 200 for the client router),
      // a page request as a 403: either way never the users' data.
      const response = await reporter.get("/admin/users");
      const body = await response.text();
      expect(body).not.toContain("reporter.rnp@example.org");
      expect(body).not.toContain("New user");
      if (!headers.rsc) expect(response.status()).toBe(403);
      await reporter.dispose();
    });
  }
});
