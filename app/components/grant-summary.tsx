import type { ReactNode } from "react";
import type { Finding, GrantResult } from "~/domain/grant-calculation";
import { formatYen } from "~/domain/money";
import { fieldId } from "./forms";

/**
 * A–E, the rate, the grant and the applicant's share, the formula in words, and every finding linked to
 * its field. The same panel in the simulator and in the application form.
 */
export function GrantSummary({
  title,
  result,
  findings,
  menu1,
  missingParameters = false,
  children,
}: {
  title: string;
  result: GrantResult;
  findings: Finding[];
  menu1: boolean;
  missingParameters?: boolean;
  children?: ReactNode;
}) {
  const share = menu1 ? "地方負担額" : "自己負担額";
  return (
    <section aria-labelledby="result-heading" className="h-fit space-y-4 rounded-12 border border-solid-gray-420 bg-solid-gray-50 p-6 lg:sticky lg:top-4">
      <h2 id="result-heading" tabIndex={-1} className="text-std-20B-150">
        {title}
      </h2>
      <p aria-live="polite" className="text-std-24B-150">
        交付額 <span data-testid="grant-amount">{formatYen(result.grantAmount)}</span>
      </p>
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-dns-16N-130">
        <Figure term="A 総事業費" value={result.totalProjectCost} />
        <Figure term="B 寄付金その他の収入額" value={result.otherIncome} />
        <Figure term="C 対象経費" value={result.eligibleExpenses} />
        <Figure term="D 交付基準額" value={result.baseAmount} />
        <Figure term="E 選定額" value={result.selectedAmount} />
        <dt>交付率</dt>
        <dd className="text-right">
          {result.rate.numerator}/{result.rate.denominator}
        </dd>
        <Figure term="交付上限額" value={result.ceiling} />
        <Figure term="交付額" value={result.grantAmount} strong />
        <Figure term={share} value={result.applicantShare} />
      </dl>
      {children}
      <div className="space-y-2 text-dns-16N-130">
        <h3 className="text-std-16B-170">計算の仕方</h3>
        <p>
          選定額（E）は、対象経費（C）{formatYen(result.eligibleExpenses)}、総事業費から収入を引いた額（A−B）
          {formatYen(Math.max(0, result.totalProjectCost - result.otherIncome))}、交付基準額（D）{formatYen(result.baseAmount)}
          のうち最も少ない額で、{formatYen(result.selectedAmount)}です。
        </p>
        <p>
          交付額は、選定額に交付率 {result.rate.numerator}/{result.rate.denominator} を掛け、1,000円未満を切り捨てた
          {formatYen(result.grantAmount)}です（上限 {formatYen(result.ceiling)}）。{share}は対象経費から交付額を引いた
          {formatYen(result.applicantShare)}です。
        </p>
        {missingParameters ? <p className="text-error-2">この年度・事業区分の交付要件は登録されていません。</p> : null}
      </div>
      <Findings findings={findings} />
    </section>
  );
}

function Figure({ term, value, strong = false }: { term: string; value: number; strong?: boolean }) {
  return (
    <>
      <dt className={strong ? "font-bold" : undefined}>{term}</dt>
      <dd className={`text-right tabular-nums ${strong ? "font-bold" : ""}`}>{formatYen(value)}</dd>
    </>
  );
}

export function Findings({ findings }: { findings: Finding[] }) {
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  if (findings.length === 0) {
    return <p className="text-dns-16N-130 text-success-2">指摘事項はありません。</p>;
  }
  return (
    <div className="space-y-3">
      {errors.length > 0 && <FindingList title={`修正が必要な項目（${errors.length}件）`} tone="text-error-2" findings={errors} />}
      {warnings.length > 0 && <FindingList title={`確認事項（${warnings.length}件）`} tone="text-orange-1000" findings={warnings} />}
    </div>
  );
}

function FindingList({ title, tone, findings }: { title: string; tone: string; findings: Finding[] }) {
  return (
    <div>
      <h3 className={`text-std-16B-170 ${tone}`}>{title}</h3>
      <ul className="list-disc space-y-1 pl-5 text-dns-16N-130">
        {findings.map((f, i) => (
          <li key={`${f.code}-${f.path}-${i}`} data-finding={f.code}>
            <a href={`#${fieldId(f.path)}`} className="underline">
              {f.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
