import {
  errorResponseSchema,
  planListResponseSchema,
  planResponseSchema,
} from "../lib/plans/api-schema";
import { expect, test } from "./fixtures";

test.describe("public API v1", () => {
  test("GET /api/v1/plans lists the plans in the documented shape", async ({ request }) => {
    const response = await request.get("/api/v1/plans");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    const body = planListResponseSchema.parse(await response.json());
    // Other tests may import plans of other countries into the same server.
    const rwanda = body.data.filter((p) => p.countryCode === "RWA");
    expect(rwanda.map((p) => p.slug)).toEqual(["rwanda-2018-2022", "rwanda-2009-2012"]);
    expect(rwanda[0]?.url).toBe("/api/v1/plans/rwanda-2018-2022");
  });

  test("GET /api/v1/plans/rwanda-2018-2022 returns 5 pillars and 15 outputs with indicators", async ({
    request,
  }) => {
    const response = await request.get("/api/v1/plans/rwanda-2018-2022");
    expect(response.status()).toBe(200);
    const { data } = planResponseSchema.parse(await response.json());
    expect(data.pillars).toHaveLength(5);
    const outputs = data.pillars.flatMap((p) => p.outputs);
    expect(outputs).toHaveLength(15);
    expect(outputs[0]).toMatchObject({
      code: "1.1",
      title: "Increased and influence of women in local governance institutions mechanisms",
      lead: { acronym: "MINALOC", name: "Ministry of Local Government" },
    });
    const peacekeeping = outputs.flatMap((o) => o.indicators).find((i) => i.code === "5.2.a");
    expect(peacekeeping).toMatchObject({
      unit: "percent",
      direction: "increase",
      baseline: { value: 4.23, year: 2017 },
      endTarget: { value: 10, year: 2022 },
      latest: { value: 9.17, year: 2021 },
      // The plan ended in 2022; a 2021 value is before its last year: stale (on track then).
      status: { code: "stale", label: "Stale", assessment: "on_track", asOf: { year: 2021 } },
    });
    const districts = outputs.find((o) => o.code === "2.3");
    expect(districts?.indicators[0]?.status).toMatchObject({
      code: "stale",
      asOf: { year: 2020, periodCode: "2020July" },
    });
    expect(districts?.milestones[0]).toMatchObject({
      dueDate: "2022-06-30",
      status: "overdue",
      recordedStatus: "in_progress",
    });
  });

  test("unknown plans and endpoints answer a JSON 404", async ({ request }) => {
    for (const path of [
      "/api/v1/plans/atlantis-2020-2024",
      "/api/v1/plans/Bad%20Slug",
      "/api/v1/nothing-here",
      "/api/v1/plans/rwanda-2018-2022/unknown/deeper",
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      const body = errorResponseSchema.parse(await response.json());
      expect(body.error.code).toBe("NOT_FOUND");
      expect(body.error.message.length).toBeGreaterThan(0);
    }
  });

  test("GET /api/v1/openapi.json describes the API as OpenAPI 3.1", async ({ request }) => {
    const response = await request.get("/api/v1/openapi.json");
    expect(response.status()).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/api/v1/plans", "/api/v1/plans/{plan}", "/api/v1/openapi.json"]),
    );
    const planSchema =
      document.paths["/api/v1/plans/{plan}"].get.responses["200"].content["application/json"]
        .schema;
    expect(JSON.stringify(planSchema)).toContain("pillars");
    // Stable public addresses: every node says which codes it had before; old codes redirect.
    expect(JSON.stringify(document)).toContain("previousCodes");
    const indicatorData = document.paths["/api/v1/plans/{plan}/indicators/{code}/data.json"].get;
    expect(Object.keys(indicatorData.responses)).toEqual(
      expect.arrayContaining(["200", "308", "410", "404"]),
    );
    expect(document.paths["/api/v1/plans/{plan}"].get.responses["404"]).toBeDefined();
  });
});

test.describe("revalidation of public data", () => {
  for (const path of [
    "/api/v1/plans",
    "/api/v1/plans/rwanda-2018-2022",
    "/api/v1/plans/rwanda-2018-2022/framework.json",
    "/api/v1/plans/rwanda-2018-2022/indicators/5.2.a/data.json",
    "/api/v1/plans/rwanda-2018-2022/indicators/5.2.a/data.csv",
  ]) {
    test(`${path} answers a repeat request with 304 while nothing changed`, async ({ request }) => {
      const first = await request.get(path);
      expect(first.status()).toBe(200);
      expect(first.headers()["cache-control"]).toBe("public, max-age=0, must-revalidate");
      const etag = first.headers().etag;
      expect(etag).toMatch(/^W\/"[0-9a-f]{16}-[a-z0-9-]+"$/); // the plan tree's carries the day
      // Nothing writes to this worker's server in between: the very next request is a 304.
      const again = await request.get(path, { headers: { "If-None-Match": etag as string } });
      expect(again.status()).toBe(304);
      expect(await again.body()).toHaveLength(0);
      expect(again.headers().etag).toBe(etag);
    });
  }

  test("a stale ETag gets the full answer", async ({ request }) => {
    const response = await request.get("/api/v1/plans", {
      headers: { "If-None-Match": 'W/"0000000000000000-plans"' },
    });
    expect(response.status()).toBe(200);
    expect(response.headers().etag).not.toBe('W/"0000000000000000-plans"');
  });
});

test.describe("indicator data downloads", () => {
  test("data.json gives the approved observations with their source", async ({ request }) => {
    const response = await request.get("/api/v1/plans/rwanda-2018-2022/indicators/5.2.a/data.json");
    expect(response.status()).toBe(200);
    const { data } = await response.json();
    expect(data.indicator).toMatchObject({ code: "5.2.a", unit: "percent" });
    expect(
      data.observations.map((o: { year: number; value: number }) => [o.year, o.value]),
    ).toEqual([
      [2018, 5.2],
      [2019, 6.45],
      [2020, 7.21],
      [2021, 9.17],
    ]);
    expect(data.observations[3].provenance).toContain("UN Department of Peace Operations");
  });

  test("data.csv is in the Open SDG layout", async ({ request }) => {
    const response = await request.get("/api/v1/plans/rwanda-2018-2022/indicators/5.2.a/data.csv");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/csv");
    expect(response.headers()["content-disposition"]).toContain("rwanda-2018-2022_5.2.a.csv");
    expect(await response.text()).toBe(
      "Year,Sex,Personnel type,Value\n2018,,,5.2\n2019,,,6.45\n2020,,,7.21\n2021,,,9.17\n",
    );
  });

  test("unknown indicators and plans answer a JSON 404", async ({ request }) => {
    for (const path of [
      "/api/v1/plans/rwanda-2018-2022/indicators/9.9.z/data.json",
      "/api/v1/plans/rwanda-2018-2022/indicators/9.9.z/data.csv",
      "/api/v1/plans/atlantis/indicators/5.2.a/data.json",
      "/api/v1/plans/rwanda-2018-2022/indicators/%2E%2E%2Fsecret/data.csv",
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      expect((await response.json()).error.code).toBe("NOT_FOUND");
    }
  });

  test("the output page links to each indicator's downloads", async ({ page }) => {
    await page.goto("/plans/rwanda-2018-2022/outputs/5.2");
    const link = page
      .getByRole("article", { name: /5\.2\.a/ })
      .getByRole("link", { name: "CSV (Open SDG layout)" });
    await expect(link).toHaveAttribute(
      "href",
      "/api/v1/plans/rwanda-2018-2022/indicators/5.2.a/data.csv",
    );
  });
});
