import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import { notFound, requirePermission } from "~/auth/viewer.server";
import { Notice } from "~/components/forms";
import { DeadlineExtensionForm } from "~/components/programme-year-forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { PROGRAMME_NAMES } from "~/domain/programmes";
import { fiscalYearLabel, formatWarekiDateTime } from "~/domain/wareki";
import { DeadlineExtensionSchema } from "~/forms/programme-year";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { grantDeadlineExtension, listApplicantOrganisations, listDeadlineExtensions } from "~/models/deadline-extensions.server";
import { listProgrammeYears } from "~/models/programme-parameters.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${fiscalYearLabel(data.fiscalYear)}の締切の延長 | ${PRODUCT_NAME}` : PRODUCT_NAME },
];

async function yearOf(context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]): Promise<number> {
  if (!/^[0-9]{4}$/.test(params.year ?? "")) notFound();
  const year = Number(params.year);
  if ((await listProgrammeYears(context.db, [year])).length === 0) notFound();
  return year;
}

/** GET /admin/programmes/:year/extensions — the organisations whose deadline is extended, and the form to extend one. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "manage:programme-parameters:any");
  const fiscalYear = await yearOf(context, params);
  const [extensions, organisations] = await Promise.all([listDeadlineExtensions(context.db, fiscalYear), listApplicantOrganisations(context.db)]);
  return { fiscalYear, extensions: extensions.map((e) => ({ ...e, closesAt: formatWarekiDateTime(e.closesAt) })), organisations };
}

type ActionResult = { errors: HookFormErrors; values: FieldValues };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "manage:programme-parameters:any");
  const fiscalYear = await yearOf(context, params);
  const values = formValues(await postedForm(request));
  const parsed = await readForm(DeadlineExtensionSchema, values);
  if (!parsed.ok) return data<ActionResult>({ errors: nestErrors(parsed.errors), values }, { status: 400 });
  const actor = { userId: viewer.userId, organisationId: viewer.organisationId, ip: context.clientIp };
  const outcome = await grantDeadlineExtension(context.db, actor, { ...parsed.value, fiscalYear });
  if (outcome.status === "invalid") return data<ActionResult>({ errors: nestErrors(outcome.errors), values }, { status: 400 });
  if (outcome.status === "refused") return data<ActionResult>({ errors: nestErrors({ form: outcome.reason }), values }, { status: 409 });
  if (outcome.status !== "done") notFound();
  return redirect(`/admin/programmes/${fiscalYear}/extensions?notice=extended`);
}

export default function AdminDeadlineExtensions() {
  const { fiscalYear, extensions, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const extended = useSearchParams()[0].get("notice") === "extended";
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/admin/programmes/${fiscalYear}`} className="text-key-800 underline">
          {fiscalYearLabel(fiscalYear)}の設定に戻る
        </Link>
      </p>
      {extended && !actionData ? <Notice tone="success">締切を延長しました。</Notice> : null}
      <h1 className="text-std-32B-150">{fiscalYearLabel(fiscalYear)}の締切の延長</h1>
      <p className="max-w-3xl">
        特定の組織について、受付終了日時より後の締切を設定します。延長後の締切と理由はその組織の画面に表示され、その日時まで提出を受け付けます。同じ組織にもう一度設定すると置き換わります。
      </p>
      {extensions.length === 0 ? (
        <p>延長している組織はありません。</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">締切を延長している組織</caption>
            <thead>
              <tr className="border-b border-solid-gray-420">
                <th scope="col" className="py-2 pr-3">
                  組織
                </th>
                <th scope="col" className="py-2 pr-3">
                  事業
                </th>
                <th scope="col" className="py-2 pr-3">
                  延長後の締切
                </th>
                <th scope="col" className="py-2">
                  理由
                </th>
              </tr>
            </thead>
            <tbody>
              {extensions.map((e) => (
                <tr key={e.id} className="border-b border-solid-gray-200 align-top">
                  <td className="py-2 pr-3">{e.organisation}</td>
                  <td className="py-2 pr-3">{PROGRAMME_NAMES[e.programme]}</td>
                  <td className="py-2 pr-3">{e.closesAt}</td>
                  <td className="py-2 break-words">{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 className="text-std-24B-150">締切を延長する</h2>
      <DeadlineExtensionForm values={actionData?.values ?? {}} organisations={organisations} />
    </div>
  );
}
