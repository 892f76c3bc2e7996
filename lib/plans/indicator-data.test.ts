import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { withTestDatabase } from "@/test/db";
import { CALLERS } from "@/test/viewers";
import { getIndicatorData, parseBreakdown, toOpenSdgCsv } from "./indicator-data";

withTestDatabase();

function setObservations(
  code: string,
  rows: { year: number; breakdown?: string; value: number }[],
) {
  const db = getDb();
  const indicator = db.select().from(s.indicators).where(eq(s.indicators.code, code)).get();
  if (!indicator) throw new Error(code);
  // The indicator holds exactly these observations (the demo's approved reports are removed).
  db.delete(s.observations).where(eq(s.observations.indicatorId, indicator.id)).run();
  for (const row of rows) {
    db.insert(s.observations)
      .values({
        indicatorId: indicator.id,
        periodCode: String(row.year),
        year: row.year,
        breakdown: row.breakdown ?? "",
        value: row.value,
        approvedAt: "2024-01-01T00:00:00.000Z",
      })
      .run();
  }
}

describe("indicator data", () => {
  it("gives the approved observations of the peacekeeping indicator with their source", () => {
    const data = getIndicatorData(null, "rwanda-2018-2022", "5.2.a");
    expect(data?.observations.map((o) => [o.year, o.value])).toEqual([
      [2018, 5.2],
      [2019, 6.45],
      [2020, 7.21],
      [2021, 9.17],
    ]);
    expect(data?.observations[0]?.provenance).toMatch(/UN Department of Peace Operations/);
    expect(toOpenSdgCsv(data as NonNullable<typeof data>)).toBe(
      "Year,Sex,Personnel type,Value\n2018,,,5.2\n2019,,,6.45\n2020,,,7.21\n2021,,,9.17\n",
    );
  });

  it("writes disaggregations with their labels, a blank cell for the total (Open SDG layout)", () => {
    setObservations("2.1.a", [
      { year: 2019, value: 210000 },
      { year: 2019, breakdown: "sex=female", value: 130000 },
      { year: 2019, breakdown: "province=kigali;sex=male", value: 30000 },
    ]);
    const data = getIndicatorData(null, "rwanda-2018-2022", "2.1.a");
    expect(data?.dimensions.map((d) => d.name)).toEqual(["Sex", "Province"]);
    expect(toOpenSdgCsv(data as NonNullable<typeof data>)).toBe(
      "Year,Sex,Province,Value\n2019,,,210000\n2019,Men,City of Kigali,30000\n2019,Women,,130000\n",
    );
  });

  it("3.1.b: total 49, Men 46 no longer gives Women = 3 by subtraction (data.json and data.csv)", () => {
    setObservations("3.1.b", [
      { year: 2019, value: 49 },
      { year: 2019, breakdown: "sex=male", value: 46 },
      { year: 2019, breakdown: "sex=female", value: 3 },
    ]);
    const publicData = getIndicatorData(null, "rwanda-2018-2022", "3.1.b");
    expect(publicData?.observations.map((o) => [o.disaggregation, o.value, o.suppressed])).toEqual([
      [{}, 49, false],
      [{ sex: "Women" }, null, true],
      [{ sex: "Men" }, null, true],
    ]);
    expect(toOpenSdgCsv(publicData as NonNullable<typeof publicData>)).toBe(
      "Year,Sex,District,Value\n2019,,,49\n",
    );
    const reviewerData = getIndicatorData(CALLERS.reviewer(), "rwanda-2018-2022", "3.1.b");
    expect(reviewerData?.observations.map((o) => o.value)).toEqual([49, 3, 46]);
  });

  it("withholds a total that equals its only small cell", () => {
    setObservations("3.1.b", [
      { year: 2019, value: 3 },
      { year: 2019, breakdown: "district=gasabo;sex=male", value: 3 },
    ]);
    const publicData = getIndicatorData(null, "rwanda-2018-2022", "3.1.b");
    expect(publicData?.observations.map((o) => [o.value, o.suppressed])).toEqual([
      [null, true],
      [null, true],
    ]);
  });

  it("answers null for unknown plans and codes, and for a draft plan to the public", () => {
    expect(getIndicatorData(null, "rwanda-2018-2022", "9.9.z")).toBeNull();
    expect(getIndicatorData(null, "atlantis", "5.2.a")).toBeNull();
    getDb()
      .update(s.plans)
      .set({ status: "draft" })
      .where(eq(s.plans.slug, "rwanda-2018-2022"))
      .run();
    expect(getIndicatorData(null, "rwanda-2018-2022", "5.2.a")).toBeNull();
    expect(getIndicatorData(CALLERS.admin(), "rwanda-2018-2022", "5.2.a")).not.toBeNull();
  });

  it("parses breakdown keys", () => {
    expect(parseBreakdown("")).toEqual({});
    expect(parseBreakdown("province=east;sex=female")).toEqual({ province: "east", sex: "female" });
  });
});
