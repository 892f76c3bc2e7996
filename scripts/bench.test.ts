/**
 * The benchmark script keeps working (it is run by hand, so nothing else would notice if it
 * broke). Only its small data set, and no timing is asserted: speed is judged by reading the
 * benchmark's own output, never by a timed test.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { TEST_TMP } from "@/test/paths";

it("generates the small data set and times every public and review function", () => {
  const dir = path.join(TEST_TMP, "bench");
  const result = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/bench.ts"],
    {
      env: { ...process.env, BENCH_SIZE: "small", BENCH_DIR: dir, BENCH_ITERATIONS: "2" },
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  const report = JSON.parse(fs.readFileSync(path.join(dir, "result-small.json"), "utf8"));
  expect(report.counts.observations).toBeGreaterThan(10_000);
  expect(report.rows.map((r: { name: string }) => r.name)).toEqual([
    "public: plan list",
    "public: plan page (status of every indicator)",
    "public: indicator page/data.json (all breakdowns)",
    "public: whole-plan export (plan file)",
    "dashboard: status overview",
    "review: all reports",
    "review: action plans of a year",
    "review: budget totals of a year",
    "public: plan page, answer cached",
  ]);
}, 120_000);
