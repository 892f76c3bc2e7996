import { TableScroll } from "@/app/_components/table-scroll";
import type { Totals } from "@/lib/action-plans/data";
import { formatValue } from "@/lib/format";

/** Money in the plan's currency, as everywhere else in the app. */
export const moneyIn = (currency: string) => (value: number | null | undefined) =>
  formatValue(value, "currency", currency);

/** Needed, allocated, spent and unfunded, as a short list of figures. */
export function BudgetSummary({
  totals,
  currency,
  label,
  spentText,
}: {
  totals: Totals;
  currency: string;
  label: string;
  /** Shown instead of the amount spent (e.g. "Not reported yet"). */
  spentText?: string;
}) {
  const money = moneyIn(currency);
  return (
    <dl className="budget-summary" aria-label={label}>
      <div>
        <dt>Budget needed</dt>
        <dd>{money(totals.needed)}</dd>
      </div>
      <div>
        <dt>Allocated</dt>
        <dd>{money(totals.allocated)}</dd>
      </div>
      <div>
        <dt>Spent</dt>
        <dd>{spentText ?? money(totals.spent)}</dd>
      </div>
      <div className="budget-gap">
        <dt>Unfunded</dt>
        <dd>{money(totals.unfunded)}</dd>
      </div>
    </dl>
  );
}

/** Spent may be null: no spending reported yet (shown as "—", not as zero). */
type Row = Omit<Totals, "spent"> & { spent: number | null; key: string | number; label: string };

/** One table of totals (by output, pillar or institution), with the unfunded part. */
export function BudgetTable({
  caption,
  head,
  rows,
  currency,
}: {
  caption: string;
  head: string;
  rows: Row[];
  currency: string;
}) {
  const money = moneyIn(currency);
  if (rows.length === 0) return <p>No activities yet.</p>;
  return (
    <TableScroll label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col" className="num">
              Activities
            </th>
            <th scope="col" className="num">
              Needed
            </th>
            <th scope="col" className="num">
              Allocated
            </th>
            <th scope="col" className="num">
              Spent
            </th>
            <th scope="col" className="num">
              Unfunded
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="num">{row.activities}</td>
              <td className="num nowrap">{money(row.needed)}</td>
              <td className="num nowrap">{money(row.allocated)}</td>
              <td className="num nowrap">{money(row.spent)}</td>
              <td className="num nowrap">{money(row.unfunded)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export const UNFUNDED_NOTE =
  "Unfunded: the budget needed minus the budget allocated, counted per activity and never below zero, so money allocated beyond one activity's need does not hide another's gap.";
