import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/viewer.server";
import { budgetLedgerTable } from "~/exports/budget-ledger";
import { tableDownload } from "~/exports/download.server";
import { budgetFileBaseName } from "~/forms/budget-filter";
import { budgetLedger } from "~/models/budget.server";

/** GET /budget.xlsx — the budget ledger of the year and programme of /budget, as Excel. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "view:budget:any");
  const { filter, applications } = await budgetLedger(context.db, new URL(request.url).searchParams);
  return tableDownload(budgetLedgerTable(applications), "xlsx", budgetFileBaseName(filter));
}
