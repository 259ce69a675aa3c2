/** What each audit action means, for people reading the trail. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "auth.signed_in": "ログイン",
  "auth.sign_in_failed": "ログイン失敗",
  "auth.sign_in_throttled": "ログイン制限中の試行",
  "auth.signed_out": "ログアウト",
  "account.created": "アカウント発行",
  "account.password_set": "パスワード設定",
  "account.password_changed": "パスワード変更",
  "account.disabled": "アカウント無効化",
  "account.enabled": "アカウント有効化",
  "organisation.created": "組織の登録",
  "organisation.profile_updated": "組織情報の更新",
  "application.created": "交付申請の作成",
  "application.draft_saved": "交付申請の保存",
  "application.submitted": "交付申請の提出",
  "application.resubmitted": "交付申請の再提出",
  "application.review_started": "審査開始",
  "application.returned": "差戻し",
  "application.attachment_added": "添付書類の追加",
  "application.attachment_removed": "添付書類の削除",
  "application.decided": "交付決定",
  "application.rejected": "不交付決定",
  "application.change_requested": "変更交付申請",
  "application.change_approved": "変更交付決定",
  "application.change_refused": "変更の不承認",
  "application.withdrawn": "取下げ・中止（廃止）",
  "application.payment_claimed": "概算払請求",
  "application.reported": "実績報告",
  "application.confirmed": "額の確定",
  "application.repayment_ordered": "返還命令",
  "application.payment_recorded": "支払・返還の記録",
  "application.closed": "完了",
  "programme_parameters.created": "交付要件の登録",
  "programme_parameters.updated": "交付要件の変更",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

const RECORD_TYPE_LABELS: Record<string, string> = {
  user: "アカウント",
  organisation: "組織",
  programme_parameters: "交付要件",
  application: "交付申請",
};

export function recordLabel(recordType: string, recordId: string | null): string {
  return `${RECORD_TYPE_LABELS[recordType] ?? recordType}${recordId ? ` #${recordId}` : ""}`;
}
