import { inboxHref, type InboxFilter } from "~/forms/inbox-filter";

/** Links to every application under the inbox's current filter (all pages, same order) as CSV and as Excel. */
export function InboxDownloads({ filter }: { filter: InboxFilter }) {
  // The page's own address without the page number: the downloads read the same filter from it.
  const query = inboxHref(filter).slice("/applications".length);
  return (
    <p className="flex flex-wrap items-center gap-x-4 gap-y-1">
      <span>この条件の申請をすべてダウンロード：</span>
      <a href={`/applications.csv${query}`} download className="text-key-800 underline">
        CSV形式
      </a>
      <a href={`/applications.xlsx${query}`} download className="text-key-800 underline">
        Excel形式
      </a>
    </p>
  );
}
