import { Link } from "@remix-run/react";
import { formatYen } from "~/domain/money";
import { CHARGE_NAMES, DOCUMENT_TITLES, latestOf, withdrawalDeadline, type ProceedingRecord } from "~/domain/proceedings";
import { claimLabel } from "~/domain/claims";
import { type Ledger } from "~/domain/ledger";
import type { RepaymentStanding } from "~/domain/subsidy-charges";
import { formatWarekiDate } from "~/domain/wareki";
import { stepHeading, type StepAction } from "~/domain/steps";
import { Section } from "./application-fields";

export interface ProceedingItem {
  id: number;
  amount: number;
  recorded_by_name: string;
  record: ProceedingRecord;
}

function label(record: ProceedingRecord): string {
  if (record.kind === "charge_receipt") return `${CHARGE_NAMES[record.charge]}の受領`;
  if (record.kind === "payment") {
    if (record.direction === "returned") return "返還の受領";
    return record.claim ? `支払（${claimLabel(record.claim)}）` : "支払";
  }
  return DOCUMENT_TITLES[record.kind] ?? record.kind;
}

/** The day a record is dated: a payment's or receipt's own day, otherwise its document's. */
const recordDate = (record: ProceedingRecord) =>
  record.kind === "payment" ? record.paidOn : record.kind === "charge_receipt" ? record.receivedOn : record.documentDate;

/** Records that carry no amount of their own. */
const WITHOUT_AMOUNT: ReadonlySet<ProceedingRecord["kind"]> = new Set([
  "rejection",
  "change_refusal",
  "withdrawal",
  "minor_change",
  "discontinuation_refusal",
  "status_report_request",
]);

