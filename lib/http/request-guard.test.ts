import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT, checkActionBody, checkHead } from "./request-guard";

const ID = "7f".repeat(21);
const head = (method: string, url: string, headers: Record<string, string> = {}) =>
  checkHead({ method, url, headers: { host: "localhost:3000", ...headers } }, (path) =>
    path === "/api/health" ? ["GET", "HEAD", "OPTIONS"] : null,
  );

describe("checkHead", () => {
  it("lets ordinary requests through", () => {
    expect(head("GET", "/plans/rwanda-2018-2022?x=%")).toEqual({ body: null });
    expect(head("GET", "/api/health")).toEqual({ body: null });
    expect(
      head("POST", "/admin", {
        "next-action": ID,
        "content-type": "multipart/form-data; boundary=x",
      }),
    ).toEqual({ body: "multipart-fetch" });
  });

  it("refuses each class of malformed request with a 4xx", () => {
    const cases: [ReturnType<typeof head>, number][] = [
      [head("TRACE", "/api/health"), 405],
      [head("CONNECT", "/"), 405],
      [head("PROPFIND", "/"), 405],
      [head("GET", "/plans/%"), 400],
      [head("GET", "/", { host: "exa mple" }), 400],
      [head("GET", "/", { origin: "not a url" }), 400],
      [head("DELETE", "/api/health"), 405],
      [head("GET", "/api/auth/callback/credentials"), 405],
      [head("POST", "/admin", { "content-type": "application/x-www-form-urlencoded" }), 405],
      [head("POST", "/admin", { "next-action": ID, "content-type": "application/json" }), 400],
      [head("POST", "/admin", { "next-action": "zz", "content-type": "text/plain" }), 400],
      [
        head("POST", "/admin", {
          "next-action": ID,
          "content-type": "text/plain",
          "content-length": String(ACTION_BODY_LIMIT + 1),
        }),
        413,
      ],
    ];
    for (const [result, status] of cases) expect(result).toMatchObject({ status });
    expect(head("TRACE", "/api/health")).toHaveProperty("allow");
  });
});

describe("checkActionBody", () => {
  const multipart = async (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    const response = new Response(form);
    return {
      type: response.headers.get("content-type") ?? "",
      body: Buffer.from(await response.arrayBuffer()),
    };
  };

  it("accepts (state, form) and (form)", async () => {
    const a = await multipart({ _1_name: "x", "0": JSON.stringify([{ ok: false }, "$K1"]) });
    expect(await checkActionBody("multipart-fetch", a.type, a.body)).toBeNull();
    const b = await multipart({ _1_name: "x", "0": JSON.stringify(["$K1"]) });
    expect(await checkActionBody("multipart-fetch", b.type, b.body)).toBeNull();
  });

  it("refuses arguments that are not a form, bad references and broken bodies", async () => {
    for (const root of ['"x"', "[1]", '["$5"]', '[{"a":"$1"},"$K1"]', "{", '["$h1","$K1"]']) {
      const m = await multipart({ "0": root });
      expect(await checkActionBody("multipart-fetch", m.type, m.body)).toMatchObject({
        status: 400,
      });
    }
    expect(
      await checkActionBody("text-fetch", "text/plain", Buffer.from('["not a form"]')),
    ).toMatchObject({ status: 400 });
    expect(
      await checkActionBody(
        "multipart-fetch",
        "multipart/form-data; boundary=x",
        Buffer.from("junk"),
      ),
    ).toMatchObject({ status: 400 });
    const page = await multipart({ name: "x" });
    expect(await checkActionBody("multipart-form", page.type, page.body)).toMatchObject({
      status: 405,
    });
    const mpa = await multipart({ [`$ACTION_ID_${ID}`]: "", name: "x" });
    expect(await checkActionBody("multipart-form", mpa.type, mpa.body)).toBeNull();
  });
});
