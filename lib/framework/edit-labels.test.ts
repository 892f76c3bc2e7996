import { describe, expect, it } from "vitest";
import { changeFieldLabel, changeValueText } from "./edit-labels";

describe("how a change reads", () => {
  it("shows the status thresholds as the percentages the form takes", () => {
    expect(changeFieldLabel("plan", "statusTolerance")).toBe("Status tolerance");
    expect(changeValueText("statusTolerance", 0.15)).toBe("15 %");
    expect(changeValueText("statusAtRiskShare", 0.5)).toBe("50 %");
    expect(changeValueText("endTarget", 0.5)).toBe("0.5");
  });

  it("names an added or removed pillar by its title, and a removed record from an import", () => {
    expect(changeValueText("created", { title: "Prevention" })).toBe("Prevention");
    expect(changeValueText("deleted", { title: "Prevention" })).toBe("Prevention");
    expect(changeValueText("removed", "Output 1.1: Participation")).toBe(
      "Output 1.1: Participation",
    );
  });
});