/** The money so far (decided, claimed, paid, returned, confirmed), and the amount applied for when given. */
export function LedgerFigures({ ledger, requestedAmount }: { ledger: Ledger; requestedAmount?: number }) {
  const figures: [string, number | null][] = [
    ...(requestedAmount === undefined ? [] : [["交付申請額", requestedAmount] as [string, number]]),
    ["交付決定額", ledger.decidedAmount],
    ["概算払請求額", ledger.claimed],
    ["支払済み", ledger.paid],
    ["返還済み", ledger.returned],
    ["確定額", ledger.confirmedAmount],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-8 bg-solid-gray-50 p-4 sm:grid-cols-3 lg:grid-cols-6">
      {figures.map(([name, amount]) => (
        <div key={name}>
          <dt className="text-dns-14N-130 text-solid-gray-700">{name}</dt>
          <dd className="text-std-16B-170">{amount === null ? "—" : formatYen(amount)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The latest return order: what it ordered, what came back, what is unpaid, and the 延滞金 so far (docs/domain.md §5). */
export function RepaymentFigures({ repayment }: { repayment: RepaymentStanding }) {
  const figures: [string, string][] = [
    ["返還を命じた額", formatYen(repayment.ordered)],
    ["納期限", formatWarekiDate(repayment.dueOn)],
    ["返還を受けた額", formatYen(repayment.returned)],
    ["未納額", formatYen(repayment.unpaid)],
    // Returned in full by the due date: nothing accrued, and no day to count to.
    [repayment.unpaid === 0 && repayment.lateCharge === 0 ? "延滞金" : `延滞金（${formatWarekiDate(repayment.asOf)}まで）`, formatYen(repayment.lateCharge)],
    // After a cancellation the money returned also bears 加算金 from the day it was received.
    ...(repayment.additionalCharge === null
      ? []
      : [[repayment.unpaid === 0 ? "加算金" : `加算金（${formatWarekiDate(repayment.asOf)}まで）`, formatYen(repayment.additionalCharge)] as [string, string]]),
    // What of the charges has come in, and what has not.
    ...(repayment.lateCharge + (repayment.additionalCharge ?? 0) > 0
      ? [
          ["延滞金・加算金の受領額", formatYen(repayment.received.late + repayment.received.additional)] as [string, string],
          ["延滞金・加算金の未納額", formatYen(repayment.outstanding.late + repayment.outstanding.additional)] as [string, string],
        ]
      : []),
  ];
  return (
    <section aria-labelledby="repayment-heading" className="space-y-2">
      <h3 id="repayment-heading" className="text-std-18B-160">
        返還命令の状況
      </h3>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-8 bg-solid-gray-50 p-4 sm:grid-cols-3 lg:grid-cols-6">
        {figures.map(([name, value]) => (
          <div key={name}>
            <dt className="text-dns-14N-130 text-solid-gray-700">{name}</dt>
            <dd className="text-std-16B-170">{value}</dd>
          </div>
        ))}
      </dl>
      {repayment.overdue ? (
        <p role="note" className="text-error-2">
          納期限を過ぎています。未納額には、納期限の翌日から納付の日まで年10.95%の延滞金がかかります（補助金等に係る予算の執行の適正化に関する法律第19条第2項）。
        </p>
      ) : null}
    </section>
  );
}

/**
 * Everything after submission on the application page: the money so far, where a return order stands, each
 * record with its official document as PDF, and links to the steps the viewer may take now.
 */
export function ProceedingsPanel({
  applicationId,
  items,
  ledger,
  repayment,
  steps,
}: {
  applicationId: number;
  items: ProceedingItem[];
  ledger: Ledger;
  repayment: RepaymentStanding | null;
  steps: StepAction[];
}) {
  if (items.length === 0 && steps.length === 0) return null;
  return (
    <Section id="proceedings-heading" title="交付決定と手続">
      {items.length > 0 ? (
        <>
          <LedgerFigures ledger={ledger} />
          {repayment ? <RepaymentFigures repayment={repayment} /> : null}
          {/* At 390 px the table scrolls inside this box (reachable by keyboard) rather than squeezing its columns. */}
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus to be scrolled by keyboard */}
          <div className="relative overflow-x-auto" role="region" aria-labelledby="proceedings-caption" tabIndex={0}>
            <table className="w-full min-w-[44rem] border-collapse text-left">
              <caption id="proceedings-caption" className="sr-only">
                手続の記録
              </caption>
              <thead>
                <tr className="border-b border-solid-gray-420">
                  <th scope="col" className="p-2">
                    日付
                  </th>
                  <th scope="col" className="p-2">
                    手続
                  </th>
                  <th scope="col" className="p-2">
                    文書番号
                  </th>
                  <th scope="col" className="p-2 text-right">
                    金額
                  </th>
                  <th scope="col" className="p-2">
                    登録者
                  </th>
                  <th scope="col" className="p-2">
                    文書
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id} className="border-b border-solid-gray-200">
                    <td className="p-2">{formatWarekiDate(recordDate(item.record))}</td>
                    <td className="p-2">{label(item.record)}</td>
                    <td className="p-2">{item.record.documentNumber || "—"}</td>
                    <td className="p-2 text-right">{WITHOUT_AMOUNT.has(item.record.kind) ? "—" : formatYen(item.amount)}</td>
                    <td className="p-2">{item.recorded_by_name}</td>
                    <td className="p-2">
                      {DOCUMENT_TITLES[item.record.kind] ? (
                        <a href={`/applications/${applicationId}/documents/${item.id}`} className="text-key-800 underline">
                          {label(item.record)}（PDF）
                          {/* Several documents of one kind: each link says which one. */}
                          <span className="sr-only">{item.record.documentNumber || formatWarekiDate(item.record.documentDate)}</span>
                        </a>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {steps.includes("withdraw") ? <WithdrawalPeriod items={items} /> : null}
      <StepLinks applicationId={applicationId} steps={steps} />
    </Section>
  );
}

/** Until when the application may still be withdrawn, and what to do after that. */
function WithdrawalPeriod({ items }: { items: ProceedingItem[] }) {
  const decision = latestOf(
    items.map((i) => i.record),
    "decision",
  );
  if (!decision) return null;
  return (
    <p>
      {`申請の取下げができるのは${formatWarekiDate(withdrawalDeadline(decision))}までです。それより後に事業をやめる場合は、中止（廃止）の承認申請をしてください。`}
    </p>
  );
}

/** Links to the steps the viewer may take now (交付決定, 実績報告…), each to its own page. */
export function StepLinks({ applicationId, steps }: { applicationId: number; steps: StepAction[] }) {
  if (steps.length === 0) return null;
  return (
    <nav aria-label="次の手続">
      <ul className="flex flex-wrap gap-3">
        {steps.map((step) => (
          <li key={step}>
            <Link
              to={`/applications/${applicationId}/steps/${step}`}
              className="inline-block rounded-8 border border-key-800 bg-white px-4 py-2 text-dns-16B-130 text-key-800 hover:bg-key-50"
            >
              {stepHeading(step)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
