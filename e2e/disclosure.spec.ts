/**
 * Disclosure control, checked from outside as an attacker would: for the sensitive 3.1.b (SGBV
 * cases by sex and by district, each adding up to the total), nothing public shows a count from
 * 1 to 4, and no withheld cell can be recovered from what is published by any linear
 * combination of the published cells and the additive relations (total = sum of each breakdown).
 * The true figures are read from the database to know what must stay hidden.
 */
import { expect, test } from "./fixtures";
import { queryDb } from "./support";

const PLAN = "rwanda-2018-2022";
const DATA = `/api/v1/plans/${PLAN}/indicators/3.1.b`;

type Published = {
  period: string;
  disaggregation: Record<string, string>;
  value: number | null;
  suppressed: boolean;
};

/** The approved cells of 3.1.b as stored: period → breakdown key ("" or "district=huye") → value. */
function storedCells() {
  const rows = queryDb<{ period: string; breakdown: string; value: number }>(
    `select o.period_code as period, o.breakdown, o.value from observations o
       join indicators i on i.id = o.indicator_id join plans p on p.id = i.plan_id
      where p.slug = ? and i.code = '3.1.b' and o.value is not null`,
    PLAN,
  );
  const byPeriod = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const cells = byPeriod.get(row.period) ?? new Map<string, number>();
    cells.set(row.breakdown, row.value);
    byPeriod.set(row.period, cells);
  }
  return byPeriod;
}

/** Rank of a matrix (rows of numbers), by Gaussian elimination. */
function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let r = 0;
  const columns = m[0]?.length ?? 0;
  for (let c = 0; c < columns && r < m.length; c++) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i++)
      if (Math.abs(m[i]?.[c] ?? 0) > Math.abs(m[pivot]?.[c] ?? 0)) pivot = i;
    if (Math.abs(m[pivot]?.[c] ?? 0) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
    const top = m[r] as number[];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const row = m[i] as number[];
      const f = (row[c] ?? 0) / (top[c] ?? 1);
      for (let j = c; j < columns; j++) row[j] = (row[j] ?? 0) - f * (top[j] ?? 0);
    }
    r += 1;
  }
  return r;
}

/**
 * The withheld cells that the published ones determine. Unknowns are the cells not published;
 * each relation "total = sum of the categories of one dimension" becomes a row over the
 * unknowns. Cell k is determined exactly when the unit vector e_k lies in the row space.
 */
function recoverable(keys: string[], published: Set<string>): string[] {
  const unknown = keys.filter((k) => !published.has(k));
  const dims = new Set(keys.filter((k) => k !== "").map((k) => k.split("=")[0] as string));
  const relations = [...dims].map((dim) => {
    const members = keys.filter((k) => k.startsWith(`${dim}=`));
    return unknown.map((k) => (k === "" ? 1 : members.includes(k) ? -1 : 0));
  });
  const rows = relations.filter((row) => row.some((x) => x !== 0));
  if (rows.length === 0) return [];
  const base = rank(rows);
  return unknown.filter(
    (_, i) => rank([...rows, unknown.map((__, j) => (j === i ? 1 : 0))]) === base,
  );
}

const keyOf = (disaggregation: Record<string, string>, labels: Map<string, string>) =>
  Object.entries(disaggregation)
    .map(([dim, label]) => `${dim}=${labels.get(`${dim}/${label}`) ?? label}`)
    .join(";");

test("no withheld 3.1.b count can be read or derived from data.json, data.csv, the plan tree or the page", async ({
  request,
  page,
}) => {
  const stored = storedCells();
  expect(stored.size, "the demo has approved 3.1.b figures").toBeGreaterThan(0);
  const labels = new Map(
    queryDb<{ dim: string; key: string; label: string }>(
      `select d.key as dim, c.key, c.label from dimension_categories c
         join dimensions d on d.id = c.dimension_id join plans p on p.id = d.plan_id
        where p.slug = ?`,
      PLAN,
    ).map((r) => [`${r.dim}/${r.label}`, `${r.key}`]),
  );

  const json = (await (await request.get(`${DATA}/data.json`)).json()) as {
    data: { observations: Published[] };
  };
  const csv = (await (await request.get(`${DATA}/data.csv`)).text()).trim().split("\n");
  const header = (csv[0] ?? "").split(",");
  const csvValues = new Map<string, number>();
  for (const line of csv.slice(1)) {
    const cells = line.split(",");
    const year = cells[0];
    const parts: Record<string, string> = {};
    header.slice(1, -1).forEach((name, i) => {
      const value = cells[i + 1];
      if (value) parts[name.toLowerCase()] = value;
    });
    csvValues.set(`${year}|${keyOf(parts, labels)}`, Number(cells[cells.length - 1]));
  }

  let withheld = 0;
  for (const [period, cells] of stored) {
    const year = period.slice(0, 4);
    const mine = json.data.observations.filter((o) => o.period === period);
    const published = new Set<string>();
    for (const o of mine) {
      const key = keyOf(o.disaggregation, labels);
      if (o.suppressed || o.value === null) {
        expect(o.value, `${period} ${key}`).toBeNull();
        continue;
      }
      published.add(key);
      // What is published is the true figure, and never a small count.
      expect(o.value, `${period} ${key}`).toBe(cells.get(key));
      expect(o.value < 1 || o.value > 4, `${period} ${key} = ${o.value}`).toBe(true);
    }
    for (const [key, value] of cells) {
      if (value >= 1 && value <= 4) expect(published.has(key), `${period} ${key}`).toBe(false);
      // The CSV publishes exactly what the JSON does.
      if (published.has(key)) expect(csvValues.get(`${year}|${key}`)).toBe(value);
      else expect(csvValues.has(`${year}|${key}`), `${period} ${key} in the CSV`).toBe(false);
    }
    withheld += cells.size - published.size;
    expect(recoverable([...cells.keys()], published), period).toEqual([]);
  }
  // The demo's small district counts are withheld, each with at least one other cell.
  expect(withheld).toBeGreaterThanOrEqual(2 * stored.size);

  const tree = (await (await request.get(`/api/v1/plans/${PLAN}`)).json()) as {
    data: {
      pillars: {
        outputs: { indicators: { code: string; latest: { value: number | null } | null }[] }[];
      }[];
    };
  };
  const latest = tree.data.pillars
    .flatMap((p) => p.outputs)
    .flatMap((o) => o.indicators)
    .find((i) => i.code === "3.1.b")?.latest?.value;
  expect(latest === null || latest === undefined || latest > 4).toBe(true);

  await page.goto(`/plans/${PLAN}/indicators/3.1.b`);
  await expect(page.getByText(/Counts from 1 to 4 are not shown/).first()).toBeVisible();
  await page.screenshot({ path: "test-results/disclosure-3.1.b.png", fullPage: true });
});
