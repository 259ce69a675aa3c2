import type { AppLoadContext } from "@remix-run/node";
import { currentFiscalYear } from "~/domain/fiscal-year";

/** The current fiscal year for a request: the CURRENT_FISCAL_YEAR setting, or the date in Japan. */
export function currentFiscalYearOf(context: Pick<AppLoadContext, "fiscalYearOverride">, now = new Date()): number {
  return currentFiscalYear(now, context.fiscalYearOverride);
}
