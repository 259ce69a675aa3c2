import type { LoaderFunctionArgs } from "@remix-run/node";
import { MODEL_PROJECT_GROUP_LABELS, participantPrefectureName, totalOf } from "~/domain/model-projects";
import { fiscalYearLabel } from "~/domain/wareki";
import { modelProjectQueryProblem } from "~/forms/model-project-filter";
import { modelProjectView } from "~/models/model-projects.server";

/**
 * GET /api/v1/model-projects?fiscalYear=YYYY[&prefecture=NN] — the participants and totals of /model-projects
 * as JSON. Public open data: no sign-in. Without fiscalYear, the latest year with data. A malformed year or
 * prefecture code is refused (400); a year without published data is not found (404), rather than answered
 * with another year's. `listed` is false for a year published only as totals (its participants are []).
 */

const problem = (status: number, error: string, message: string, headers: HeadersInit = {}) =>
  Response.json({ error, message }, { status, headers: { "Cache-Control": "no-store", ...headers } });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const refused = modelProjectQueryProblem(params);
  if (refused) return problem(400, refused.error, refused.message);

  const { filter, totals, listed, participants } = await modelProjectView(context.db, params);
  const asked = params.get("fiscalYear");
  if (totals === null || (asked !== null && Number(asked) !== totals.fiscalYear)) {
    return problem(404, "not-found", "指定された年度のモデル事業の取組団体は公表されていません。");
  }
  return Response.json(
    {
      fiscalYear: totals.fiscalYear,
      fiscalYearLabel: fiscalYearLabel(totals.fiscalYear),
      prefectureCode: filter.prefectureCode,
      totals: { prefectureOrDesignatedCity: totals.prefectureOrDesignatedCity, municipality: totals.municipality, total: totalOf(totals) },
      listed,
      participants: participants.map((p) => ({
        group: p.group,
        groupLabel: MODEL_PROJECT_GROUP_LABELS[p.group],
        prefectureCode: p.prefectureCode,
        prefectureName: participantPrefectureName(p.prefectureCode),
        name: p.name,
        reading: p.reading,
        secondYear: p.secondYear,
        currentSummary: p.currentSummary,
        planSummary: p.planSummary,
        partnersNote: p.partnersNote,
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export function action() {
  return problem(405, "method-not-allowed", "このAPIは GET のみ受け付けます。", { Allow: "GET" });
}
