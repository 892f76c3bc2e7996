/**
 * The speed benchmark (PRODUCT.md, "Fast"): builds a large generated data set in a throwaway
 * SQLite file, then times the data-access functions behind the public pages, the public API,
 * the steering committee's dashboard and the review queues, and prints p50/p95/max per function.
 *
 *   npm run bench                 # the default size (see SIZES)
 *   BENCH_SIZE=small npm run bench
 *
 * Speed is measured here, never in timed tests. The data set is one very large plan beside
 * Rwanda's demo plan: many pillars, outputs and indicators, each broken down by sex and by
 * 30 districts, with quarterly approved observations over eleven years, a report per
 * institution and quarter, and yearly action plans with activities. The budgets below are what
 * a public page's data should take on this machine class (2 cores); a function over budget is
 * flagged and the script exits 1, so a slowdown is noticed when the benchmark is run.
 */

import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

const SIZES = {
  small: { pillars: 3, outputs: 3, indicators: 3, institutions: 8, years: 4, activities: 5 },
  large: { pillars: 8, outputs: 6, indicators: 6, institutions: 40, years: 11, activities: 25 },
} as const;

const sizeName = (process.env.BENCH_SIZE ?? "large") as keyof typeof SIZES;
const size = SIZES[sizeName];
if (!size) {
  console.error(`BENCH_SIZE must be one of ${Object.keys(SIZES).join(", ")}.`);
  process.exit(2);
}

const dir = path.resolve(process.env.BENCH_DIR ?? path.join(".tmp", "bench"));
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `bench-${sizeName}.db`);
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
process.env.DATABASE_PATH = file;

const SLUG = "benchland-2020-2030";
const START = 2020;

async function main() {
  const { openDatabase } = await import("@/db/client");
  const { seedDemo } = await import("@/lib/demo");
  const db = openDatabase(file);
  await seedDemo(db, "benchmark password 2026");
  const sqlite = db.$client;

  const generated = performance.now();
  const counts = sqlite.transaction(() => generate(sqlite))();
  sqlite.exec("analyze");
  db.$client.close();
  console.log(
    `Generated (${sizeName}) in ${((performance.now() - generated) / 1000).toFixed(1)} s: ${Object.entries(
      counts,
    )
      .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
      .join(", ")}.`,
  );

  // The functions the pages call, on the process's own connection (as the server would).
  const { getPlanTree, listPlans } = await import("@/lib/plans/data");
  const { getIndicatorData } = await import("@/lib/plans/indicator-data");
  const { getStatusOverview } = await import("@/lib/review/data");
  const { listAllReports } = await import("@/lib/reports/data");
  const { listActionPlans, getActionPlanTotals } = await import("@/lib/action-plans/data");
  const { exportPlanFile } = await import("@/lib/framework/data");
  const { getDb } = await import("@/db/client");
  const { clearPublicCache } = await import("@/lib/plans/public-cache");
  const reviewer = { id: 1, role: "reviewer" as const, institutionId: null };
  const planId = getDb().$client.prepare("select id from plans where slug = ?").get(SLUG) as {
    id: number;
  };
  const lastYear = START + size.years - 1;

  // Each run starts from an empty public-read cache: the cost right after an approval, when
  // every answer is computed afresh. The last case shows what a cache hit costs.
  const cases: { name: string; budgetMs: number; run: () => unknown; cached?: boolean }[] = [
    { name: "public: plan list", budgetMs: 20, run: () => listPlans(null) },
    {
      name: "public: plan page (status of every indicator)",
      budgetMs: 100,
      run: () => getPlanTree(null, SLUG),
    },
    {
      name: "public: indicator page/data.json (all breakdowns)",
      budgetMs: 80,
      run: () => getIndicatorData(null, SLUG, "1.1.1"),
    },
    {
      name: "public: whole-plan export (plan file)",
      budgetMs: 100,
      run: () => exportPlanFile(null, SLUG),
    },
    { name: "dashboard: status overview", budgetMs: 150, run: () => getStatusOverview(reviewer) },
    { name: "review: all reports", budgetMs: 80, run: () => listAllReports(reviewer) },
    {
      name: "review: action plans of a year",
      budgetMs: 50,
      run: () => listActionPlans(reviewer, { year: lastYear }),
    },
    {
      name: "review: budget totals of a year",
      budgetMs: 50,
      run: () => getActionPlanTotals(reviewer, { planId: planId.id, year: lastYear }),
    },
    {
      name: "public: plan page, answer cached",
      budgetMs: 5,
      run: () => getPlanTree(null, SLUG),
      cached: true,
    },
  ];

  const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
  const rows: { name: string; p50: number; p95: number; max: number; budgetMs: number }[] = [];
  for (const c of cases) {
    const result = c.run(); // warm-up, and a check that it returns something
    if (result === null || result === undefined) throw new Error(`${c.name} returned nothing`);
    const times: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      if (!c.cached) clearPublicCache();
      const t0 = performance.now();
      c.run();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    rows.push({
      name: c.name,
      p50: at(0.5),
      p95: at(0.95),
      max: times.at(-1) ?? 0,
      budgetMs: c.budgetMs,
    });
  }

  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`\n${"function".padEnd(width)}   p50 ms   p95 ms   max ms   budget (p95)`);
  for (const r of rows) {
    const flag = r.p95 > r.budgetMs ? "  OVER BUDGET" : "";
    console.log(
      `${r.name.padEnd(width)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.max
        .toFixed(1)
        .padStart(8)}   ${String(r.budgetMs).padStart(6)}${flag}`,
    );
  }
  const out = path.join(dir, `result-${sizeName}.json`);
  fs.writeFileSync(
    out,
    `${JSON.stringify({ size: sizeName, counts, iterations: ITERATIONS, rows }, null, 2)}\n`,
  );
  console.log(`\nResults written to ${out}.`);
  if (sizeName === "large" && rows.some((r) => r.p95 > r.budgetMs)) process.exitCode = 1;
}

