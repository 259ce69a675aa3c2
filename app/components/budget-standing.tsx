import { remainingAfter, remainingBudget, type BudgetStanding } from "~/domain/ledger";
import { formatYen } from "~/domain/money";
import { PROGRAMME_NAMES, type Programme } from "~/domain/programmes";
import { fiscalYearLabel } from "~/domain/wareki";

/**
 * 予算の状況: the programme-year's budget, what the applications are committed to (the figures the decision
 * checks under its lock), and what is left. Given `amount` (the amount being decided), also what would be
 * left after it — or by how much it would go over.
 */
export function BudgetStandingPanel({
  standing,
  programme,
  fiscalYear,
  amount,
}: {
  standing: BudgetStanding;
  programme: Programme;
  fiscalYear: number;
  /** The amount the form now holds, or null when it cannot be read; undefined shows no "after" figure. */
  amount?: number | null;
}) {
  const after = amount === undefined || amount === null ? null : remainingAfter(standing, amount);
  return (
    <section aria-labelledby="budget-standing-heading" className="space-y-3 rounded-12 border border-solid-gray-420 bg-solid-gray-50 p-4">
      <h2 id="budget-standing-heading" className="text-std-18B-160">
        予算の状況（{fiscalYearLabel(fiscalYear)}・{PROGRAMME_NAMES[programme]}）
      </h2>
      <dl className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 gap-y-1 text-dns-16N-130">
        <dt>予算額</dt>
        <dd className="text-right tabular-nums" data-testid="budget-total">
          {formatYen(standing.total)}
        </dd>
        <dt>他の申請の交付決定額</dt>
        <dd className="text-right tabular-nums" data-testid="budget-committed-elsewhere">
          {formatYen(standing.committedElsewhere)}
        </dd>
        {amount === undefined ? (
          <>
            <dt>この申請の交付決定額</dt>
            <dd className="text-right tabular-nums" data-testid="budget-committed-here">
              {formatYen(standing.committedHere)}
            </dd>
          </>
        ) : null}
        <dt className="font-bold">{amount === undefined ? "残額" : "残額（この申請を除く）"}</dt>
        <dd className="text-right font-bold tabular-nums" data-testid="budget-remaining">
          {formatYen(amount === undefined ? remainingBudget(standing) : standing.total - standing.committedElsewhere)}
        </dd>
        {amount !== undefined ? (
          <>
            <dt className="font-bold">この交付決定後の残額</dt>
            <dd
              aria-live="polite"
              className={`text-right font-bold tabular-nums ${after !== null && after < 0 ? "text-error-2" : ""}`}
              data-testid="budget-after"
            >
              {after === null ? "—" : after < 0 ? `${formatYen(-after)}の超過` : formatYen(after)}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
