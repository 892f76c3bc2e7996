import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CellPairs, suppressTable, tableRelations } from "./disclosure";

const THRESHOLD = 5;

/**
 * The attacker, written independently of the code under test: the relations are built here from
 * the grid's shape, and a withheld cell counts as recovered when adding its unit vector to the
 * relation rows (restricted to withheld cells) does not raise their rank, i.e. some linear
 * combination of relations and published cells equals it. Floating point with partial pivoting.
 */
function rank(matrix: number[][]): number {
  const rows = matrix.map((r) => [...r]);
  const width = rows[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < width && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++)
      if (Math.abs(rows[i]?.[c] ?? 0) > Math.abs(rows[best]?.[c] ?? 0)) best = i;
    if (Math.abs(rows[best]?.[c] ?? 0) < 1e-9) continue;
    [rows[r], rows[best]] = [rows[best] as number[], rows[r] as number[]];
    const pivot = rows[r] as number[];
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const row = rows[i] as number[];
      const f = (row[c] as number) / (pivot[c] as number);
      for (let k = c; k < width; k++) row[k] = (row[k] as number) - f * (pivot[k] as number);
    }
    r++;
  }
  return r;
}

/** Indices of withheld cells a linear combination of `equations` (whole − Σ parts) recovers. */
function recoverable(equations: number[][], withheld: boolean[]): number[] {
  const cols = withheld.flatMap((w, i) => (w ? [i] : []));
  const restricted = equations.map((eq) => cols.map((c) => eq[c] as number));
  const base = rank(restricted);
  return cols.filter((_, j) => {
    const unit = cols.map((_, k) => (k === j ? 1 : 0));
    return rank([...restricted, unit]) === base;
  });
}

type Grid = { cells: CellPairs[]; values: number[]; equations: number[][] };

/** A 1-D breakdown (sex or district), with or without its total. */
function oneDimension(parts: number[], withTotal: boolean): Grid {
  const cells: CellPairs[] = parts.map((_, i) => ({ district: `d${i}` }));
  const values = [...parts];
  const equations: number[][] = [];
  if (withTotal) {
    cells.push({});
    values.push(parts.reduce((a, b) => a + b, 0));
    const eq = values.map((_, i) => (i === values.length - 1 ? 1 : -1));
    equations.push(eq);
  }
  return { cells, values, equations };
}

/** A 2-D grid (district × sex) with any of: row margins, column margins, the grand total. */
function twoDimensions(
  grid: number[][],
  margins: { rows: boolean; columns: boolean; total: boolean },
): Grid {
  const cells: CellPairs[] = [];
  const values: number[] = [];
  const at = new Map<string, number>();
  const put = (pairs: CellPairs, value: number) => {
    at.set(JSON.stringify(pairs), cells.length);
    cells.push(pairs);
    values.push(value);
  };
  const width = grid[0]?.length ?? 0;
  grid.forEach((row, i) => {
    row.forEach((v, j) => {
      put({ district: `d${i}`, sex: `s${j}` }, v);
    });
  });
  const rowSum = (i: number) => (grid[i] as number[]).reduce((a, b) => a + b, 0);
  const colSum = (j: number) => grid.reduce((a, row) => a + (row[j] as number), 0);
  if (margins.rows) for (let i = 0; i < grid.length; i++) put({ district: `d${i}` }, rowSum(i));
  if (margins.columns) for (let j = 0; j < width; j++) put({ sex: `s${j}` }, colSum(j));
  if (margins.total)
    put(
      {},
      grid.reduce((a, _, i) => a + rowSum(i), 0),
    );
  const id = (pairs: CellPairs) => at.get(JSON.stringify(pairs));
  const equations: number[][] = [];
  const equation = (whole: number | undefined, parts: (number | undefined)[]) => {
    if (whole === undefined) return;
    const eq = values.map(() => 0);
    eq[whole] = 1;
    for (const p of parts) if (p !== undefined) eq[p] = -1;
    equations.push(eq);
  };
  const rows = grid.map((_, i) => i);
  const columns = [...Array(width).keys()];
  for (const i of rows)
    equation(
      id({ district: `d${i}` }),
      columns.map((j) => id({ district: `d${i}`, sex: `s${j}` })),
    );
  for (const j of columns)
    equation(
      id({ sex: `s${j}` }),
      rows.map((i) => id({ district: `d${i}`, sex: `s${j}` })),
    );
  const total = id({});
  if (total !== undefined) {
    equation(
      total,
      rows.flatMap((i) => columns.map((j) => id({ district: `d${i}`, sex: `s${j}` }))),
    );
    if (margins.rows)
      equation(
        total,
        rows.map((i) => id({ district: `d${i}` })),
      );
    if (margins.columns)
      equation(
        total,
        columns.map((j) => id({ sex: `s${j}` })),
      );
  }
  return { cells, values, equations };
}

