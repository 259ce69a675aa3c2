import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { prefectureCountChart } from "~/charts/model-project-charts.server";
import { ModelProjectsOverview } from "~/components/model-projects-overview";
import { PRODUCT_NAME } from "~/components/site-header";
import { countsByPrefecture } from "~/domain/model-projects";
import { modelProjectView } from "~/models/model-projects.server";

export const meta: MetaFunction = () => [{ title: `モデル事業の取組団体 | ${PRODUCT_NAME}` }];

/**
 * GET /model-projects?fiscalYear=YYYY[&prefecture=NN] — the local-platform model projects' published results
 * of a year (default: the latest with data): the participants by group with their summaries, or the totals of
 * a year published only as totals, and a chart per prefecture. Public: no sign-in.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { filter, years, totals, listed, allParticipants, participants } = await modelProjectView(context.db, new URL(request.url).searchParams);
  // The chart and its table count the whole year, whichever prefecture the list shows.
  const counts = countsByPrefecture(allParticipants);
  return { filter, years, totals, listed, participants, counts, chart: counts.length > 0 ? prefectureCountChart(counts) : null };
}

export default function ModelProjects() {
  return <ModelProjectsOverview {...useLoaderData<typeof loader>()} />;
}
