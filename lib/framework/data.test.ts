import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { getPlanTree } from "@/lib/plans/data";
import { withTestDatabase } from "@/test/db";
import { CALLER_NAMES, CALLERS } from "@/test/viewers";
import { exportPlanFile, importPlanFile } from "./data";

withTestDatabase();

const admin = () => CALLERS.admin();
const example = () =>
  JSON.parse(
    fs.readFileSync(path.join(__dirname, "examples", "exampleland-2024-2028.plan.json"), "utf8"),
  );
const counts = () =>
  getDb()
    .$client.prepare(
      "select (select count(*) from plans) p, (select count(*) from pillars) pi, (select count(*) from outputs) o, (select count(*) from indicators) i, (select count(*) from institutions) ins, (select count(*) from milestones) m",
    )
    .get();

describe("plan export and import", () => {
  it("gives back an identical plan after export then import (round trip)", () => {
    const exported = exportPlanFile(null, "rwanda-2018-2022");
    if (!exported) throw new Error("no export");
    const copy = structuredClone(exported);
    copy.plan.slug = "rwanda-2018-2022-copy";
    expect(importPlanFile(admin(), copy)).toEqual({
      ok: true,
      slug: "rwanda-2018-2022-copy",
      status: "active",
    });
    const again = exportPlanFile(admin(), "rwanda-2018-2022-copy");
    expect({ ...again, plan: { ...again?.plan, slug: "rwanda-2018-2022" } }).toEqual(exported);
    // Institutions of the same country were reused, not duplicated.
    expect(getDb().$client.prepare("select count(*) as n from institutions").get()).toEqual({
      n: 17,
    });
  });

  it("exports Rwanda's plan with its 5 objectives, 15 outputs, matrix and sources", () => {
    const file = exportPlanFile(null, "rwanda-2018-2022");
    expect(file?.pillars).toHaveLength(5);
    expect(file?.pillars.flatMap((p) => p.outputs)).toHaveLength(15);
    expect(file?.pillars[0]?.outputs[0]).toMatchObject({
      lead: "MINALOC",
      supporting: ["GMO", "MIGEPROF", "NWC"],
    });
    expect(file?.dimensions.find((d) => d.key === "district")?.categories).toHaveLength(30);
    expect(file?.dimensions.find((d) => d.key === "district")?.categories[0]).toEqual({
      key: "gasabo",
      label: "Gasabo",
      parent: "province/kigali",
    });
  });

  it("loads the example plan of another shape, and nothing in it is Rwandan", () => {
    expect(importPlanFile(admin(), example())).toEqual({
      ok: true,
      slug: "exampleland-2024-2028",
      status: "draft",
    });
    const tree = getPlanTree(admin(), "exampleland-2024-2028");
    expect(tree).toMatchObject({
      pillarTerm: "axe",
      pillarCount: 3,
      outputCount: 3,
      currency: "XOF",
      status: "draft",
    });
    expect(tree?.pillars[0]?.outcomeIndicators.map((i) => i.code)).toEqual(["R1"]);
    expect(tree?.pillars[0]?.outputs[0]?.supporting.map((s) => s.acronym)).toEqual(["CFPS", "PN"]);
    // A draft plan is not public.
    expect(exportPlanFile(null, "exampleland-2024-2028")).toBeNull();
  });

  it("lists every problem and writes nothing when the file is invalid", () => {
    const before = counts();
    const file = example();
    file.pillars[0].outputs[0].lead = "NOPE";
    file.plan.currency = "francs";
    const result = importPlanFile(admin(), file);
    expect(result).toEqual({
      ok: false,
      problems: expect.arrayContaining([
        { path: "plan.currency", message: expect.stringContaining("ISO 4217") },
        { path: "pillars[0].outputs[0].lead", message: "NOPE is not in the file's institutions" },
      ]),
    });
    expect(counts()).toEqual(before);
  });

  it("refuses a plan whose address is taken", () => {
    const file = example();
    file.plan.slug = "rwanda-2018-2022";
    expect(importPlanFile(admin(), file)).toEqual({
      ok: false,
      problems: [
        { path: "plan.slug", message: "a plan with the address rwanda-2018-2022 already exists" },
      ],
    });
  });

  it("leaves nothing behind when writing fails half-way", () => {
    const before = counts();
    // Make the database refuse the last kind of row the import writes.
    getDb().$client.exec(
      "create trigger fail_milestones before insert on milestones begin select raise(abort, 'disk on fire'); end",
    );
    expect(() => importPlanFile(admin(), example())).toThrow(/disk on fire/);
    getDb().$client.exec("drop trigger fail_milestones");
    expect(counts()).toEqual(before);
  });

  for (const caller of CALLER_NAMES.filter((c) => c !== "admin")) {
    it(`refuses an import by ${caller} and writes nothing`, () => {
      const before = counts();
      const viewer = CALLERS[caller]();
      expect(() => importPlanFile(viewer, example())).toThrow(
        expect.objectContaining({ code: viewer ? "FORBIDDEN" : "UNAUTHENTICATED" }),
      );
      expect(counts()).toEqual(before);
    });
  }
});
