/**
 * The actions the audit trail records, and what each means to people reading it. The steps after
 * submission name their own (app/domain/steps/); the others are listed here.
 */
import { STEP_ACTIONS, STEPS, type StepAuditAction } from "./steps";

const OTHER_ACTIONS = [
  ["auth.signed_in", "ログイン"],
  ["auth.sign_in_failed", "ログイン失敗"],
  ["auth.sign_in_throttled", "ログイン制限中の試行"],
  ["auth.signed_out", "ログアウト"],
  ["account.created", "アカウント発行"],
  ["account.password_set", "パスワード設定"],
  ["account.password_changed", "パスワード変更"],
  ["account.disabled", "アカウント無効化"],
  ["account.enabled", "アカウント有効化"],
  ["account.updated", "アカウントの変更"],
  ["account.password_link_reissued", "パスワード設定リンクの再発行"],
  ["account.password_help_requested", "パスワード再設定の依頼"],
  ["account.password_help_closed", "パスワード再設定の依頼の完了"],
  ["organisation.created", "組織の登録"],
  ["organisation.profile_updated", "組織情報の更新"],
  ["application.created", "交付申請の作成"],
  ["application.draft_saved", "交付申請の保存"],
  ["application.submitted", "交付申請の提出"],
  ["application.resubmitted", "交付申請の再提出"],
  ["application.review_started", "審査開始"],
  ["application.returned", "差戻し"],
  ["application.review_note_added", "審査メモの追加"],
  ["application.checklist_updated", "審査チェックリストの更新"],
  ["application.assigned", "担当者の割当て"],
  ["application.unassigned", "担当者の解除"],
  ["application.attachment_added", "添付書類の追加"],
  ["application.attachment_removed", "添付書類の削除"],
  ["programme_parameters.created", "交付要件の登録"],
  ["programme_parameters.updated", "交付要件の変更"],
  ["programme_year.started", "新年度の開始"],
  ["document_settings.updated", "文書設定の変更"],
  ["deadline_extension.granted", "締切の延長"],
  ["call.created", "公募の作成"],
  ["call.updated", "公募の変更"],
  ["proposal.created", "企画提案の作成"],
  ["proposal.draft_saved", "企画提案の保存"],
  ["proposal.submitted", "企画提案の提出"],
  ["proposal.resubmitted", "企画提案の再提出"],
  ["proposal.returned", "企画提案の差戻し"],
  ["call.reviewers_assigned", "公募の審査担当者の指定"],
  ["proposal.conflict_declared", "利益相反の申告"],
  ["proposal.reviewed", "企画提案の採点"],
  ["proposal.selected", "採択"],
  ["proposal.not_selected", "不採択"],
  ["contract.agreed", "委託契約の締結"],
  ["contract.progress_report", "中間報告"],
  ["contract.final_report", "成果報告"],
  ["contract.acceptance", "検収"],
  ["contract.payment", "委託費の支払"],
] as const;

export type AuditAction = (typeof OTHER_ACTIONS)[number][0] | StepAuditAction;

/** Every audit action with its label, in the order the trail's filter lists them. */
export const AUDIT_ACTIONS: readonly { action: AuditAction; label: string }[] = [
  ...OTHER_ACTIONS.map(([action, label]) => ({ action, label })),
  ...STEP_ACTIONS.map((step) => ({ action: STEPS[step].audit, label: STEPS[step].label })),
];

export function auditActionLabel(action: string): string {
  return AUDIT_ACTIONS.find((a) => a.action === action)?.label ?? action;
}

const RECORD_TYPE_LABELS: Record<string, string> = {
  user: "アカウント",
  organisation: "組織",
  programme_parameters: "交付要件",
  application: "交付申請",
  call: "公募",
  proposal: "企画提案",
  contract: "委託契約",
};

export function recordLabel(recordType: string, recordId: string | null): string {
  return `${RECORD_TYPE_LABELS[recordType] ?? recordType}${recordId ? ` #${recordId}` : ""}`;
}
