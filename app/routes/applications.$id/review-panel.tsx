import { Form, Link } from "@remix-run/react";
import { Section } from "~/components/application-fields";
import { inputClass, primaryButtonClass, secondaryButtonClass } from "~/components/forms";
import { formatYen } from "~/domain/money";
import { formatWarekiDateTime } from "~/domain/wareki";
import { LONG_TEXT_MAX } from "~/domain/form-fields";
import { COMMENTABLE, fieldLabel } from "~/forms/application";

/** Each submitted version, with its page and its 交付申請書 as PDF. */
export function VersionList({
  applicationId,
  versions,
}: {
  applicationId: number;
  versions: { version: number; submitted_at: Date | string; requested_amount: number; submitted_by_name: string }[];
}) {
  if (versions.length === 0) return null;
  return (
    <Section id="versions-heading" title="提出した版">
      <ul className="space-y-1">
        {versions.map((v) => (
          <li key={v.version}>
            <Link to={`/applications/${applicationId}/versions/${v.version}`} className="text-key-800 underline">
              第{v.version}版
            </Link>
            ：{formatWarekiDateTime(v.submitted_at)} {v.submitted_by_name}（申請額 {formatYen(v.requested_amount)}）
            <a href={`/applications/${applicationId}/versions/${v.version}/pdf`} className="ml-3 text-key-800 underline">
              第{v.version}版の交付申請書（PDF）
            </a>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/**
 * What the application page shows in place of the form once it cannot be edited: the submitted versions
 * and, for a reviewer, starting the review or returning the application with a comment on a section.
 */
export function ReviewPanel({
  application,
  versions,
  reviewerActions,
}: {
  application: { id: number; state: string; latest_version: number };
  versions: Parameters<typeof VersionList>[0]["versions"];
  reviewerActions: string[];
}) {
  return (
    <div className="space-y-6">
      <p>
        {application.latest_version > 0 ? "提出済みのため編集できません。提出した内容は各版のページで確認できます。" : "この申請はまだ提出されていません。"}
      </p>
      <VersionList applicationId={application.id} versions={versions} />
      {reviewerActions.length > 0 ? (
        <Section id="review-heading" title="審査">
          <Form method="post" className="space-y-3">
            {reviewerActions.includes("return") ? (
              <>
                <div className="space-y-1">
                  <label htmlFor="commentPath" className="block text-std-16B-170">
                    差戻しの対象となる項目
                  </label>
                  <select id="commentPath" name="commentPath" className={inputClass} defaultValue="purpose">
                    {COMMENTABLE.map((p) => (
                      <option key={p} value={p}>
                        {fieldLabel(p)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="space-y-1">
                  <label htmlFor="comment" className="block text-std-16B-170">
                    差戻しの理由
                  </label>
                  <textarea id="comment" name="comment" rows={3} maxLength={LONG_TEXT_MAX} className={inputClass} />
                </div>
              </>
            ) : null}
            <div className="flex gap-3">
              {reviewerActions.includes("start_review") ? (
                <button type="submit" name="intent" value="start_review" className={primaryButtonClass}>
                  審査を開始する
                </button>
              ) : null}
              {reviewerActions.includes("return") ? (
                <button type="submit" name="intent" value="return" className={secondaryButtonClass}>
                  差し戻す
                </button>
              ) : null}
            </div>
          </Form>
        </Section>
      ) : null}
    </div>
  );
}
