import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { getViewer } from "~/auth/viewer.server";
import { ErrorPage, wordsFor } from "~/components/error-page";
import { IdleWarning } from "~/components/idle-warning";
import { useNonce } from "~/components/nonce";
import { SiteFooter } from "~/components/site-footer";
import { PRODUCT_NAME, SiteHeader } from "~/components/site-header";
import { can, PERMISSIONS } from "~/domain/permissions";
import stylesheet from "~/tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** The tab of an error page names what happened (each page names itself otherwise). */
export const meta: MetaFunction = ({ error }) =>
  error ? [{ title: `${wordsFor(isRouteErrorResponse(error) ? error.status : 500, null, null).title} | ${PRODUCT_NAME}` }] : [];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request, context);
  return {
    viewer: viewer && {
      displayName: viewer.displayName,
      organisationName: viewer.organisationName,
      organisationId: viewer.organisationId,
      role: viewer.role,
      permissions: PERMISSIONS.filter((p) => can(viewer.role, p)),
      sessionExpiresAt: viewer.sessionExpiresAt,
      unreadNotifications: viewer.unreadNotifications ?? 0,
    },
  };
}

// The header shows who is signed in and when their session ends: read it again on every navigation.
export const shouldRevalidate = () => true;

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const viewer = useRouteLoaderData<typeof loader>("root")?.viewer ?? null;
  return (
    <html lang="ja">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col bg-white text-std-16N-170 text-solid-gray-900">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-8 focus:bg-yellow-300 focus:px-4 focus:py-2 focus:text-black"
        >
          本文へ移動
        </a>
        <SiteHeader viewer={viewer} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 focus:outline-none">
          {children}
        </main>
        <SiteFooter />
        {viewer ? <IdleWarning expiresAt={viewer.sessionExpiresAt} /> : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** What went wrong, in the words of the answer where it has its own (a refusal, the database away for a moment). */
export function ErrorBoundary() {
  const error = useRouteError();
  const response = isRouteErrorResponse(error) ? error : null;
  const viewer = useRouteLoaderData<typeof loader>("root")?.viewer ?? null;
  return (
    <ErrorPage
      status={response?.status ?? 500}
      message={typeof response?.data === "string" && response.data ? response.data : null}
      viewer={viewer && { displayName: viewer.displayName, role: viewer.role }}
    />
  );
}
