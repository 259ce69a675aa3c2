import { Link } from "@remix-run/react";

export const PRODUCT_NAME = "孤独・孤立対策推進交付金 申請・審査システム";

export function SiteHeader() {
  return (
    <header className="border-b border-solid-gray-420 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-4">
        <Link to="/" className="text-std-20B-150 text-key-900 hover:underline">
          {PRODUCT_NAME}
        </Link>
        {/* The signed-in user and sign-out appear here once accounts exist. */}
        <div aria-label="ログイン状態" role="group" className="text-dns-16N-130 text-solid-gray-700">
          ログインしていません
        </div>
      </div>
    </header>
  );
}
