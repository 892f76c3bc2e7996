import { describe, expect, it } from "vitest";
import { MILESTONE_DISPLAY_LABELS, milestoneDisplayStatus, utcDay } from "./milestone-status";

// The demo's early-warning milestone: due 30 June 2022, still "in progress".
const due = "2022-06-30";
const at = (iso: string) => new Date(iso);

describe("milestoneDisplayStatus", () => {
  it("in progress and past due → overdue (4 December 2026, due 30 June 2022)", () => {
    expect(
      milestoneDisplayStatus({ dueDate: due, status: "in_progress" }, at("2026-12-04T13:00:00Z")),
    ).toBe("overdue");
  });

  it("not started or delayed and past due → overdue", () => {
    const now = at("2022-07-01T00:00:00Z");
    expect(milestoneDisplayStatus({ dueDate: due, status: "not_started" }, now)).toBe("overdue");
    expect(milestoneDisplayStatus({ dueDate: due, status: "delayed" }, now)).toBe("overdue");
  });

  it("on its due day it is not yet overdue; the next day (UTC) it is", () => {
    const m = { dueDate: due, status: "in_progress" as const };
    expect(milestoneDisplayStatus(m, at("2022-06-30T23:59:59Z"))).toBe("in_progress");
    expect(milestoneDisplayStatus(m, at("2022-07-01T00:00:00Z"))).toBe("overdue");
  });

  it("before the due date it keeps its recorded status", () => {
    const now = at("2021-01-01T12:00:00Z");
    expect(milestoneDisplayStatus({ dueDate: due, status: "delayed" }, now)).toBe("delayed");
    expect(milestoneDisplayStatus({ dueDate: due, status: "not_started" }, now)).toBe(
      "not_started",
    );
  });

  it("achieved and dropped milestones are never overdue", () => {
    const now = at("2026-12-04T13:00:00Z");
    expect(milestoneDisplayStatus({ dueDate: due, status: "achieved" }, now)).toBe("achieved");
    expect(milestoneDisplayStatus({ dueDate: due, status: "dropped" }, now)).toBe("dropped");
  });

  it("labels overdue as Overdue and keeps the recorded statuses' labels", () => {
    expect(MILESTONE_DISPLAY_LABELS.overdue).toBe("Overdue");
    expect(MILESTONE_DISPLAY_LABELS.in_progress).toBe("In progress");
  });

  it("counts days in UTC", () => {
    expect(utcDay(at("2022-06-30T23:30:00-02:00"))).toBe("2022-07-01");
  });
});
