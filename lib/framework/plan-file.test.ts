import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkPlanFile, formatPath, planFileJsonSchema } from "./plan-file";

const example = () =>
  JSON.parse(
    fs.readFileSync(path.join(__dirname, "examples", "exampleland-2024-2028.plan.json"), "utf8"),
  );

function problemsOf(mutate: (file: ReturnType<typeof example>) => void) {
  const file = example();
  mutate(file);
  const result = checkPlanFile(file);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
}

describe("the plan file schema", () => {
  it("accepts the shipped example of a plan shaped unlike Rwanda's (3 axes, French, XOF)", () => {
    const result = checkPlanFile(example());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.file.pillars).toHaveLength(3);
      expect(result.file.plan.pillarTermPlural).toBe("axes");
      // Defaults are filled in.
      expect(result.file.pillars[1]?.outcomeIndicators).toEqual([]);
    }
  });

  it("rejects a file of another format or version", () => {
    expect(problemsOf((f) => (f.version = 2))).toEqual([
      { path: "version", message: expect.any(String) },
    ]);
    expect(problemsOf((f) => (f.format = "something-else"))[0]?.path).toBe("format");
  });

  it("names the place of every problem, with a plain message", () => {
    const problems = problemsOf((f) => {
      f.plan.countryCode = "Exampleland";
      f.plan.endYear = 2020;
      f.pillars[0].outputs[0].lead = "NOPE";
      f.pillars[0].outputs[0].indicators[0].targets.push({ year: 2031, value: 70 });
      f.pillars[1].outputs[0].indicators[0].code = "1.1.1";
      f.pillars[1].outputs[0].indicators[0].dimensions = ["age"];
      f.pillars[2].number = 1;
    });
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(byPath["plan.countryCode"]).toMatch(/ISO 3166-1 alpha-3/);
    expect(byPath["plan.endYear"]).toMatch(/before the start year/);
    expect(byPath["pillars[0].outputs[0].lead"]).toBe("NOPE is not in the file's institutions");
    expect(byPath["pillars[0].outputs[0].indicators[0].targets[5].year"]).toMatch(
      /outside the plan's years/,
    );
    expect(byPath["pillars[1].outputs[0].indicators[0].code"]).toBe(
      "indicator code 1.1.1 is used twice",
    );
    expect(byPath["pillars[1].outputs[0].indicators[0].dimensions[0]"]).toBe(
      "age is not one of the file's dimensions",
    );
    expect(byPath["pillars[2].number"]).toBe("axe 1 is listed twice");
  });

  it("refuses percentages outside 0–100 and a category whose parent is unknown", () => {
    const problems = problemsOf((f) => {
      f.pillars[1].outputs[0].indicators[0].targets[0].value = 120;
      f.dimensions[1].categories[0].parent = "pays/nord";
    });
    expect(problems.map((p) => p.path)).toEqual([
      "dimensions[1].categories[0].parent",
      "pillars[1].outputs[0].indicators[0]",
    ]);
  });

  it("refuses a plan without pillars and an empty title", () => {
    const problems = problemsOf((f) => {
      f.pillars = [];
      f.plan.title = "   ";
    });
    expect(problems.map((p) => p.path).sort()).toEqual(["pillars", "plan.title"]);
  });

  it("formats paths the way people read them", () => {
    expect(formatPath(["pillars", 2, "outputs", 0, "code"])).toBe("pillars[2].outputs[0].code");
    expect(formatPath([])).toBe("(file)");
  });

  it("is published as a JSON Schema", () => {
    const schema = planFileJsonSchema() as {
      $schema?: string;
      properties?: Record<string, unknown>;
    };
    expect(schema.$schema).toContain("2020-12");
    expect(Object.keys(schema.properties ?? {})).toEqual([
      "format",
      "version",
      "plan",
      "institutions",
      "dimensions",
      "pillars",
    ]);
  });
});

describe("one pass lists every problem", () => {
  it("reports a malformed value and a broken reference together", () => {
    const problems = problemsOf((f) => {
      f.pillars[0].outputs[0].indicators[0].unit = "kilograms";
      f.pillars[0].outputs[0].lead = "NOPE";
      f.pillars[1].outputs[0].indicators[0].code = "1.1.1";
    });
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(byPath["pillars[0].outputs[0].indicators[0].unit"]).toBeDefined();
    expect(byPath["pillars[0].outputs[0].lead"]).toBe("NOPE is not in the file's institutions");
    expect(byPath["pillars[1].outputs[0].indicators[0].code"]).toBe(
      "indicator code 1.1.1 is used twice",
    );
    expect(problems).toHaveLength(3);
  });

  it("does not trip over a file too malformed to cross-check", () => {
    const problems = problemsOf((f) => {
      f.institutions = "none";
      f.pillars[0].outputs = [{ number: "one" }];
    });
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(["institutions", "pillars[0].outputs[0].number"]),
    );
  });
});
