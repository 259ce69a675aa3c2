import { Link } from "@remix-run/react";
import { Section } from "~/components/application-fields";
import { formatYen } from "~/domain/money";
import { formatWarekiDateTime } from "~/domain/wareki";

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
 * What the application page shows an applicant in place of the form once it cannot be edited (and a
 * reviewer before anything is submitted): the submitted versions. The reviewer's workspace is workspace.tsx.
 */
export function ReviewPanel({
  application,
  versions,
}: {
  application: { id: number; state: string; latest_version: number };
  versions: Parameters<typeof VersionList>[0]["versions"];
}) {
  return (
    <div className="space-y-6">
      <p>
        {application.latest_version > 0 ? "提出済みのため編集できません。提出した内容は各版のページで確認できます。" : "この申請はまだ提出されていません。"}
      </p>
      <VersionList applicationId={application.id} versions={versions} />
    </div>
  );
}