function protect(grid: Grid) {
  const withheld = suppressTable(grid.values, tableRelations(grid.cells), THRESHOLD);
  return { withheld, recovered: recoverable(grid.equations, withheld) };
}

// Counts skewed small so that many grids have small cells (0–4) next to large ones.
const count = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 200 }));

describe("complementary suppression (property-based)", () => {
  it("leaves no withheld cell of a 1-D breakdown recoverable, with or without its total", () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 1, maxLength: 8 }), fc.boolean(), (parts, total) => {
        const grid = oneDimension(parts, total);
        const { withheld, recovered } = protect(grid);
        expect(recovered).toEqual([]);
        grid.values.forEach((v, i) => {
          if (v > 0 && v < THRESHOLD) expect(withheld[i]).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("leaves no withheld cell of a 2-D grid recoverable, with any margins or none", () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 })).chain(([r, c]) =>
          fc.array(fc.array(count, { minLength: c, maxLength: c }), {
            minLength: r,
            maxLength: r,
          }),
        ),
        fc.record({ rows: fc.boolean(), columns: fc.boolean(), total: fc.boolean() }),
        (values, margins) => {
          const grid = twoDimensions(values, margins);
          const { withheld, recovered } = protect(grid);
          expect(recovered).toEqual([]);
          grid.values.forEach((v, i) => {
            if (v > 0 && v < THRESHOLD) expect(withheld[i]).toBe(true);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("withholds nothing when no cell is small", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 5, max: 500 })), {
            minLength: 3,
            maxLength: 3,
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (values) => {
          const { withheld } = protect(
            twoDimensions(values, { rows: true, columns: true, total: true }),
          );
          expect(withheld.some(Boolean)).toBe(false);
        },
      ),
    );
  });
});

describe("complementary suppression (worked examples)", () => {
  it("3.1.b: total 49, Men 46, Women 3 — withholding Women alone gives it away, so Men goes too", () => {
    const cells: CellPairs[] = [{}, { sex: "male" }, { sex: "female" }];
    const values = [49, 46, 3];
    // Cell by cell (the old rule) only Women would go, and 49 − 46 = 3.
    expect(recoverable([[1, -1, -1]], [false, false, true])).toEqual([2]);
    const withheld = suppressTable(values, tableRelations(cells), THRESHOLD);
    expect(withheld).toEqual([false, true, true]);
    expect(recoverable([[1, -1, -1]], withheld)).toEqual([]);
  });

  it("withholds the total when it is the only other cell of its relation", () => {
    const withheld = suppressTable([3, 3], tableRelations([{}, { sex: "female" }]), THRESHOLD);
    expect(withheld).toEqual([true, true]);
  });

  it("protects a 2×2 grid with margins: one small cell takes its row, column and the opposite cell", () => {
    // district × sex, margins and total:   m    f  | row
    //                              d0:    3   40  |  43
    //                              d1:   20   30  |  50
    //                             col:   23   70  |  93
    const cells: CellPairs[] = [
      { district: "d0", sex: "m" },
      { district: "d0", sex: "f" },
      { district: "d1", sex: "m" },
      { district: "d1", sex: "f" },
      { district: "d0" },
      { district: "d1" },
      { sex: "m" },
      { sex: "f" },
      {},
    ];
    const withheld = suppressTable([3, 40, 20, 30, 43, 50, 23, 70, 93], tableRelations(cells), 5);
    expect(withheld.slice(0, 4)).toEqual([true, true, true, true]);
    expect(withheld.slice(4)).toEqual([false, false, false, false, false]);
  });

  it("uses parent categories: a province is the total of its districts", () => {
    const parents = new Map([
      ["district=gasabo", { dimension: "province", category: "kigali" }],
      ["district=kicukiro", { dimension: "province", category: "kigali" }],
    ]);
    const cells: CellPairs[] = [
      { province: "kigali" },
      { district: "gasabo" },
      { district: "kicukiro" },
    ];
    const relations = tableRelations(cells, parents);
    expect(relations).toEqual([{ whole: 0, parts: [1, 2] }]);
    expect(suppressTable([50, 2, 48], relations, THRESHOLD)).toEqual([false, true, true]);
  });
});
