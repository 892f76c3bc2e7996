/**
 * Disclosure control for sensitive indicators: which cells of one published table (the approved
 * observations of one indicator in one period) are withheld so that no small count can be read,
 * or worked out from what is published.
 *
 * Method (stated on the indicator page and in the README, "Small counts"):
 * 1. Primary suppression: every cell with 0 < value < threshold is withheld.
 * 2. Complementary suppression: the table's additive relations are every cell that equals the sum
 *    of its parts: the total over each dimension or set of dimensions (a grid's margins and grand
 *    total too, with or without the margins), and a
 *    parent category (a province) over its children (its districts). A relation with exactly one
 *    withheld cell would give it away by subtraction, so the smallest other cell of that relation
 *    is withheld too, until each relation has none or at least two.
 * 3. Check: a withheld cell is derivable when its unit vector lies in the row space of the
 *    relations restricted to the withheld cells (then some linear combination of relations and
 *    published cells equals it). Exact integer Gaussian elimination finds such cells; while one
 *    exists, the smallest published cell whose withholding protects it is withheld as well (all
 *    cells, as a last resort). Two-dimension grids need this: cells withheld two per row and
 *    column can still be recovered when they chain rows and columns together badly.
 *
 * This is pure: no database. Absent cells count as known (zero), which only withholds more.
 */

/** The method in one sentence, for the indicator page and the card of a sensitive indicator. */
export function describeDisclosureMethod(threshold: number): string {
  return `Counts from 1 to ${threshold - 1} are not shown, and neither are as many other figures of the same period (a total, or the next-smallest category) as it takes for none of them to be worked out by adding or subtracting the published figures.`;
}

/** A cell's position: its breakdown pairs, e.g. `{ sex: "female", district: "gasabo" }`. */
export type CellPairs = Readonly<Record<string, string>>;

/** A category's parent in an earlier dimension, keyed `dimension=category`. */
export type CategoryParents = ReadonlyMap<string, { dimension: string; category: string }>;

/** One additive relation: `whole` = sum of `parts` (indices into the table's cells). */
export type Relation = { whole: number; parts: number[] };

function canonical(pairs: CellPairs): string {
  return Object.keys(pairs)
    .sort()
    .map((d) => `${d}=${pairs[d]}`)
    .join(";");
}

/** Every additive relation among the cells of one table (totals over each dimension, parents). */
export function tableRelations(
  cells: readonly CellPairs[],
  parents: CategoryParents = new Map(),
): Relation[] {
  const index = new Map(cells.map((pairs, i) => [canonical(pairs), i]));
  const categories = new Map<string, Set<string>>();
  for (const pairs of cells)
    for (const [d, c] of Object.entries(pairs)) {
      if (!categories.has(d)) categories.set(d, new Set());
      categories.get(d)?.add(c);
    }
  const relations: Relation[] = [];
  const seen = new Set<string>();
  const add = (whole: number, parts: number[]) => {
    if (parts.length === 0) return;
    const key = `${whole}:${[...parts].sort((a, b) => a - b).join(",")}`;
    if (seen.has(key)) return;
    seen.add(key);
    relations.push({ whole, parts });
  };
  const find = (pairs: Record<string, string>) => index.get(canonical(pairs));
  cells.forEach((pairs, whole) => {
    // The cell is the total of its breakdown by each set of dimensions it does not fix: by one
    // (a margin over its row), by two at once (the grand total over a grid's inner cells) …
    const fixed = Object.keys(pairs);
    const groups = new Map<string, number[]>();
    cells.forEach((other, part) => {
      const extra = Object.keys(other).filter((d) => !(d in pairs));
      if (extra.length === 0 || !fixed.every((d) => other[d] === pairs[d])) return;
      const group = extra.sort().join(",");
      groups.set(group, [...(groups.get(group) ?? []), part]);
    });
    for (const parts of groups.values()) add(whole, parts);
    // A parent category (province) is the total of its children (districts) in a later dimension.
    for (const [d, c] of Object.entries(pairs))
      for (const [childDimension, values] of categories) {
        if (childDimension in pairs) continue;
        const children = [...values].filter((k) => {
          const parent = parents.get(`${childDimension}=${k}`);
          return parent?.dimension === d && parent.category === c;
        });
        if (children.length === 0) continue;
        const { [d]: _dropped, ...rest } = pairs;
        const parts = children
          .map((k) => find({ ...rest, [childDimension]: k }))
          .filter((i): i is number => i !== undefined);
        add(whole, parts);
      }
  });
  return relations;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x;
}

