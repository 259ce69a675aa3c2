import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import type { BudgetFigures } from "~/domain/budget";
import { can } from "~/domain/permissions";
import { PROGRAMME_NAMES, PROGRAMMES } from "~/domain/programmes";
import { fiscalYearLabel } from "~/domain/wareki";
import { budgetSummary } from "~/models/budget.server";

/**
 * GET /api/v1/budget?fiscalYear=YYYY[&programme=prefectural|intermediary] — the figures of /budget as JSON,
 * for a signed-in reviewer or administrator (the session cookie). Every amount is integer yen. Without
 * fiscalYear, the latest year with programme parameters; a year that is no fiscal year is refused (400), and
 * one without parameters is not found (404), rather than answered with another year's figures.
 */

const problem = (status: number, error: string, message: string, headers: HeadersInit = {}) =>
  Response.json({ error, message }, { status, headers: { "Cache-Control": "no-store", ...headers } });

/** The figures as the API names them: the documented seven first, then how they are made up. */
const figuresOf = (f: BudgetFigures) => ({
  budget: f.budget,
  applied: f.applied,
  decided: f.decided,
  paid: f.paid,
  confirmed: f.confirmed,
  returned: f.returned,
  remaining: f.remaining,
  appliedCount: f.appliedCount,
  awaitingResubmission: f.awaitingResubmission,
  awaitingResubmissionCount: f.awaitingResubmissionCount,
  committed: f.committed,
  underReviewComputed: f.underReviewComputed,
  remainingAfterUnderReview: f.remainingAfterUnderReview,
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request, context);
  if (!viewer) return problem(401, "unauthorized", "ログインしてください。");
  if (!can(viewer.role, "view:budget:any")) return problem(403, "forbidden", "予算執行状況を見る権限がありません。");

  const params = new URL(request.url).searchParams;
  const asked = params.get("fiscalYear");
  if (asked !== null && !/^[0-9]{4}$/.test(asked)) return problem(400, "invalid-fiscal-year", "fiscalYear は西暦の4桁（例: 2026）で指定してください。");
  const programme = params.get("programme");
  if (programme !== null && !(PROGRAMMES as readonly string[]).includes(programme)) {
    return problem(400, "invalid-programme", "programme は prefectural または intermediary を指定してください。");
  }
  const summary = await budgetSummary(context.db, params);
  const { fiscalYear } = summary.filter;
  if (fiscalYear === null || (asked !== null && Number(asked) !== fiscalYear)) {
    return problem(404, "not-found", "指定された年度の予算は登録されていません。");
  }
  return Response.json(
    {
      fiscalYear,
      fiscalYearLabel: fiscalYearLabel(fiscalYear),
      programmes: summary.budgets.map((b) => ({ programme: b.programme, name: PROGRAMME_NAMES[b.programme], ...figuresOf(b.figures) })),
      total: figuresOf(summary.total),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export function action() {
  return problem(405, "method-not-allowed", "このAPIは GET のみ受け付けます。", { Allow: "GET" });
}
