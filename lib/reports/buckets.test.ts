/** The report lists' one rule: where a report is listed, and when it is overdue. */
import { describe, expect, it } from "vitest";
import { isOverdue, type ReportState, reportBucket } from "./buckets";

const TODAY = "2022-09-15";
const PAST = "2022-08-31";
const FUTURE = "2022-10-31";

/** A report row as the lists compute it. */
function row(state: ReportState, deadline: string, periodStatus: "open" | "closed" = "open") {
  const overdue = isOverdue(deadline, state, TODAY);
  return { state, overdue, bucket: reportBucket({ state, overdue, periodStatus }) };
}

describe("report buckets", () => {
  it("a returned report is back with the institution, and overdue once its deadline passed", () => {
    expect(row("returned", PAST)).toEqual({ state: "returned", overdue: true, bucket: "back" });
    expect(row("returned", FUTURE)).toEqual({ state: "returned", overdue: false, bucket: "back" });
  });

  it("a reopened report is back with the institution, and overdue once its deadline passed", () => {
    expect(row("reopened", PAST)).toEqual({ state: "reopened", overdue: true, bucket: "back" });
    expect(row("reopened", FUTURE)).toEqual({ state: "reopened", overdue: false, bucket: "back" });
  });

  it("an overdue draft (or one not started) is overdue; before the deadline it is due", () => {
    expect(row("draft", PAST)).toEqual({ state: "draft", overdue: true, bucket: "overdue" });
    expect(row("not_started", PAST)).toMatchObject({ overdue: true, bucket: "overdue" });
    expect(row("draft", FUTURE)).toEqual({ state: "draft", overdue: false, bucket: "due" });
    expect(row("draft", TODAY)).toMatchObject({ overdue: false, bucket: "due" });
  });

  it("a report submitted (or approved) past its deadline is not overdue", () => {
    expect(row("submitted", PAST)).toEqual({
      state: "submitted",
      overdue: false,
      bucket: "submitted",
    });
    expect(row("approved", PAST)).toEqual({
      state: "approved",
      overdue: false,
      bucket: "approved",
    });
  });

  it("an unsubmitted report of a closed period is missed, not overdue; a returned one stays back", () => {
    expect(row("draft", PAST, "closed").bucket).toBe("missed");
    expect(row("not_started", PAST, "closed").bucket).toBe("missed");
    expect(row("returned", PAST, "closed").bucket).toBe("back");
  });
});
