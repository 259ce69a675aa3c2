import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/viewer.server";
import { funnelChart, organisationChart, paymentsChart } from "~/charts/budget-charts.server";
import { BudgetOverview } from "~/components/budget-overview";
import { PRODUCT_NAME } from "~/components/site-header";
import { japanToday } from "~/domain/japan-time";
import { formatWarekiDateTime } from "~/domain/wareki";
import { budgetOverview } from "~/models/budget.server";

export const meta: MetaFunction = () => [{ title: `予算執行状況 | ${PRODUCT_NAME}` }];

/** GET /budget — each programme-year's budget and its use, charts of it, and what waits for the reviewer. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "view:budget:any");
  const now = new Date();
  const { totals: _totals, ...overview } = await budgetOverview(context.db, new URL(request.url).searchParams, now);
  return {
    ...overview,
    asOf: formatWarekiDateTime(now),
    // Drawn here as SVG, so the page holds them as sent (app/charts/budget-charts.server.tsx).
    charts: {
      organisations: overview.organisations.rows.length > 0 ? organisationChart(overview.organisations.rows) : null,
      funnel: overview.funnel.stages[0]!.count > 0 ? funnelChart(overview.funnel) : null,
      payments: overview.months.some((m) => m.paid > 0 || m.returned > 0) ? paymentsChart(overview.months, japanToday(now).slice(0, 7)) : null,
    },
  };
}

export default function Budget() {
  return <BudgetOverview {...useLoaderData<typeof loader>()} />;
}
