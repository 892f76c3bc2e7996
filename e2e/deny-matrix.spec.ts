/**
 * Who may reach what, over HTTP, for every role. Table-driven: a new protected page, route
 * handler or server action adds its row here with the callers allowed to use it.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  type APIRequestContext,
  type APIResponse,
  request as playwrightRequest,
} from "@playwright/test";
import Database from "better-sqlite3";
import * as evidenceFiles from "../lib/evidence/test-files";
import { evidenceReport } from "./evidence-data";
import { expect, test } from "./fixtures";
import {
  ACCOUNTS,
  CALLERS,
  type Caller,
  callAction,
  queryDb,
  serverActionsInBuild,
  signInOverHttp,
  workerDb,
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
  {
    path: "/admin/plans/rwanda-2018-2022",
    allowed: ["admin"],
    marker: /Add an indicator to output (<!-- -->)?1\.1</,
  },
  {
    path: "/admin/plans/rwanda-2018-2022/indicators/new",
    allowed: ["admin"],
    marker: /New indicator<\/h1>/,
  },
  {
    path: "/admin/plans/rwanda-2018-2022/indicators/1.1.a",
    allowed: ["admin"],
    marker: /<h1>Indicator (<!-- -->)?1\.1\.a(<!-- -->)?: /,
  },
  // The structure editor (plans, pillars, outputs, responsibilities, institutions).
  { path: "/admin/plans/new", allowed: ["admin"], marker: /New plan<\/h1>/ },
  {
    path: "/admin/plans/rwanda-2018-2022/details",
    allowed: ["admin"],
    marker: /Details and status<\/h1>/,
  },
  {
    path: "/admin/plans/rwanda-2018-2022/pillars/new",
    allowed: ["admin"],
    marker: /New (<!-- -->)?objective<\/h1>/,
  },
  {
    path: "/admin/plans/rwanda-2018-2022/pillars/1",
    allowed: ["admin"],
    marker: /<h1>Objective 1(<!-- -->)?: /,
  },
  {
    path: "/admin/plans/rwanda-2018-2022/outputs/new",
    allowed: ["admin"],
    marker: /New output<\/h1>/,
  },
  {
    path: "/admin/plans/rwanda-2018-2022/outputs/1.1",
    allowed: ["admin"],
    marker: /<h1>Output (<!-- -->)?1\.1<\/h1>/,
  },
  {
    path: "/admin/plans/rwanda-2018-2022/responsibilities",
    allowed: ["admin"],
    marker: /Responsibility matrix<\/h1>/,
  },
  { path: "/admin/institutions", allowed: ["admin"], marker: /Institutions<\/h1>/ },
  { path: "/admin/institutions/new", allowed: ["admin"], marker: /New institution<\/h1>/ },
  { path: "/admin/institutions/1", allowed: ["admin"], marker: /it cannot change/ },
  {
    path: "/admin/plans/rwanda-2018-2022/outputs/1.2/milestones",
    allowed: ["admin"],
    marker: /Milestones of output (<!-- -->)?1\.2/,
  },
  {
    path: "/admin/plans/rwanda-2018-2022/milestones/2",
    allowed: ["admin"],
    marker: /<h1>Milestone: (<!-- -->)?GBV early-warning/,
  },
  {
    path: "/admin/plans/rwanda-2018-2022/dimensions",
    allowed: ["admin"],
    marker: /Disaggregation dimensions<\/h1>/,
  },
  {
    path: "/admin/plans/rwanda-2018-2022/dimensions/province",
    allowed: ["admin"],
    marker: /<h1>Dimension: (<!-- -->)?Province<\/h1>/,
  },
  {
    path: "/admin/plans/rwanda-2018-2022/dimensions/province/categories/eastern",
    allowed: ["admin"],
    marker: /<h1>Province(<!-- -->)?: (<!-- -->)?Eastern Province<\/h1>/,
  },
  { path: "/admin/periods", allowed: ["admin"], marker: /Reporting periods<\/h1>/ },
  { path: "/admin/periods/new", allowed: ["admin"], marker: /New reporting period<\/h1>/ },
  { path: "/admin/periods/1", allowed: ["admin"], marker: /Change the deadline/ },
  {
    path: "/admin/plans/rwanda-2018-2022/move?pillar=2&direction=up",
    allowed: ["admin"],
    marker: /<h1>Move (<!-- -->)?Objective 2/,
  },
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
  /** A plain `<form action>` (no `useActionState`): the action gets the form only. */
  plainForm?: true;
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
/** Everything an import writes: plans and their framework, institutions, the change log. */
const frameworkState = () => [
  queryDb("select * from plans order by id"),
  queryDb("select * from pillars order by id"),
  queryDb("select * from outputs order by id"),
  queryDb("select * from indicators order by id"),
  queryDb("select * from indicator_targets order by 1, 2"),
  queryDb("select * from milestones order by id"),
  queryDb("select * from dimensions order by id"),
  queryDb("select * from institutions order by id"),
  queryDb("select * from framework_changes order by id"),
];

// What a refused action must leave as it was: whole tables, since nothing else writes to this
// worker's database while a test runs.
const indicatorsState = () =>
  queryDb(
    `select i.*, (select json_group_array(json_array(t.year, t.value)) from indicator_targets t where t.indicator_id = i.id) as targets
       from indicators i order by i.id`,
  );
const frameworkChangesState = () => queryDb("select * from framework_changes order by id");
const indicatorState = () => [indicatorsState(), frameworkChangesState()];
const indicatorFields = (code: string) => ({
  plan: "rwanda-2018-2022",
  parent: "output:1.1",
  code,
  title: "Matrix indicator",
  unit: "percent",
  direction: "increase",
  collectionFrequency: "annual",
  target_2021: "1",
  reason: "Matrix reason",
});

