import { Form, Link, NavLink } from "@remix-run/react";
import { unreadLabel } from "~/domain/notifications";
import type { Permission } from "~/domain/permissions";
import { ROLE_LABELS, type Role } from "~/domain/roles";

export const PRODUCT_NAME = "孤独・孤立対策推進交付金 申請・審査システム";

export interface HeaderViewer {
  displayName: string;
  organisationName: string;
  organisationId: number;
  role: Role;
  permissions: Permission[];
  unreadNotifications?: number;
}

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-4 px-2 py-1 text-dns-16N-130 underline-offset-4 hover:underline ${isActive ? "font-bold text-key-900 underline" : "text-key-800"}`;

export function SiteHeader({ viewer }: { viewer: HeaderViewer | null }) {
  const has = (p: Permission) => viewer?.permissions.includes(p) ?? false;
  return (
    <header className="border-b border-solid-gray-420 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-4">
        <Link to="/" className="text-std-20B-150 text-key-900 hover:underline">
          {PRODUCT_NAME}
        </Link>
        <div aria-label="ログイン状態" role="group" className="flex flex-wrap items-center gap-3 text-dns-16N-130">
          {viewer ? (
            <>
              <span>
                <span className="font-bold">{viewer.displayName}</span>
                <span className="text-solid-gray-700">
                  （{viewer.organisationName}・{ROLE_LABELS[viewer.role]}）
                </span>
              </span>
              <NotificationsLink unread={viewer.unreadNotifications ?? 0} />
              <Form method="post" action="/logout">
                <button type="submit" className="rounded-8 border border-solid-gray-600 px-3 py-1 hover:bg-solid-gray-50">
                  ログアウト
                </button>
              </Form>
            </>
          ) : (
            <Link to="/login" className="rounded-8 border border-key-800 px-3 py-1 text-key-800 hover:bg-key-50">
              ログイン
            </Link>
          )}
        </div>
      </div>
      <nav aria-label="メインメニュー" className="mx-auto max-w-7xl px-4 pb-3">
        <ul className="flex flex-wrap gap-2">
          <li>
            <NavLink to="/simulator" className={navLinkClass}>
              交付額シミュレーター
            </NavLink>
          </li>
          <li>
            <NavLink to="/calls" className={navLinkClass}>
              公募
            </NavLink>
          </li>
          <li>
            <NavLink to="/model-projects" className={navLinkClass}>
              モデル事業の取組団体
            </NavLink>
          </li>
          {has("view:application:own") || has("view:application:any") ? (
            <li>
              <NavLink to="/applications" className={navLinkClass}>
                交付申請
              </NavLink>
            </li>
          ) : null}
          {has("view:proposal:own") || has("view:proposal:any") ? (
            <li>
              <NavLink to="/proposals" className={navLinkClass}>
                企画提案
              </NavLink>
            </li>
          ) : null}
          {viewer && (has("view:organisation:own") || has("view:organisation:any")) && !has("manage:organisations:any") ? (
            <li>
              <NavLink to={`/organisations/${viewer.organisationId}`} className={navLinkClass}>
                組織の情報
              </NavLink>
            </li>
          ) : null}
          {has("view:proposal:own") || has("review:proposal:any") ? (
            <li>
              <NavLink to="/contracts" className={navLinkClass}>
                委託契約
              </NavLink>
            </li>
          ) : null}
          {has("view:budget:any") ? (
            <li>
              <NavLink to="/budget" className={navLinkClass}>
                予算執行状況
              </NavLink>
            </li>
          ) : null}
          {has("view:audit:own") || has("view:audit:any") ? (
            <li>
              <NavLink to="/audit" className={navLinkClass}>
                操作履歴
              </NavLink>
            </li>
          ) : null}
          {has("manage:organisations:any") ? (
            <li>
              <NavLink to="/admin/organisations" className={navLinkClass}>
                組織とアカウントの管理
              </NavLink>
            </li>
          ) : null}
          {has("manage:calls:any") ? (
            <li>
              <NavLink to="/admin/calls" className={navLinkClass}>
                公募の管理
              </NavLink>
            </li>
          ) : null}
          {has("manage:accounts:any") ? (
            <li>
              <NavLink to="/admin/outbox" className={navLinkClass}>
                送信メール
              </NavLink>
            </li>
          ) : null}
          {has("manage:programme-parameters:any") ? (
            <li>
              <NavLink to="/admin/programmes" className={navLinkClass}>
                年度と交付要件
              </NavLink>
            </li>
          ) : null}
          {viewer ? (
            <li>
              <NavLink to="/account" className={navLinkClass}>
                アカウント
              </NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
    </header>
  );
}

/** The link to one's notifications, with the unread count in its name (「お知らせ（未読3件）」). */
function NotificationsLink({ unread }: { unread: number }) {
  const count = unreadLabel(unread);
  return (
    <Link
      to="/notifications"
      aria-label={unread > 0 ? `お知らせ（未読${count}件）` : undefined}
      className="inline-flex items-center gap-1 rounded-8 px-2 py-1 text-key-800 underline-offset-4 hover:underline"
    >
      お知らせ
      {unread > 0 ? (
        <span aria-hidden="true" className="rounded-full bg-red-900 px-2 text-dns-14B-130 text-white">
          {count}
        </span>
      ) : null}
    </Link>
  );
}
