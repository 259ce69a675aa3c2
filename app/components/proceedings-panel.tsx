import { Link } from "@remix-run/react";
import { formatYen } from "~/domain/money";
import { DOCUMENT_TITLES, type ProceedingRecord } from "~/domain/proceedings";
import { type Ledger } from "~/domain/ledger";
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
  if (record.kind === "payment") return record.direction === "paid" ? "支払" : "返還の受領";
  return DOCUMENT_TITLES[record.kind] ?? record.kind;
}

/** Records that carry no amount of their own. */
const WITHOUT_AMOUNT: ReadonlySet<ProceedingRecord["kind"]> = new Set(["rejection", "change_refusal", "withdrawal"]);

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

/**
 * Everything after submission on the application page: the money so far, each record with its official
 * document as PDF, and links to the steps the viewer may take now.
 */
export function ProceedingsPanel({
  applicationId,
  items,
  ledger,
  steps,
}: {
  applicationId: number;
  items: ProceedingItem[];
  ledger: Ledger;
  steps: StepAction[];
}) {
  if (items.length === 0 && steps.length === 0) return null;
  return (
    <Section id="proceedings-heading" title="交付決定と手続">
      {items.length > 0 ? (
        <>
          <LedgerFigures ledger={ledger} />
          <div className="relative overflow-x-auto">
            <table className="w-full border-collapse text-left">
              <caption className="sr-only">手続の記録</caption>
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
                    <td className="p-2">{formatWarekiDate(item.record.kind === "payment" ? item.record.paidOn : item.record.documentDate)}</td>
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
      <StepLinks applicationId={applicationId} steps={steps} />
    </Section>
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
