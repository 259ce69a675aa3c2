import { fieldId, primaryButtonClass, secondaryButtonClass } from "./forms";
import { formatWarekiDateTime } from "~/domain/wareki";
import type { SaveConflict } from "~/forms/use-autosave";

/** A colleague saved a draft first (the grant application's or a proposal's): what they changed, and the choice of whose content to keep. */
export function ConflictNotice<Draft>({
  conflict,
  fieldLabel,
  onOverwrite,
  onLoadTheirs,
}: {
  conflict: SaveConflict<Draft>;
  /** How the form names a field to people ("lines.3.amount" → "…4行目 金額"). */
  fieldLabel: (path: string) => string;
  onOverwrite: () => void;
  onLoadTheirs: () => void;
}) {
  return (
    <div role="alert" className="space-y-3 rounded-8 border-2 border-error-2 p-4">
      <h2 className="text-std-18B-160 text-error-2">
        {conflict.updatedBy}さんが{formatWarekiDateTime(conflict.updatedAt)}に保存した内容と食い違っています
      </h2>
      <p>あなたの入力はこの画面に残っています。どちらを残すか選んでください。相手の変更：</p>
      <ul className="list-disc pl-6">
        {conflict.changes.slice(0, 20).map((c) => (
          <li key={c.path}>
            <a href={`#${fieldId(c.path)}`} className="underline">
              {fieldLabel(c.path)}
            </a>
            ：「{c.before || "（空欄）"}」→「{c.after || "（空欄）"}」
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-3">
        <button type="button" className={primaryButtonClass} onClick={onOverwrite}>
          自分の入力で上書きする
        </button>
        <button type="button" className={secondaryButtonClass} onClick={onLoadTheirs}>
          相手の内容を読み込む（自分の入力は破棄）
        </button>
      </div>
    </div>
  );
}
