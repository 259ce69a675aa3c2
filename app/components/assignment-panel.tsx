import { Form, useSearchParams } from "@remix-run/react";
import { Notice, inputClass, secondaryButtonClass } from "./forms";

/** What the page says after a change of assignment, by the `assignment` it was sent back with. */
export const ASSIGNMENT_NOTICES: Record<string, string> = {
  take: "担当になりました。",
  give: "担当者を変更しました。",
  release: "担当を外しました。",
};

/** The notice for this page's application (or any one, on a list), read from `?assignment=…&application=…`. */
export function useAssignmentNotice(applicationId?: number): { text: string; applicationId: number } | null {
  const [params] = useSearchParams();
  const intent = params.get("assignment") ?? "";
  const id = Number(params.get("application"));
  if (!Object.hasOwn(ASSIGNMENT_NOTICES, intent) || !Number.isSafeInteger(id) || (applicationId !== undefined && id !== applicationId)) return null;
  return { text: ASSIGNMENT_NOTICES[intent]!, applicationId: id };
}

interface Person {
  id: number;
  name: string;
}

function Hidden({ current, back }: { current: Person | null; back: string }) {
  return (
    <>
      <input type="hidden" name="current" value={current ? String(current.id) : ""} />
      <input type="hidden" name="redirectTo" value={back} />
    </>
  );
}

/** 担当する: a one-button form, for an application nobody (or someone else) is in charge of. */
export function TakeButton({ applicationId, current, back, context }: { applicationId: number; current: Person | null; back: string; context: string }) {
  return (
    <Form method="post" action={`/applications/${applicationId}/assignment`}>
      <Hidden current={current} back={back} />
      <button type="submit" name="intent" value="take" className={`${secondaryButtonClass} whitespace-nowrap`}>
        担当する<span className="sr-only">（{context}）</span>
      </button>
    </Form>
  );
}

/**
 * The reviewer in charge of an application (担当者), on its page: take it, give it to another reviewer, or
 * release it. Each is a plain form posted to /applications/:id/assignment, which comes back here.
 */
export function AssignmentPanel({
  applicationId,
  current,
  reviewers,
  viewerId,
  back,
}: {
  applicationId: number;
  current: Person | null;
  /** The active reviewers, who may be given the application. */
  reviewers: Person[];
  viewerId: number;
  back: string;
}) {
  const notice = useAssignmentNotice(applicationId);
  const action = `/applications/${applicationId}/assignment`;
  const others = reviewers.filter((r) => r.id !== current?.id);
  return (
    <section aria-labelledby="assignment-heading" className="space-y-3 rounded-8 border border-solid-gray-420 p-4">
      <h2 id="assignment-heading" className="text-std-20B-150">
        担当者
      </h2>
      {notice ? <Notice tone="success">{notice.text}</Notice> : null}
      <p>{current ? `${current.name}${current.id === viewerId ? "（あなた）" : ""}` : "まだ決まっていません（未割当）。"}</p>
      <div className="flex flex-wrap items-end gap-3">
        {current?.id !== viewerId ? <TakeButton applicationId={applicationId} current={current} back={back} context="この申請" /> : null}
        {current ? (
          <Form method="post" action={action}>
            <Hidden current={current} back={back} />
            <button type="submit" name="intent" value="release" className={secondaryButtonClass}>
              {current.id === viewerId ? "担当を外れる" : "担当を外す"}
            </button>
          </Form>
        ) : null}
        {others.length > 0 ? (
          <Form method="post" action={action} className="flex flex-wrap items-end gap-2">
            <Hidden current={current} back={back} />
            <div className="space-y-1">
              <label htmlFor="assignment-reviewer" className="block text-std-16B-170">
                ほかの審査担当者に任せる
              </label>
              <select id="assignment-reviewer" name="reviewerId" className={inputClass}>
                {others.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                    {r.id === viewerId ? "（あなた）" : ""}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" name="intent" value="give" className={secondaryButtonClass}>
              担当者にする
            </button>
          </Form>
        ) : null}
      </div>
    </section>
  );
}