const plansState = () => [queryDb("select * from plans order by id"), frameworkChangesState()];
const pillarsState = () => [queryDb("select * from pillars order by id"), frameworkChangesState()];
const outputsState = () => [queryDb("select * from outputs order by id"), frameworkChangesState()];
const responsibilityState = () =>
  queryDb("select * from output_institutions order by output_id, institution_id");
const institutionsState = () => queryDb("select * from institutions order by id");
const RWANDA_DETAILS = {
  plan: "rwanda-2018-2022",
  countryName: "Rwanda",
  title: "Matrix plan",
  generation: "2",
  startYear: "2018",
  endYear: "2022",
  currency: "RWF",
  fiscalYearStartMonth: "7",
  pillarTerm: "objective",
  pillarTermPlural: "objectives",
  originalLanguage: "en",
  statusTolerance: "10",
  statusAtRiskShare: "50",
};
const milestonesState = () => [
  queryDb("select * from milestones order by id"),
  frameworkChangesState(),
];
const dimensionsState = () => [
  queryDb("select * from dimensions order by id"),
  queryDb("select * from dimension_categories order by id"),
  queryDb("select * from indicator_dimensions order by 1, 2"),
  frameworkChangesState(),
];
const milestoneFields = {
  plan: "rwanda-2018-2022",
  title: "Matrix milestone",
  dueDate: "2021-01-01",
  status: "not_started",
  reason: "Matrix reason",
  version: "matrix",
};
const dimensionFields = { plan: "rwanda-2018-2022", version: "matrix" };

const periodsState = () => queryDb("select * from reporting_periods order by id");
const rwandaPlanId = () =>
  String(queryDb<{ id: number }>("select id from plans where slug = 'rwanda-2018-2022'")[0]?.id);
// The check comes before the lookup, so any period id will do if the seed has none.
const firstPeriodId = () =>
  String(
    queryDb<{ id: number }>("select id from reporting_periods order by id limit 1")[0]?.id ?? 1,
  );

const reportsState = () => queryDb("select * from progress_reports order by id");
const openPeriodId = () =>
  String(
    queryDb<{ id: number }>("select id from reporting_periods where code = '2022July'")[0]?.id ?? 1,
  );

