import { useState, type ChangeEvent, type FormEvent } from "react";
import { Form, useFetcher } from "@remix-run/react";
import { ReviewerComments, Section } from "./application-fields";
import { fieldId, inputClass, secondaryButtonClass } from "./forms";
import { ATTACHMENT_DOCUMENT_TYPES, checkAttachmentSize } from "~/domain/file-types";
import type { AttachmentRequirement } from "~/domain/required-attachments";

/** The documents submission needs, each with whether a file of its kind is attached yet. */
function RequiredAttachments({ required, attachments }: { required: readonly AttachmentRequirement[]; attachments: AttachmentItem[] }) {
  const kinds = attachments.map((a) => a.document_type);
  return (
    <div>
      <h3 className="text-std-16B-170">提出に必要な添付書類</h3>
      <ul className="mt-1 space-y-1">
        {required.map((r) => {
          const attached = r.documents.some((d) => kinds.includes(d));
          return (
            <li key={r.label} className={attached ? "text-success-2" : "text-error-2"}>
              {`${attached ? "✓ 添付済み" : "✗ 未添付"}：${r.label}（書類の種類「${r.documents.map((d) => ATTACHMENT_DOCUMENT_TYPES[d]).join("」又は「")}」）`}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export interface AttachmentItem {
  id: number;
  document_type: string;
  file_name: string;
  size_bytes: number;
  sha256: string;
}

/** What an upload or a removal answered, shown above the list. */
export interface AttachmentMessage {
  ok: boolean;
  message: string;
}

/**
 * 添付書類: the list with each file's SHA-256 and, while the application can be edited, adding and removing.
 * Both post to the attachments' own actions (/applications/:id/attachments); with JavaScript an upload
 * that is refused answers in place, without it the attachments page shows the refusal.
 */
export function AttachmentsSection({
  applicationId,
  attachments,
  editable,
  message,
  comments = [],
  required = [],
}: {
  applicationId: number;
  attachments: AttachmentItem[];
  editable: boolean;
  message: AttachmentMessage | null;
  /** What a submission must carry; each is shown as attached or still missing. */
  required?: readonly AttachmentRequirement[];
  /** What the reviewer said about the attachments when returning the application. */
  comments?: readonly string[];
}) {
  const upload = useFetcher<{ message: string }>();
  // A file its size already rules out is refused here, before it is sent; the form keeps what was chosen.
  const [sizeRefusal, setSizeRefusal] = useState<string | null>(null);
  const alreadyStoredBytes = attachments.reduce((sum, a) => sum + a.size_bytes, 0);
  const refusalOf = (input: HTMLInputElement | null) => {
    const file = input?.files?.[0];
    return file ? (checkAttachmentSize({ size: file.size, alreadyStoredBytes })?.message ?? null) : null;
  };
  const onFileChosen = (event: ChangeEvent<HTMLInputElement>) => setSizeRefusal(refusalOf(event.currentTarget));
  const onUpload = (event: FormEvent<HTMLFormElement>) => {
    const refusal = refusalOf(event.currentTarget.elements.namedItem("file") as HTMLInputElement | null);
    setSizeRefusal(refusal);
    if (refusal) event.preventDefault();
  };
  const shown = sizeRefusal
    ? { ok: false, message: sizeRefusal }
    : upload.state === "idle" && upload.data
      ? { ok: false, message: upload.data.message }
      : message;
  const base = `/applications/${applicationId}/attachments`;
  return (
    <Section id="attachments" title="添付書類">
      <p className="text-dns-16N-130 text-solid-gray-700">
        規約、予算書抄本、定款、事業報告書などを添付します。PDF、Excel、Word、PNG、JPEG
        のファイルで、1ファイル10MBまで、合計50MBまでです。ファイルの種類は中身で確認します。
      </p>
      {required.length > 0 ? <RequiredAttachments required={required} attachments={attachments} /> : null}
      {comments.length > 0 ? <ReviewerComments id={`${fieldId("attachments")}-comment`} comments={comments} /> : null}
      {shown ? (
        <div id="file-refusal" role={shown.ok ? "status" : "alert"} className={shown.ok ? "text-success-2" : "text-error-2"}>
          {shown.message}
        </div>
      ) : null}
      {attachments.length === 0 ? (
        <p>添付書類はまだありません。</p>
      ) : (
        <table className="w-full border-collapse text-left text-dns-16N-130">
          <caption className="sr-only">添付書類の一覧</caption>
          <thead>
            <tr className="border-b border-solid-gray-420">
              <th scope="col" className="py-2 pr-3">
                書類
              </th>
              <th scope="col" className="py-2 pr-3">
                ファイル
              </th>
              <th scope="col" className="py-2 pr-3 text-right">
                大きさ
              </th>
              <th scope="col" className="py-2 pr-3">
                SHA-256
              </th>
              {editable ? (
                <th scope="col" className="py-2">
                  <span className="sr-only">操作</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {attachments.map((a) => (
              <tr key={a.id} className="border-b border-solid-gray-200 align-top">
                <td className="py-2 pr-3">{ATTACHMENT_DOCUMENT_TYPES[a.document_type as keyof typeof ATTACHMENT_DOCUMENT_TYPES] ?? a.document_type}</td>
                <td className="py-2 pr-3">
                  <a href={`${base}/${a.id}`} className="text-key-800 underline">
                    {a.file_name}
                  </a>
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">{Math.ceil(a.size_bytes / 1024).toLocaleString("ja-JP")} KB</td>
                <td className="py-2 pr-3 break-all font-mono text-dns-14N-130" data-testid="sha256">
                  {a.sha256}
                </td>
                {editable ? (
                  <td className="py-2">
                    <Form method="post" action={`${base}/${a.id}`}>
                      <button type="submit" className="text-key-800 underline" aria-label={`${a.file_name}を削除`}>
                        削除
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable ? (
        <upload.Form
          method="post"
          action={base}
          encType="multipart/form-data"
          onSubmit={onUpload}
          className="grid gap-3 sm:grid-cols-[auto_1fr_auto] sm:items-end"
        >
          <div className="space-y-1">
            <label htmlFor="documentType" className="block text-std-16B-170">
              書類の種類
            </label>
            <select id="documentType" name="documentType" className={inputClass} defaultValue="rules">
              {Object.entries(ATTACHMENT_DOCUMENT_TYPES).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="file" className="block text-std-16B-170">
              ファイル
            </label>
            <input
              id="file"
              name="file"
              type="file"
              className="block w-full"
              accept=".pdf,.xlsx,.xls,.docx,.doc,.png,.jpg,.jpeg"
              onChange={onFileChosen}
              aria-invalid={sizeRefusal ? true : undefined}
              aria-describedby={sizeRefusal ? "file-refusal" : undefined}
            />
          </div>
          <button type="submit" className={secondaryButtonClass}>
            添付する
          </button>
        </upload.Form>
      ) : null}
    </Section>
  );
}
