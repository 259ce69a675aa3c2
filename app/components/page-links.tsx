import { Link } from "@remix-run/react";

/** Page links of a list paged on the server: the first and last, and two either side of the current one. Nothing for one page. */
export function PageLinks({ current, pages, hrefFor }: { current: number; pages: number; hrefFor: (page: number) => string }) {
  if (pages <= 1) return null;
  const shown = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav aria-label="ページ" className="flex flex-wrap items-center gap-x-3 gap-y-2">
      {current > 1 ? (
        <Link to={hrefFor(current - 1)} className="text-key-800 underline">
          前のページ
        </Link>
      ) : null}
      <ul className="flex flex-wrap items-center gap-x-2">
        {shown.map((p, i) => (
          <li key={p} className="flex items-center gap-x-2">
            {i > 0 && p - shown[i - 1]! > 1 ? <span aria-hidden="true">…</span> : null}
            {p === current ? (
              <span aria-current="page" className="px-1 font-bold">
                {p}
              </span>
            ) : (
              <Link to={hrefFor(p)} className="px-1 text-key-800 underline" aria-label={`${p}ページ目`}>
                {p}
              </Link>
            )}
          </li>
        ))}
      </ul>
      <span className="sr-only">
        {current} / {pages} ページ
      </span>
      {current < pages ? (
        <Link to={hrefFor(current + 1)} className="text-key-800 underline">
          次のページ
        </Link>
      ) : null}
    </nav>
  );
}