const ACTIONS: ActionRow[] = [
  {
    name: "startReportAction",
    page: "/workspace",
    fields: () => ({ periodId: openPeriodId() }),
    allowed: ["reporterA", "reporterB"],
    state: reportsState,
    plainForm: true,
  },
  {
    name: "importPlanAction",
    page: "/admin/plans/import",
    fields: () => ({ file: examplePlan() }),
    allowed: ["admin"],
    state: frameworkState,
  },
  {
    // The confirmation of an import into an existing plan (Rwanda's): refused before the file
    // or the fingerprint are even looked at.
    name: "applyPlanUpdateAction",
    page: "/admin/plans/import",
    fields: () => ({
      fileText: JSON.stringify({
        ...JSON.parse(
          fs.readFileSync(
            path.join("lib", "framework", "examples", "exampleland-2024-2028.plan.json"),
            "utf8",
          ),
        ),
        plan: { slug: "rwanda-2018-2022", title: "Matrix takeover" },
      }),
      fingerprint: "0".repeat(64),
      reason: "Matrix reason",
    }),
    allowed: ["admin"],
    state: () => [
      frameworkState(),
      queryDb("select count(*) as n from audit_events where action = 'plan.import.update'"),
    ],
  },
  {
    name: "createIndicatorAction",
    page: "/admin/plans/rwanda-2018-2022/indicators/new",
    fields: () => indicatorFields("1.1.matrix"),
    allowed: ["admin"],
    state: indicatorState,
  },
  {
    name: "updateIndicatorAction",
    page: "/admin/plans/rwanda-2018-2022/indicators/1.1.a",
    fields: () => ({ ...indicatorFields("1.1.a"), originalCode: "1.1.a" }),
    allowed: ["admin"],
    state: indicatorState,
  },
  {
    name: "moveIndicatorAction",
    page: "/admin/plans/rwanda-2018-2022",
    fields: () => ({ plan: "rwanda-2018-2022", code: "3.1.b", direction: "up" }),
    allowed: ["admin"],
    state: indicatorState,
    plainForm: true,
  },
  {
    name: "createPlanAction",
    page: "/admin/plans/new",
    fields: () => ({ ...RWANDA_DETAILS, slug: "matrix-plan", countryCode: "MTX" }),
    allowed: ["admin"],
    state: plansState,
  },
  {
    name: "updatePlanAction",
    page: "/admin/plans/rwanda-2018-2022/details",
    fields: () => RWANDA_DETAILS,
    allowed: ["admin"],
    state: plansState,
  },
  {
    name: "changePlanStatusAction",
    page: "/admin/plans/rwanda-2018-2022/details",
    fields: () => ({ plan: "rwanda-2018-2022", status: "closed", confirm: "on" }),
    allowed: ["admin"],
    state: plansState,
  },
  {
    name: "createPillarAction",
    page: "/admin/plans/rwanda-2018-2022/pillars/new",
    fields: () => ({ plan: "rwanda-2018-2022", title: "Matrix pillar" }),
    allowed: ["admin"],
    state: pillarsState,
  },
  {
    name: "updatePillarAction",
    page: "/admin/plans/rwanda-2018-2022/pillars/1",
    fields: () => ({ plan: "rwanda-2018-2022", pillar: "1", title: "Matrix pillar" }),
    allowed: ["admin"],
    state: pillarsState,
  },
  {
    name: "deletePillarAction",
    page: "/admin/plans/rwanda-2018-2022/pillars/5",
    fields: () => ({ plan: "rwanda-2018-2022", pillar: "5", confirm: "on" }),
    allowed: ["admin"],
    state: pillarsState,
  },
  {
    name: "movePillarAction",
    page: "/admin/plans/rwanda-2018-2022",
    fields: () => ({ plan: "rwanda-2018-2022", pillar: "2", direction: "up" }),
    allowed: ["admin"],
    state: pillarsState,
    plainForm: true,
  },
  {
    name: "createOutputAction",
    page: "/admin/plans/rwanda-2018-2022/outputs/new",
    fields: () => ({ plan: "rwanda-2018-2022", pillar: "1", title: "Matrix output" }),
    allowed: ["admin"],
    state: outputsState,
  },
  {
    name: "updateOutputAction",
    page: "/admin/plans/rwanda-2018-2022/outputs/1.1",
    fields: () => ({ plan: "rwanda-2018-2022", output: "1.1", title: "Matrix output" }),
    allowed: ["admin"],
    state: outputsState,
  },
  {
    name: "deleteOutputAction",
    page: "/admin/plans/rwanda-2018-2022/outputs/3.3",
    fields: () => ({ plan: "rwanda-2018-2022", output: "3.3", confirm: "on" }),
    allowed: ["admin"],
    state: outputsState,
  },
  {
    name: "moveOutputAction",
    page: "/admin/plans/rwanda-2018-2022",
    fields: () => ({ plan: "rwanda-2018-2022", output: "1.2", direction: "up" }),
    allowed: ["admin"],
    state: outputsState,
    plainForm: true,
  },
  {
    name: "setResponsibilitiesAction",
    page: "/admin/plans/rwanda-2018-2022/outputs/1.1",
    fields: () => ({ plan: "rwanda-2018-2022", output: "1.1", lead: "" }),
    allowed: ["admin"],
    state: responsibilityState,
  },
  {
    name: "createInstitutionAction",
    page: "/admin/institutions/new",
    fields: () => ({ countryCode: "MTX", acronym: "MTX", name: "Matrix", kind: "ministry" }),
    allowed: ["admin"],
    state: institutionsState,
  },
  {
    name: "updateInstitutionAction",
    page: "/admin/institutions/1",
    fields: () => ({ id: "1", acronym: "MTX", name: "Matrix", kind: "ministry" }),
    allowed: ["admin"],
    state: institutionsState,
  },
  {
    name: "setInstitutionActiveAction",
    page: "/admin/institutions/1",
    fields: () => ({ id: "1", active: "false" }),
    allowed: ["admin"],
    state: institutionsState,
  },
  {
    name: "deleteIndicatorAction",
    page: "/admin/plans/rwanda-2018-2022/indicators/3.1.b",
    fields: () => ({ plan: "rwanda-2018-2022", originalCode: "3.1.b", reason: "Matrix reason" }),
    allowed: ["admin"],
    state: indicatorState,
  },
  {
    name: "createMilestoneAction",
    page: "/admin/plans/rwanda-2018-2022/outputs/1.2/milestones",
    fields: () => ({ ...milestoneFields, output: "1.2" }),
    allowed: ["admin"],
    state: milestonesState,
  },
  {
    name: "updateMilestoneAction",
    page: "/admin/plans/rwanda-2018-2022/milestones/2",
    fields: () => ({ ...milestoneFields, id: "2" }),
    allowed: ["admin"],
    state: milestonesState,
  },
  {
    name: "deleteMilestoneAction",
    page: "/admin/plans/rwanda-2018-2022/milestones/2",
    fields: () => ({ ...milestoneFields, id: "2" }),
    allowed: ["admin"],
    state: milestonesState,
  },
  {
    name: "moveMilestoneAction",
    page: "/admin/plans/rwanda-2018-2022/outputs/2.3/milestones",
    fields: () => ({ plan: "rwanda-2018-2022", id: "2", direction: "down" }),
    allowed: ["admin"],
    state: milestonesState,
    plainForm: true,
  },
  {
    name: "createDimensionAction",
    page: "/admin/plans/rwanda-2018-2022/dimensions",
    fields: () => ({
      ...dimensionFields,
      key: "matrix",
      name: "Matrix",
      categoryKey: "a",
      categoryLabel: "A",
    }),
    allowed: ["admin"],
    state: dimensionsState,
  },
  {
    name: "renameDimensionAction",
    page: "/admin/plans/rwanda-2018-2022/dimensions/province",
    fields: () => ({ ...dimensionFields, dimension: "province", name: "Region" }),
    allowed: ["admin"],
    state: dimensionsState,
  },
  {
    name: "moveDimensionAction",
    page: "/admin/plans/rwanda-2018-2022/dimensions",
    fields: () => ({ plan: "rwanda-2018-2022", dimension: "personnel_type", direction: "up" }),
    allowed: ["admin"],
    state: dimensionsState,
    plainForm: true,
  },
  {
    name: "deleteDimensionAction",
    page: "/admin/plans/rwanda-2018-2022/dimensions/personnel_type",
    fields: () => ({ ...dimensionFields, dimension: "personnel_type" }),
    allowed: ["admin"],
    state: dimensionsState,
  },
  {
    name: "createCategoryAction",
    page: "/admin/plans/rwanda-2018-2022/dimensions/province",
    fields: () => ({ ...dimensionFields, dimension: "province", key: "matrix", label: "Matrix" }),
    allowed: ["admin"],
    state: dimensionsState,
  },
  {
    name: "updateCategoryAction",
    page: "/admin/plans/rwanda-2018-2022/dimensions/province/categories/eastern",
    fields: () => ({
      ...dimensionFields,
      dimension: "province",
      category: "eastern",
      key: "eastern",
      label: "East",
    }),
    allowed: ["admin"],
    state: dimensionsState,
  },
  {
    name: "moveCategoryAction",
    page: "/admin/plans/rwanda-2018-2022/dimensions/province",
    fields: () => ({
      plan: "rwanda-2018-2022",
      dimension: "province",
      category: "eastern",
      direction: "up",
    }),
    allowed: ["admin"],
    state: dimensionsState,
    plainForm: true,
  },
  {
    name: "deleteCategoryAction",
    page: "/admin/plans/rwanda-2018-2022/dimensions/province/categories/eastern",
    fields: () => ({ ...dimensionFields, dimension: "province", category: "eastern" }),
    allowed: ["admin"],
    state: dimensionsState,
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
  {
    // A published plan's Up/Down confirmation (the move page): refused before the reason is read.
    name: "moveWithReasonAction",
    page: "/admin/plans/rwanda-2018-2022/move?pillar=2&direction=up",
    fields: () => ({
      plan: "rwanda-2018-2022",
      pillar: "2",
      direction: "up",
      reason: "Matrix reason",
    }),
    allowed: ["admin"],
    state: pillarsState,
  },
];

/**
 * The public in this matrix: a visitor whose session cookie is no session (forged, or from an
 * old secret). proxy.ts lets any session cookie through (it only saves a visitor without one a
 * round trip), so every answer below is the page's, action's or route's own check.
 */
function unauthenticated(baseURL: string) {
  return playwrightRequest.newContext({
    baseURL,
    storageState: {
      cookies: [
        {
          name: "next-auth.session-token",
          value: "not-a-session",
          domain: new URL(baseURL).hostname,
          path: "/",
          expires: -1,
          httpOnly: true,
          secure: false,
          sameSite: "Lax",
        },
      ],
      origins: [],
    },
  });
}

/**
 * The public's answer on a signed-in page, given by the app itself: a redirect to sign in (back
 * to the page, or to the sign-in page alone when the signed-in layout answers first). Next's own
 * render varies its answer on the router's headers; proxy.ts's convenience redirect does not,
 * which tells the two apart.
 */
async function expectSentToSignInByApp(response: APIResponse, pagePath: string) {
  expect(response.status()).toBe(307);
  const location = new URL(response.headers().location ?? "", "http://app.invalid");
  expect(location.pathname).toBe("/signin");
  const back = location.searchParams.get("callbackUrl");
  // Back to the page, or to the page it belongs to (the move page returns to its plan).
  if (back !== null) expect(back.startsWith("/") && pagePath.startsWith(back), back).toBe(true);
  expect(response.headers().vary ?? "", "answered by the app, not by proxy.ts").toMatch(/\brsc\b/i);
}

const contexts = new Map<Caller, APIRequestContext>();

async function contextFor(caller: Caller, baseURL: string) {
  const existing = contexts.get(caller);
  if (existing) return existing;
  const context =
    caller === "anonymous"
      ? await unauthenticated(baseURL)
      : await playwrightRequest.newContext({ baseURL });
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
          await expectSentToSignInByApp(response, page.path);
          expect(await response.text()).not.toMatch(page.marker);
        } else {
          expect(response.status()).toBe(403);
          expect(await response.text()).not.toMatch(page.marker);
        }
      });
    }
  }

  test("a refused page visit is written to the audit log", async ({ baseURL }) => {
    const request = await contextFor("cso", baseURL ?? "");
    const events = () =>
      queryDb<{ action: string; actor_label: string; entity_id: string }>(
        "select action, actor_label, entity_id from audit_events order by id",
      );
    const before = events();
    expect((await request.get("/admin/audit", { maxRedirects: 0 })).status()).toBe(403);
    // Exactly one event more: the refusal, of this account, for this page's permission.
    expect(events()).toEqual([
      ...before,
      { action: "authz.denied", actor_label: ACCOUNTS.cso, entity_id: "audit.read" },
    ]);
  });
});

