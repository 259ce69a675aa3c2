export function SiteFooter() {
  return (
    <footer className="border-t border-solid-gray-420 bg-solid-gray-50">
      <div className="mx-auto max-w-7xl space-y-1 px-4 py-6 text-dns-14N-130 text-solid-gray-800">
        <p>内閣府 孤独・孤立対策推進室</p>
        <p>本システムは孤独・孤立対策推進交付金および地域連携推進モデル調査事業の申請・審査・予算管理に用います。</p>
      </div>
    </footer>
  );
}