/**
 * The withheld cells that the relations and the published cells determine uniquely: those whose
 * unit vector lies in the row space of the relation matrix restricted to the withheld columns.
 * Fraction-free elimination over integers (BigInt, rows divided by their gcd), so it is exact.
 */
export function derivableCells(relations: readonly Relation[], withheld: readonly boolean[]) {
  const columns = withheld.flatMap((w, i) => (w ? [i] : []));
  const column = new Map(columns.map((c, j) => [c, j]));
  const rows: bigint[][] = [];
  for (const { whole, parts } of relations) {
    const row = new Array<bigint>(columns.length).fill(0n);
    let any = false;
    for (const [cell, coefficient] of [
      [whole, 1n],
      ...parts.map((p) => [p, -1n] as const),
    ] as const) {
      const j = column.get(cell);
      if (j === undefined) continue;
      row[j] = (row[j] ?? 0n) + coefficient;
      any = true;
    }
    if (any) rows.push(row);
  }
  const pivotRow = new Map<number, bigint[]>();
  let rank = 0;
  for (let j = 0; j < columns.length && rank < rows.length; j++) {
    const r = rows.findIndex((row, i) => i >= rank && row[j] !== 0n);
    if (r < 0) continue;
    [rows[rank], rows[r]] = [rows[r] as bigint[], rows[rank] as bigint[]];
    const pivot = rows[rank] as bigint[];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as bigint[];
      if (i === rank || row[j] === 0n) continue;
      const factor = row[j] as bigint;
      const p = pivot[j] as bigint;
      let g = 0n;
      for (let k = 0; k < row.length; k++) {
        row[k] = (row[k] as bigint) * p - (pivot[k] as bigint) * factor;
        g = gcd(g, row[k] as bigint);
      }
      if (g > 1n) for (let k = 0; k < row.length; k++) row[k] = (row[k] as bigint) / g;
    }
    pivotRow.set(j, pivot);
    rank++;
  }
  return columns.filter((_, j) => {
    const row = pivotRow.get(j);
    return row?.every((v, k) => k === j || v === 0n) ?? false;
  });
}

/**
 * Which cells of one table the public may not see (true = withheld). `values` are the cells'
 * approved values, `relations` from `tableRelations`.
 */
export function suppressTable(
  values: readonly number[],
  relations: readonly Relation[],
  threshold: number,
): boolean[] {
  const withheld = values.map((v) => v > 0 && v < threshold);
  if (!withheld.some(Boolean)) return withheld;
  // Smallest value first; on a tie a part before its total, then the earlier cell.
  const wholes = new Set(relations.map((r) => r.whole));
  const order = (a: number, b: number) =>
    (values[a] as number) - (values[b] as number) ||
    Number(wholes.has(a)) - Number(wholes.has(b)) ||
    a - b;

  let changed = true;
  while (changed) {
    changed = false;
    for (const { whole, parts } of relations) {
      const members = [whole, ...parts];
      if (members.filter((i) => withheld[i]).length !== 1) continue;
      const next = members.filter((i) => !withheld[i]).sort(order)[0];
      if (next === undefined) continue;
      withheld[next] = true;
      changed = true;
    }
  }

  const published = () =>
    values.flatMap((_, i) => (withheld[i] ? [] : [i])).sort(order) as number[];
  for (let exposed = derivableCells(relations, withheld); exposed.length > 0; ) {
    const target = exposed[0] as number;
    const fix = published().find((candidate) => {
      withheld[candidate] = true;
      const protects = !derivableCells(relations, withheld).includes(target);
      withheld[candidate] = false;
      return protects;
    });
    if (fix === undefined) return values.map(() => true);
    withheld[fix] = true;
    exposed = derivableCells(relations, withheld);
  }
  return withheld;
}