test.describe("deny matrix: server actions over HTTP", () => {
  // Actions change data: run them one after another, the allowed caller last.
  test.describe.configure({ mode: "serial" });
  for (const action of ACTIONS) {
    for (const caller of CALLERS.filter((c) => !action.allowed.includes(c))) {
      test(`${action.name} refuses ${caller} and changes nothing`, async ({ baseURL }) => {
        const request = await contextFor(caller, baseURL ?? "");
        const before = JSON.stringify(action.state());
        const response = await callAction(request, action.page, action.name, action.fields(), {
          withState: !action.plainForm,
        });
        expect(response.status()).toBe(caller === "anonymous" ? 401 : 403);
        expect(JSON.stringify(action.state())).toBe(before);
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
  const db = new Database(workerDb(), { fileMustExist: true });
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

/**
 * Evidence routes (a draft MIGEPROF report with one internal file, made once per worker):
 * the answer for each caller. A refused write changes nothing; the allowed DELETE is tested in
 * e2e/evidence.spec.ts, not here, so that the file stays for the other rows.
 */
let evidenceFixture: { reportId: number; evidenceId: number } | undefined;
async function evidenceFixtureFor(baseURL: string) {
  if (evidenceFixture) return evidenceFixture;
  const reportId = evidenceReport("2094");
  const reporter = await contextFor("reporterA", baseURL);
  const response = await reporter.post(`/api/reports/${reportId}/evidence`, {
    headers: { Origin: baseURL },
    multipart: {
      file: { name: "matrix.pdf", mimeType: "application/pdf", buffer: evidenceFiles.PDF },
      title: "Matrix evidence",
      visibility: "internal",
    },
  });
  expect(response.status()).toBe(201);
  const { data } = (await response.json()) as { data: { id: number } };
  evidenceFixture = { reportId, evidenceId: data.id };
  return evidenceFixture;
}

const EVIDENCE_API: {
  method: "GET" | "POST" | "DELETE";
  path: (f: { reportId: number; evidenceId: number }) => string;
  body?: (caller: Caller) => unknown;
  answers: Partial<Record<Caller, number>>;
}[] = [
  {
    method: "GET",
    path: (f) => `/api/reports/${f.reportId}/evidence`,
    answers: {
      anonymous: 404,
      cso: 404,
      reporterA: 200,
      reporterB: 404,
      reviewer: 200,
      admin: 200,
    },
  },
  {
    method: "POST",
    path: (f) => `/api/reports/${f.reportId}/evidence`,
    body: (caller) => ({
      url: "https://example.org/matrix",
      title: `Matrix link (${caller})`,
      visibility: "public",
    }),
    answers: {
      anonymous: 401,
      cso: 403,
      reporterA: 201,
      reporterB: 404,
      reviewer: 403,
      admin: 403,
    },
  },
  {
    method: "GET",
    path: (f) => `/api/evidence/${f.evidenceId}`,
    answers: {
      anonymous: 404,
      cso: 404,
      reporterA: 200,
      reporterB: 404,
      reviewer: 200,
      admin: 200,
    },
  },
  {
    method: "DELETE",
    path: (f) => `/api/evidence/${f.evidenceId}`,
    answers: { anonymous: 401, cso: 403, reporterB: 404, reviewer: 403, admin: 403 },
  },
];

test.describe("deny matrix: evidence API over HTTP", () => {
  for (const route of EVIDENCE_API) {
    for (const caller of CALLERS.filter((c) => route.answers[c] !== undefined)) {
      const expected = route.answers[caller];
      test(`${route.method} ${route.path({ reportId: 0, evidenceId: 0 }).replace(/\/0\b/g, "/{id}")} answers ${caller} with ${expected}`, async ({
        baseURL,
      }) => {
        const fixture = await evidenceFixtureFor(baseURL ?? "");
        const state = () => queryDb("select * from evidence order by id");
        const before = JSON.stringify(state());
        const request = await contextFor(caller, baseURL ?? "");
        const response = await request.fetch(route.path(fixture), {
          method: route.method,
          data: route.body?.(caller),
          headers: route.method === "GET" ? {} : { Origin: baseURL ?? "" },
          maxRedirects: 0,
        });
        expect(response.status()).toBe(expected);
        if ((expected ?? 0) >= 400) {
          expect(JSON.stringify(state())).toBe(before);
          expect(await response.text()).not.toContain("%PDF");
        }
      });
    }
  }
});

/** Seeded reports the matrix reads or tries to change (lib/demo/reports.ts). */
function seededReport(acronym: string, code: string) {
  const [row] = queryDb<{ id: number; version: number }>(
    `select r.id, r.version from progress_reports r
       join institutions i on i.id = r.institution_id
       join reporting_periods p on p.id = r.period_id
      where i.acronym = ? and p.code = ?`,
    acronym,
    code,
  );
  if (!row) throw new Error(`The seed has no ${acronym} ${code} report`);
  return row;
}
const draft = () => seededReport("MIGEPROF", "2022July");
const submitted = () => seededReport("MIGEPROF", "2021July");
const approved = () => seededReport("MIGEPROF", "2020July");
const commentsState = () => queryDb("select * from comments order by id");

const REPORT_PAGES: { path: () => string; answers: Record<Caller, number> }[] = [
  {
    path: () => `/workspace/reports/${draft().id}`,
    answers: {
      anonymous: 307,
      cso: 403,
      reporterA: 200,
      reporterB: 404,
      reviewer: 403,
      admin: 403,
    },
  },
  {
    path: () => `/review/reports/${submitted().id}`,
    answers: {
      anonymous: 307,
      cso: 403,
      reporterA: 403,
      reporterB: 403,
      reviewer: 200,
      admin: 200,
    },
  },
];

/**
 * The report API: what each caller gets. Allowed writes are left out (they would change the
 * shared demo reports; e2e/report-life.spec.ts and lib/reports/data.test.ts cover them); every
 * refused write must leave the reports, their comments and the report list unchanged.
 */
const REPORT_API: {
  label: string;
  method: "GET" | "POST" | "PATCH";
  path: () => string;
  body?: () => unknown;
  answers: Partial<Record<Caller, number>>;
}[] = [
  {
    label: "GET /api/reports/{draft}",
    method: "GET",
    path: () => `/api/reports/${draft().id}`,
    answers: {
      anonymous: 401,
      cso: 404,
      reporterA: 200,
      reporterB: 404,
      reviewer: 200,
      admin: 200,
    },
  },
  {
    label: "PATCH /api/reports/{draft}",
    method: "PATCH",
    path: () => `/api/reports/${draft().id}`,
    body: () => ({ baseVersion: draft().version, changes: { "narrative:challenges": "matrix" } }),
    answers: { anonymous: 401, cso: 403, reporterB: 404, reviewer: 403, admin: 403 },
  },
  {
    label: "submit {draft}",
    method: "POST",
    path: () => `/api/reports/${draft().id}/transitions`,
    body: () => ({ action: "submit", version: draft().version }),
    answers: { anonymous: 401, cso: 403, reporterB: 404, reviewer: 403, admin: 403 },
  },
  {
    label: "approve {submitted}",
    method: "POST",
    path: () => `/api/reports/${submitted().id}/transitions`,
    body: () => ({ action: "approve", version: submitted().version }),
    answers: { anonymous: 401, cso: 403, reporterA: 403, reporterB: 403 },
  },
  {
    label: "return {submitted}",
    method: "POST",
    path: () => `/api/reports/${submitted().id}/transitions`,
    body: () => ({ action: "return", version: submitted().version, reason: "Matrix reason" }),
    answers: { anonymous: 401, cso: 403, reporterA: 403, reporterB: 403 },
  },
  {
    label: "reopen {approved}",
    method: "POST",
    path: () => `/api/reports/${approved().id}/transitions`,
    body: () => ({ action: "reopen", version: approved().version, reason: "Matrix reason" }),
    answers: { anonymous: 401, cso: 403, reporterA: 403, reporterB: 403, reviewer: 403 },
  },
  {
    label: "comment on {draft}",
    method: "POST",
    path: () => `/api/reports/${draft().id}/comments`,
    body: () => ({ body: "Matrix comment" }),
    answers: { anonymous: 401, cso: 403, reporterB: 404 },
  },
  {
    label: "GET history of {draft}",
    method: "GET",
    path: () => `/api/reports/${draft().id}/history`,
    answers: {
      anonymous: 401,
      cso: 404,
      reporterA: 200,
      reporterB: 404,
      reviewer: 200,
      admin: 200,
    },
  },
  {
    label: "GET version 1 of {approved}",
    method: "GET",
    path: () => `/api/reports/${approved().id}/versions/1`,
    answers: {
      anonymous: 401,
      cso: 404,
      reporterA: 200,
      reporterB: 404,
      reviewer: 200,
      admin: 200,
    },
  },
  {
    label: "start a report",
    method: "POST",
    path: () => "/api/reports/start",
    body: () => ({ periodId: Number(openPeriodId()) }),
    answers: { anonymous: 401, cso: 403, reporterA: 200, reviewer: 403, admin: 403 },
  },
];

test.describe("deny matrix: report API over HTTP", () => {
  for (const route of REPORT_API) {
    for (const caller of CALLERS.filter((c) => route.answers[c] !== undefined)) {
      const expected = route.answers[caller];
      test(`${route.label} answers ${caller} with ${expected}`, async ({ baseURL }) => {
        const request = await contextFor(caller, baseURL ?? "");
        const before = JSON.stringify([reportsState(), commentsState()]);
        const response = await request.fetch(route.path(), {
          method: route.method,
          data: route.body?.(),
          headers: route.method === "GET" ? {} : { Origin: baseURL ?? "" },
          maxRedirects: 0,
        });
        expect(response.status()).toBe(expected);
        expect(response.headers()["cache-control"]).toContain("no-store");
        if (route.method !== "GET" || (expected ?? 0) >= 400)
          expect(JSON.stringify([reportsState(), commentsState()])).toBe(before);
        if ((expected ?? 0) >= 400)
          expect(await response.text()).not.toContain("Illustrative demo");
      });
    }
  }

  test("a report write from another site is refused", async ({ baseURL }) => {
    const request = await contextFor("reporterA", baseURL ?? "");
    const before = JSON.stringify(reportsState());
    const response = await request.patch(`/api/reports/${draft().id}`, {
      data: { baseVersion: draft().version, changes: { "narrative:challenges": "evil" } },
      headers: { Origin: "https://evil.example" },
    });
    expect(response.status()).toBe(403);
    expect(JSON.stringify(reportsState())).toBe(before);
  });

  for (const [index, page] of REPORT_PAGES.entries()) {
    for (const caller of CALLERS) {
      const expected = page.answers[caller];
      test(`report page ${index + 1} answers ${caller} with ${expected}`, async ({ baseURL }) => {
        const request = await contextFor(caller, baseURL ?? "");
        const response = await request.get(page.path(), { maxRedirects: 0 });
        expect(response.status()).toBe(expected);
        if (caller === "anonymous") await expectSentToSignInByApp(response, page.path());
        if (expected !== 200) expect(await response.text()).not.toContain("Progress report:");
        else expect(await response.text()).toContain("Progress report:");
      });
    }
  }
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

/**
 * Yearly action plans (lib/action-plans): pages and server actions, on MIGEPROF's plans (its
 * 2022 draft and 2021 approved plan). `hidden` is a reporter of another institution: the plan
 * answers as if it did not exist, and nothing changes.
 */
function seededActionPlan(acronym: string, year: number) {
  const [row] = queryDb<{ id: number; version: number }>(
    `select ap.id, ap.version from action_plans ap
       join institutions i on i.id = ap.institution_id
      where i.acronym = ? and ap.year = ?`,
    acronym,
    year,
  );
  if (!row) throw new Error(`The seed has no ${acronym} ${year} action plan`);
  return row;
}
const apDraft = () => seededActionPlan("MIGEPROF", 2022);
const apApproved = () => seededActionPlan("MIGEPROF", 2021);
const apFirstActivity = () =>
  String(
    queryDb<{ id: number }>(
      "select id from activities where action_plan_id = ? order by position limit 1",
      apDraft().id,
    )[0]?.id,
  );
const actionPlansState = () =>
  queryDb(
    "select ap.id, ap.status, ap.version, (select count(*) from activities a where a.action_plan_id = ap.id) as n, (select group_concat(a.id || ':' || a.position || ':' || a.description, '|') from activities a where a.action_plan_id = ap.id) as rows from action_plans ap order by ap.id",
  );

const ACTION_PLAN_PAGES: { path: () => string; marker: RegExp; answers: Record<Caller, number> }[] =
  [
    {
      path: () => "/workspace/action-plans",
      marker: /Yearly action plans<\/h1>/,
      answers: {
        anonymous: 307,
        cso: 403,
        reporterA: 200,
        reporterB: 200,
        reviewer: 403,
        admin: 403,
      },
    },
    {
      path: () => `/workspace/action-plans/${apDraft().id}`,
      marker: /MIGEPROF action plan: /,
      answers: {
        anonymous: 307,
        cso: 403,
        reporterA: 200,
        reporterB: 404,
        reviewer: 403,
        admin: 403,
      },
    },
    {
      path: () => "/review/action-plans",
      marker: /Yearly action plans<\/h1>/,
      answers: {
        anonymous: 307,
        cso: 403,
        reporterA: 403,
        reporterB: 403,
        reviewer: 200,
        admin: 200,
      },
    },
    {
      path: () => `/review/action-plans/${apApproved().id}`,
      marker: /MIGEPROF action plan: /,
      answers: {
        anonymous: 307,
        cso: 403,
        reporterA: 403,
        reporterB: 403,
        reviewer: 200,
        admin: 200,
      },
    },
  ];

type Refusal = 401 | 403 | "hidden";
const AP_EDIT: Partial<Record<Caller, Refusal>> = {
  anonymous: 401,
  cso: 403,
  reporterB: "hidden",
  reviewer: 403,
  admin: 403,
};
const AP_REVIEW: Partial<Record<Caller, Refusal>> = {
  anonymous: 401,
  cso: 403,
  reporterA: 403,
  reporterB: 403,
};

const ACTION_PLAN_ACTIONS: {
  name: string;
  label?: string;
  page: () => string;
  fields: () => Record<string, string>;
  refused: Partial<Record<Caller, Refusal>>;
  plainForm?: true;
}[] = [
  {
    name: "createActionPlanAction",
    page: () => "/workspace/action-plans",
    fields: () => ({ planId: rwandaPlanId(), year: "2019" }),
    refused: { anonymous: 401, cso: 403, reviewer: 403, admin: 403 },
    plainForm: true,
  },
  {
    name: "saveActivityAction",
    page: () => `/workspace/action-plans/${apDraft().id}`,
    fields: () => ({
      actionPlanId: String(apDraft().id),
      version: String(apDraft().version),
      outputId: "1",
      description: "Matrix activity",
      budgetNeeded: "1",
      status: "planned",
    }),
    refused: AP_EDIT,
  },
  {
    name: "removeActivityAction",
    page: () => `/workspace/action-plans/${apDraft().id}`,
    fields: () => ({
      actionPlanId: String(apDraft().id),
      version: String(apDraft().version),
      activityId: apFirstActivity(),
    }),
    refused: AP_EDIT,
    plainForm: true,
  },
  {
    name: "moveActivityAction",
    page: () => `/workspace/action-plans/${apDraft().id}`,
    fields: () => ({
      actionPlanId: String(apDraft().id),
      version: String(apDraft().version),
      activityId: apFirstActivity(),
      direction: "down",
    }),
    refused: AP_EDIT,
    plainForm: true,
  },
  {
    name: "submitActionPlanAction",
    page: () => `/workspace/action-plans/${apDraft().id}`,
    fields: () => ({ actionPlanId: String(apDraft().id), version: String(apDraft().version) }),
    refused: AP_EDIT,
  },
  {
    name: "decideActionPlanAction",
    page: () => `/review/action-plans/${apApproved().id}`,
    fields: () => ({
      actionPlanId: String(apApproved().id),
      version: String(apApproved().version),
      decision: "reopen",
      reason: "Matrix reason",
    }),
    label: "reopen",
    refused: { ...AP_REVIEW, reviewer: 403 },
  },
  {
    name: "decideActionPlanAction",
    page: () => `/review/action-plans/${apApproved().id}`,
    fields: () => ({
      actionPlanId: String(apApproved().id),
      version: String(apApproved().version),
      decision: "approve",
    }),
    label: "approve",
    refused: AP_REVIEW,
  },
];

test.describe("deny matrix: yearly action plans over HTTP", () => {
  for (const [index, page] of ACTION_PLAN_PAGES.entries()) {
    for (const caller of CALLERS) {
      const expected = page.answers[caller];
      test(`action plan page ${index + 1} answers ${caller} with ${expected}`, async ({
        baseURL,
      }) => {
        const request = await contextFor(caller, baseURL ?? "");
        const response = await request.get(page.path(), { maxRedirects: 0 });
        expect(response.status()).toBe(expected);
        if (caller === "anonymous") await expectSentToSignInByApp(response, page.path());
        if (expected === 200) expect(await response.text()).toMatch(page.marker);
        else expect(await response.text()).not.toMatch(page.marker);
      });
    }
  }

  test.describe("actions", () => {
    test.describe.configure({ mode: "serial" });
    for (const action of ACTION_PLAN_ACTIONS) {
      for (const [caller, refusal] of Object.entries(action.refused) as [Caller, Refusal][]) {
        test(`${action.name}${action.label ? ` (${action.label})` : ""}: ${caller} is refused (${refusal}) and nothing changes`, async ({
          baseURL,
        }) => {
          const request = await contextFor(caller, baseURL ?? "");
          const before = JSON.stringify(actionPlansState());
          const response = await callAction(request, action.page(), action.name, action.fields(), {
            withState: !action.plainForm,
          });
          if (refusal === "hidden") {
            // Answered as a missing plan: a message (or a redirect to one), never the plan.
            expect([200, 303]).toContain(response.status());
            expect(await response.text()).not.toContain("Savings-group start-up kits");
          } else {
            expect(response.status()).toBe(refusal);
          }
          expect(JSON.stringify(actionPlansState())).toBe(before);
        });
      }
    }
  });
});

test("without any session cookie, proxy.ts sends every signed-in page to sign in and back", async ({
  playwright,
  baseURL,
}) => {
  // The one place the matrix meets proxy.ts's convenience redirect; every other public row
  // above carries a dead session cookie so that the page's own check answers.
  const visitor = await playwright.request.newContext({ baseURL });
  const paths = [
    ...PAGES.map((p) => p.path),
    ...REPORT_PAGES.map((p) => p.path()),
    ...ACTION_PLAN_PAGES.map((p) => p.path()),
  ];
  const answers = [];
  for (const pagePath of paths) {
    const response = await visitor.get(pagePath, { maxRedirects: 0 });
    answers.push([pagePath, response.status(), response.headers().location]);
  }
  expect(answers).toEqual(
    paths.map((p) => [p, 307, `/signin?callbackUrl=${encodeURIComponent(p)}`]),
  );
  await visitor.dispose();
});

/**
 * Pages anyone may open: the public site, sign-in and the one-time set-password link. Every
 * other page under app/ needs a row above.
 */
const PUBLIC_PAGES = [
  "/",
  "/plans/[plan]",
  "/plans/[plan]/budget",
  "/plans/[plan]/changes",
  "/plans/[plan]/indicators/[code]",
  "/plans/[plan]/outputs/[output]",
  "/plans/[plan]/pillars/[pillar]",
  "/set-password",
  "/signin",
];
/** Server actions anyone may call, and what guards them instead of a session. */
const PUBLIC_ACTIONS: Record<string, string> = {
  setPasswordAction: "the one-time token of the link is the check (e2e/auth.spec.ts)",
};

/** Every page.tsx under app/, as its route (`/admin/users/[id]`): route groups left out. */
function pageRoutes(dir = "app"): string[] {
  const routes: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) routes.push(...pageRoutes(file));
    else if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) {
      const segments = path
        .relative("app", dir)
        .split(path.sep)
        .filter((segment) => segment && !/^\(.*\)$/.test(segment) && !segment.startsWith("@"));
      routes.push(`/${segments.join("/")}`);
    }
  }
  return routes.sort();
}

/** Whether a concrete address (`/admin/users/2?x=1`) is an address of the route (`/admin/users/[id]`). */
function routeMatches(route: string, address: string) {
  const pattern = route
    .split("/")
    .map((segment) =>
      /^\[\[?\.\.\./.test(segment)
        ? ".*"
        : /^\[.+\]$/.test(segment)
          ? "[^/]+"
          : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${pattern}$`).test(address.split("?")[0] ?? "");
}

test.describe("deny matrix: completeness", () => {
  test("every page under app/ has a row (or is public)", () => {
    const addresses = [
      ...PAGES.map((p) => p.path),
      ...REPORT_PAGES.map((p) => p.path()),
      ...ACTION_PLAN_PAGES.map((p) => p.path()),
    ];
    const routes = pageRoutes();
    const missing = routes.filter(
      (route) =>
        !PUBLIC_PAGES.includes(route) && !addresses.some((address) => routeMatches(route, address)),
    );
    expect(
      missing,
      `Pages with no deny-matrix row: add each to PAGES in e2e/deny-matrix.spec.ts with the callers allowed (or, if anyone may open it, to PUBLIC_PAGES): ${missing.join(", ")}`,
    ).toEqual([]);
    const stale = [
      ...PUBLIC_PAGES.filter((route) => !routes.includes(route)),
      ...addresses.filter((address) => !routes.some((route) => routeMatches(route, address))),
    ];
    expect(stale, `Rows for pages that app/ no longer has: ${stale.join(", ")}`).toEqual([]);
  });

  test("every server action in the build has a row (or is public)", () => {
    const rows = new Set([...ACTIONS, ...ACTION_PLAN_ACTIONS].map((a) => a.name));
    const built = serverActionsInBuild();
    const describe = (a: { id: string; module: string; name?: string }) =>
      `${a.module} → ${a.name ?? `(no export name; action id ${a.id})`}`;
    const missing = built
      .filter((a) => !a.name || !(rows.has(a.name) || a.name in PUBLIC_ACTIONS))
      .map(describe);
    expect(
      missing,
      `Server actions with no deny-matrix row: add each to ACTIONS (or ACTION_PLAN_ACTIONS) in e2e/deny-matrix.spec.ts with the callers allowed (or, if anyone may call it, to PUBLIC_ACTIONS with what guards it):\n${missing.join("\n")}`,
    ).toEqual([]);
    // A row is found by export name: one name exported by two modules would be ambiguous.
    const byName = new Map<string, string[]>();
    for (const a of built)
      if (a.name) byName.set(a.name, [...(byName.get(a.name) ?? []), a.module]);
    const ambiguous = [...byName].filter(([, modules]) => new Set(modules).size > 1);
    expect(
      ambiguous.map(([name, modules]) => `${name}: ${[...new Set(modules)].join(", ")}`),
      "Server actions exported under one name by several modules (rename one)",
    ).toEqual([]);
    const names = new Set(built.map((a) => a.name));
    const stale = [...rows, ...Object.keys(PUBLIC_ACTIONS)].filter((name) => !names.has(name));
    expect(
      stale,
      `Deny-matrix rows naming a server action the build does not have (renamed or removed?): ${stale.join(", ")}`,
    ).toEqual([]);
  });
});
