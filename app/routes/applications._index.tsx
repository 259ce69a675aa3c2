import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireAnyPermission, requirePermission } from "~/auth/viewer.server";
import { ApplicationList } from "~/components/application-list";
import { ReviewerInbox, type InboxItem } from "~/components/reviewer-inbox";
import { japanDaysBetween, japanToday } from "~/domain/japan-time";
import { can } from "~/domain/permissions";
import { prefectureName } from "~/domain/prefectures";
import { CURRENT_FISCAL_YEAR } from "~/domain/programmes";
import { readInboxFilter } from "~/forms/inbox-filter";
import { reviewerInbox, WAITING_ON_REVIEWER } from "~/models/inbox.server";
import { Notice } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { applicationOverview } from "~/models/application-overview.server";
import { NewApplicationSchema } from "~/forms/application";
import { formValues, readForm } from "~/forms/read-form";
import { createApplication } from "~/models/applications.server";
import { httpStatusOf } from "~/utils/outcome-response.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction = () => [{ title: `交付申請 | ${PRODUCT_NAME}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireAnyPermission(request, context, ["view:application:own", "view:application:any"]);
  if (!can(viewer.role, "review:application:any")) return { kind: "applicant" as const, ...(await applicationOverview(context.db, viewer)) };
  const filter = readInboxFilter(new URL(request.url).searchParams);
  const inbox = await reviewerInbox(context.db, filter);
  const now = new Date();
  // The page sends what it shows: one page of rows, as displayed.
  const items: InboxItem[] = inbox.rows.map((row) => ({
    id: row.id,
    organisation: row.organisation_name,
    prefecture: (row.prefecture_code && prefectureName(row.prefecture_code)) ?? "—",
    fiscalYear: row.fiscal_year,
    programme: row.programme,
    state: row.state,
    version: row.latest_version,
    submittedOn: row.first_submitted_at ? japanToday(row.first_submitted_at).replaceAll("-", "/") : "—",
    daysWaiting: row.latest_submitted_at && WAITING_ON_REVIEWER.includes(row.state) ? japanDaysBetween(row.latest_submitted_at, now) : null,
    requestedAmount: row.requested_amount,
  }));
  return {
    kind: "reviewer" as const,
    filter: { ...filter, page: inbox.page },
    items,
    counts: inbox.counts,
    total: inbox.total,
    pages: inbox.pages,
    fiscalYears: [CURRENT_FISCAL_YEAR, CURRENT_FISCAL_YEAR - 1, CURRENT_FISCAL_YEAR - 2],
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "edit:application:own");
  const parsed = await readForm(NewApplicationSchema, formValues(await postedForm(request)));
  if (!parsed.ok) return data({ message: Object.values(parsed.errors).join(" ") }, { status: 400 });
  const created = await createApplication(context.db, viewer, context.clientIp, parsed.value.fiscalYear);
  if (created.status !== "done")
    return data({ message: created.status === "refused" ? created.reason : "交付申請を作成できませんでした。" }, { status: httpStatusOf(created) });
  return redirect(`/applications/${created.id}`);
}

export default function Applications() {
  const loaded = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <h1 className="text-std-32B-150">交付申請</h1>
      {refused ? <Notice tone="warning">{refused.message}</Notice> : null}
      {loaded.kind === "reviewer" ? <ReviewerInbox {...loaded} /> : <ApplicationList {...loaded} />}
    </div>
  );
}
