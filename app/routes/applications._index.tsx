import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireAnyPermission, requirePermission } from "~/auth/viewer.server";
import { ApplicationList } from "~/components/application-list";
import { ASSIGNMENT_NOTICES } from "~/components/assignment-panel";
import { ReviewerInbox, type InboxItem } from "~/components/reviewer-inbox";
import { japanDaysBetween, japanToday } from "~/domain/japan-time";
import { netPaid } from "~/domain/ledger";
import { can } from "~/domain/permissions";
import { prefectureName } from "~/domain/prefectures";
import { readInboxFilter, type InboxFilter } from "~/forms/inbox-filter";
import { applicationName } from "~/models/assignments.server";
import { reviewerInbox, WAITING_ON_REVIEWER } from "~/models/inbox.server";
import { Notice } from "~/components/forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { applicationOverview } from "~/models/application-overview.server";
import { newApplicationSchema } from "~/forms/application";
import { currentFiscalYearOf } from "~/utils/fiscal-year.server";
import { formValues, readForm } from "~/forms/read-form";
import { createApplication } from "~/models/applications.server";
import { httpStatusOf } from "~/utils/outcome-response.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction = () => [{ title: `交付申請 | ${PRODUCT_NAME}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const started = performance.now();
  const viewer = await requireAnyPermission(request, context, ["view:application:own", "view:application:any"]);
  if (!can(viewer.role, "view:application:any"))
    return { kind: "applicant" as const, ...(await applicationOverview(context.db, viewer, currentFiscalYearOf(context))) };
  // An administrator reads the reviewers' inbox without its actions: nothing is theirs to take.
  const canAssign = can(viewer.role, "review:application:any");
  const params = new URL(request.url).searchParams;
  const asked = readInboxFilter(params, { takesApplications: canAssign });
  const now = new Date();
  const read = (filter: InboxFilter) => reviewerInbox(context.db, filter, { viewerId: viewer.userId, today: japanToday(now) });
  let filter = asked;
  let inbox = await read(filter);
  // A user id that is no reviewer's is no filter (only an address typed by hand leads here: read once more).
  if (typeof asked.assignee === "number" && !inbox.reviewers.some((r) => r.id === asked.assignee)) {
    filter = { ...asked, assignee: canAssign ? "me" : "all" };
    inbox = await read(filter);
  }
  // A change of assignment made from a row of this page says which application it was.
  const changed = params.get("assignment");
  const organisation = changed && Object.hasOwn(ASSIGNMENT_NOTICES, changed) ? await applicationName(context.db, Number(params.get("application"))) : null;
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
    daysWaiting: row.waiting_since && WAITING_ON_REVIEWER.includes(row.state) ? japanDaysBetween(row.waiting_since, now) : null,
    requestedAmount: row.requested_amount,
    decidedAmount: row.decided_amount,
    netPaid: netPaid({ paid: row.paid_amount, returned: row.returned_amount }),
    findings: row.acknowledged_warnings,
    reportLate: row.report_late,
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, name: row.assignee_name ?? "" },
  }));
  return data(
    {
      kind: "reviewer" as const,
      filter: { ...filter, page: inbox.page },
      items,
      counts: inbox.counts,
      total: inbox.total,
      pages: inbox.pages,
      fiscalYears: [0, 1, 2].map((back) => currentFiscalYearOf(context, now) - back),
      reviewers: inbox.reviewers,
      viewerId: viewer.userId,
      canAssign,
      notice: changed && organisation ? { intent: changed, organisation } : null,
    },
    // The server's own time for the page's data, for the browser's developer tools and npm run bench:inbox.
    { headers: { "Server-Timing": `inbox;dur=${(performance.now() - started).toFixed(1)}` } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const timing = loaderHeaders.get("Server-Timing");
  return timing ? { "Server-Timing": timing } : new Headers();
};

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "edit:application:own");
  const parsed = await readForm(newApplicationSchema(currentFiscalYearOf(context)), formValues(await postedForm(request)));
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