/** Deterministic pseudo-random numbers, so every run measures the same data. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Sqlite = import("better-sqlite3").Database;

function generate(sqlite: Sqlite) {
  const rand = random(2026);
  const id = (sql: string, ...args: unknown[]) =>
    Number(sqlite.prepare(sql).run(...args).lastInsertRowid);
  const end = START + size.years - 1;
  const approvedAt = "2026-01-15T10:00:00.000Z";

  const institutionIds: number[] = [];
  for (let i = 1; i <= size.institutions; i++) {
    institutionIds.push(
      id(
        "insert into institutions (country_code, acronym, name, kind) values ('BNL', ?, ?, 'ministry')",
        `INST${i}`,
        `Benchland institution ${i}`,
      ),
    );
  }
  const planId = id(
    `insert into plans (slug, country_code, country_name, title, generation, start_year, end_year,
       status, currency, activated_at) values (?, 'BNL', 'Benchland', 'Benchland NAP 2020–2030', 1, ?, ?,
       'active', 'USD', '2020-01-01T00:00:00.000Z')`,
    SLUG,
    START,
    end,
  );

  // Sex and 30 districts; each indicator is broken down by both, one at a time and crossed.
  const sexId = id(
    "insert into dimensions (plan_id, key, name, position) values (?, 'sex', 'Sex', 0)",
    planId,
  );
  const districtId = id(
    "insert into dimensions (plan_id, key, name, position) values (?, 'district', 'District', 1)",
    planId,
  );
  const addCategory = sqlite.prepare(
    "insert into dimension_categories (dimension_id, key, label, position) values (?, ?, ?, ?)",
  );
  addCategory.run(sexId, "female", "Female", 0);
  addCategory.run(sexId, "male", "Male", 1);
  const districts = Array.from({ length: 30 }, (_, i) => `d${String(i + 1).padStart(2, "0")}`);
  districts.forEach((d, i) => {
    addCategory.run(districtId, d, `District ${i + 1}`, i);
  });
  const breakdowns = [
    "",
    "sex=female",
    "sex=male",
    ...districts.map((d) => `district=${d}`),
    ...districts.flatMap((d) => [`district=${d};sex=female`, `district=${d};sex=male`]),
  ];

  // Quarterly periods over the plan's years.
  const periods: { id: number; code: string; year: number }[] = [];
  for (let year = START; year <= end; year++) {
    for (let q = 1; q <= 4; q++) {
      const month = (q - 1) * 3 + 1;
      const startDate = `${year}-${String(month).padStart(2, "0")}-01`;
      const endDate = `${year}-${String(month + 2).padStart(2, "0")}-28`;
      const code = `${year}Q${q}`;
      periods.push({
        code,
        year,
        id: id(
          `insert into reporting_periods (plan_id, code, type, start_date, end_date, deadline, status)
           values (?, ?, 'quarterly', ?, ?, ?, ?)`,
          planId,
          code,
          startDate,
          endDate,
          endDate,
          year === end && q === 4 ? "open" : "closed",
        ),
      });
    }
  }

  const addIndicator = sqlite.prepare(
    `insert into indicators (plan_id, pillar_id, output_id, code, title, unit, direction,
       baseline_value, baseline_year, end_target, responsible_institution_id, position)
     values (?, ?, ?, ?, ?, 'count', 'increase', ?, ?, ?, ?, ?)`,
  );
  const addTarget = sqlite.prepare(
    "insert into indicator_targets (indicator_id, year, value) values (?, ?, ?)",
  );
  const addDimension = sqlite.prepare(
    "insert into indicator_dimensions (indicator_id, dimension_id) values (?, ?)",
  );
  const addLink = sqlite.prepare(
    "insert into output_institutions (output_id, institution_id, role) values (?, ?, ?)",
  );
  const addMilestone = sqlite.prepare(
    "insert into milestones (output_id, title, due_date, status, position) values (?, ?, ?, 'in_progress', ?)",
  );
  const indicators: { id: number; institution: number }[] = [];
  const outputIds: number[] = [];
  let position = 0;
  for (let p = 1; p <= size.pillars; p++) {
    const pillarId = id(
      "insert into pillars (plan_id, number, title) values (?, ?, ?)",
      planId,
      p,
      `Pillar ${p}`,
    );
    for (let o = 1; o <= size.outputs; o++) {
      const outputId = id(
        "insert into outputs (pillar_id, number, title) values (?, ?, ?)",
        pillarId,
        o,
        `Output ${p}.${o}`,
      );
      outputIds.push(outputId);
      const lead = institutionIds[(p * size.outputs + o) % institutionIds.length] as number;
      addLink.run(outputId, lead, "lead");
      addLink.run(
        outputId,
        institutionIds[(p + o) % institutionIds.length] === lead
          ? institutionIds[(p + o + 1) % institutionIds.length]
          : institutionIds[(p + o) % institutionIds.length],
        "supporting",
      );
      for (let m = 0; m < 3; m++)
        addMilestone.run(outputId, `Milestone ${p}.${o}.${m + 1}`, `${START + m * 3}-06-30`, m);
      for (let i = 1; i <= size.indicators; i++) {
        const baseline = Math.round(rand() * 100);
        const indicatorId = Number(
          addIndicator.run(
            planId,
            pillarId,
            outputId,
            `${p}.${o}.${i}`,
            `Indicator ${p}.${o}.${i}`,
            baseline,
            START - 1,
            baseline * 2,
            lead,
            position++,
          ).lastInsertRowid,
        );
        for (let year = START; year <= end; year++)
          addTarget.run(indicatorId, year, baseline + ((year - START + 1) * baseline) / size.years);
        addDimension.run(indicatorId, sexId);
        addDimension.run(indicatorId, districtId);
        indicators.push({ id: indicatorId, institution: lead });
      }
    }
  }

  // A report per institution and quarter; the approved ones published as observations.
  const addReport = sqlite.prepare(
    `insert into progress_reports (institution_id, period_id, status, submitted_at, approved_at)
     values (?, ?, ?, ?, ?)`,
  );
  const addValue = sqlite.prepare(
    "insert into report_values (report_id, indicator_id, breakdown, value) values (?, ?, ?, ?)",
  );
  const addObservation = sqlite.prepare(
    `insert into observations (indicator_id, period_code, year, breakdown, value, report_id,
       institution_id, approved_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let reportCount = 0;
  let valueCount = 0;
  let observationCount = 0;
  for (const period of periods) {
    const last = period.id === periods.at(-1)?.id;
    for (const institution of institutionIds) {
      const status = last ? (rand() < 0.5 ? "submitted" : "draft") : "approved";
      const reportId = Number(
        addReport.run(
          institution,
          period.id,
          status,
          status === "draft" ? null : approvedAt,
          status === "approved" ? approvedAt : null,
        ).lastInsertRowid,
      );
      reportCount++;
      for (const indicator of indicators.filter((i) => i.institution === institution)) {
        for (const breakdown of breakdowns) {
          const value = Math.round(rand() * 500);
          addValue.run(reportId, indicator.id, breakdown, value);
          valueCount++;
          if (status === "approved") {
            addObservation.run(
              indicator.id,
              period.code,
              period.year,
              breakdown,
              value,
              reportId,
              institution,
              approvedAt,
            );
            observationCount++;
          }
        }
      }
    }
  }

  // Yearly action plans with activities under the outputs.
  const addActionPlan = sqlite.prepare(
    "insert into action_plans (plan_id, institution_id, year, status) values (?, ?, ?, ?)",
  );
  const addActivity = sqlite.prepare(
    `insert into activities (action_plan_id, output_id, description, quarters, budget_needed,
       budget_allocated, amount_spent, status, position) values (?, ?, ?, 15, ?, ?, ?, 'in_progress', ?)`,
  );
  let activityCount = 0;
  for (let year = START; year <= end; year++) {
    for (const institution of institutionIds) {
      const actionPlanId = Number(
        addActionPlan.run(planId, institution, year, year === end ? "submitted" : "approved")
          .lastInsertRowid,
      );
      for (let a = 0; a < size.activities; a++) {
        const needed = Math.round(rand() * 1_000_000);
        addActivity.run(
          actionPlanId,
          outputIds[(a + institution) % outputIds.length],
          `Activity ${a + 1}`,
          needed,
          Math.round(needed * rand()),
          Math.round(needed * rand() * 0.5),
          a,
        );
        activityCount++;
      }
    }
  }

  return {
    indicators: indicators.length,
    periods: periods.length,
    reports: reportCount,
    "report values": valueCount,
    observations: observationCount,
    activities: activityCount,
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
