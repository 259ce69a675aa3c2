/**
 * The contract (委託契約) of a selected proposal, from agreement to close (docs/domain.md §6): the steps,
 * who takes each, from which state, what each records, and the pure rule that turns a step's form into the
 * frozen record to append. The price is paid in full (委託: no rate), once the final report is accepted.
 */
import { z } from "zod";
import { countField, dateField, textField, yenField } from "./form-fields";
import { parseDateOnly } from "./japan-time";
import { refused, type Invalid, type Refused } from "./outcome";
import { MEMBER_KINDS, type MemberKind } from "./proposal-draft";

export const CONTRACT_STATES = ["active", "final_reported", "accepted", "closed"] as const;
export type ContractState = (typeof CONTRACT_STATES)[number];

export const CONTRACT_STATE_LABELS: Record<ContractState, string> = {
  active: "契約中",
  final_reported: "成果報告済み",
  accepted: "検収済み",
  closed: "支払済み・完了",
};

const MEMBER_KIND_CODES = Object.keys(MEMBER_KINDS) as MemberKind[];

/** The contract's terms, agreed by the reviewer for a selected proposal at its selected amount. */
export const AgreementSchema = z
  .object({
    periodFrom: dateField("契約期間の開始日"),
    periodTo: dateField("契約期間の終了日"),
    deliverables: textField("成果物", { required: true, max: 2000 }),
  })
  .superRefine((v, ctx) => {
    if (v.periodFrom && v.periodTo && v.periodTo < v.periodFrom) {
      ctx.addIssue({ code: "custom", path: ["periodTo"], message: "契約期間の終了日は開始日以降にしてください。" });
    }
  });

export const ProgressReportSchema = z.object({
  progress: textField("これまでの実施内容", { required: true }),
  issues: textField("課題と今後の予定", { required: true }),
});

/** The final outcome report: what was done, the platform's members gained by kind, lessons, what others can reuse. */
export const FinalReportSchema = z.object({
  done: textField("実施内容", { required: true }),
  membersGained: z.object(
    Object.fromEntries(MEMBER_KIND_CODES.map((k) => [k, countField(`${MEMBER_KINDS[k]}の増加数`, { min: 0, max: 9999, unit: "" })])) as Record<
      MemberKind,
      ReturnType<typeof countField>
    >,
  ),
  lessons: textField("得られた知見・課題", { required: true }),
  reusable: textField("他の地域が活用できること", { required: true }),
});

export const AcceptanceSchema = z.object({
  inspectedOn: dateField("検収日"),
  note: textField("検収の所見", { max: 2000 }),
});

export const ContractPaymentSchema = z.object({
  paidOn: dateField("支払日"),
  amount: yenField("支払額", { positive: true }),
});

export type ContractRecordBody =
  | { kind: "agreed"; periodFrom: string; periodTo: string; deliverables: string; amount: number }
  | ({ kind: "progress_report" } & z.output<typeof ProgressReportSchema>)
  | ({ kind: "final_report" } & z.output<typeof FinalReportSchema>)
  | ({ kind: "acceptance" } & z.output<typeof AcceptanceSchema>)
  | ({ kind: "payment" } & z.output<typeof ContractPaymentSchema>);

export const CONTRACT_RECORD_LABELS: Record<ContractRecordBody["kind"], string> = {
  agreed: "委託契約の締結",
  progress_report: "中間報告",
  final_report: "成果報告",
  acceptance: "検収",
  payment: "支払",
};

/** The steps after agreement, who takes each and from which state; `to` null keeps the state. */
export const CONTRACT_STEPS = {
  progress_report: { by: "proposer", from: ["active"], to: null, label: "中間報告を提出する", schema: ProgressReportSchema },
  final_report: { by: "proposer", from: ["active"], to: "final_reported", label: "成果報告を提出する", schema: FinalReportSchema },
  acceptance: { by: "reviewer", from: ["final_reported"], to: "accepted", label: "検収する", schema: AcceptanceSchema },
  payment: { by: "reviewer", from: ["accepted"], to: "closed", label: "支払を記録して完了する", schema: ContractPaymentSchema },
} as const;
export type ContractStep = keyof typeof CONTRACT_STEPS;
export type ContractStepInput<S extends ContractStep> = z.output<(typeof CONTRACT_STEPS)[S]["schema"]>;

export function isContractStep(value: unknown): value is ContractStep {
  return typeof value === "string" && Object.hasOwn(CONTRACT_STEPS, value);
}

interface ContractContext {
  state: ContractState;
  amount: number;
  periodFrom: string;
  /** The kinds of records made so far, in order. */
  records: readonly ContractRecordBody["kind"][];
}

/** The steps the viewer's side may take now (a mid-term report once only). */
export function availableContractSteps(contract: ContractContext, side: "proposer" | "reviewer"): ContractStep[] {
  return (Object.keys(CONTRACT_STEPS) as ContractStep[]).filter((step) => {
    const def = CONTRACT_STEPS[step];
    if (def.by !== side || !(def.from as readonly string[]).includes(contract.state)) return false;
    return step !== "progress_report" || !contract.records.includes("progress_report");
  });
}

/**
 * Takes a step: the record to append and the state it leads to, or why not. Acceptance comes only after
 * the final report (its `from`); the payment is the contract price in full, on or after the acceptance.
 */
export function takeContractStep<S extends ContractStep>(
  contract: ContractContext,
  side: "proposer" | "reviewer",
  step: S,
  input: ContractStepInput<S>,
): { status: "done"; record: ContractRecordBody; to: ContractState } | Refused | Invalid {
  const def = CONTRACT_STEPS[step];
  if (def.by !== side) return refused("この手続はできません。");
  if (!availableContractSteps(contract, side).includes(step)) {
    return refused(
      step === "acceptance"
        ? "成果報告の提出後に検収できます。"
        : step === "payment"
          ? "検収の後に支払を記録できます。"
          : step === "progress_report" && contract.records.includes("progress_report")
            ? "中間報告は提出済みです。"
            : `契約が「${CONTRACT_STATE_LABELS[contract.state]}」のため、この手続はできません。`,
    );
  }
  if (step === "payment") {
    const payment = input as ContractStepInput<"payment">;
    if (payment.amount !== contract.amount) {
      return { status: "invalid", errors: { amount: `委託費は契約額（${contract.amount.toLocaleString("ja-JP")}円）の全額を支払います。` } };
    }
  }
  if (step === "acceptance" || step === "payment") {
    const on = step === "acceptance" ? (input as ContractStepInput<"acceptance">).inspectedOn : (input as ContractStepInput<"payment">).paidOn;
    parseDateOnly(on);
    if (on < contract.periodFrom) {
      return { status: "invalid", errors: { [step === "acceptance" ? "inspectedOn" : "paidOn"]: "契約期間の開始日より前の日付は記録できません。" } };
    }
  }
  return { status: "done", record: { kind: step, ...input } as ContractRecordBody, to: def.to ?? contract.state };
}
