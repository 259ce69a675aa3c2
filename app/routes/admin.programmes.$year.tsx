import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import { notFound, requirePermission } from "~/auth/viewer.server";
import { Notice } from "~/components/forms";
import { DocumentSettingsForm } from "~/components/programme-year-forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { ProgrammeFigures, programmeFigureValues } from "~/components/programme-figures";
import { PROGRAMME_NAMES } from "~/domain/programmes";
import { fiscalYearLabel } from "~/domain/wareki";
import { documentSettingsFormValues, DocumentSettingsSchema } from "~/forms/programme-year";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { listDeadlineExtensions } from "~/models/deadline-extensions.server";
import { documentSettingsFor, listProgrammeYears, saveDocumentSettings } from "~/models/programme-parameters.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${fiscalYearLabel(data.fiscalYear)}の設定 | ${PRODUCT_NAME}` : PRODUCT_NAME }];

function yearParam(params: LoaderFunctionArgs["params"]): number {
  if (!/^[0-9]{4}$/.test(params.year ?? "")) notFound();
  return Number(params.year);
}

/** GET /admin/programmes/:year — the year's programmes and its document settings (POST saves them). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "manage:programme-parameters:any");
  const fiscalYear = yearParam(params);
  const programmes = await listProgrammeYears(context.db, [fiscalYear]);
  if (programmes.length === 0) notFound();
  const [settings, extensions] = await Promise.all([documentSettingsFor(context.db, fiscalYear), listDeadlineExtensions(context.db, fiscalYear)]);
  return {
    fiscalYear,
    programmes: programmes.map(({ parameters, window, inUse }) => ({ ...programmeFigureValues(parameters, window), inUse })),
    documentValues: documentSettingsFormValues(settings),
    extensionCount: extensions.length,
  };
}

type ActionResult = { errors: HookFormErrors; values: FieldValues };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "manage:programme-parameters:any");
  const fiscalYear = yearParam(params);
  const actor = { userId: viewer.userId, organisationId: viewer.organisationId, ip: context.clientIp };
  const values = formValues(await postedForm(request));
  const parsed = await readForm(DocumentSettingsSchema, values);
  if (!parsed.ok) return data<ActionResult>({ errors: nestErrors(parsed.errors), values }, { status: 400 });
  const outcome = await saveDocumentSettings(context.db, actor, fiscalYear, parsed.value);
  if (outcome.status !== "done") notFound();
  return redirect(`/admin/programmes/${fiscalYear}?notice=documents`);
}

const NOTICES: Record<string, string> = {
  started: "前の年度の交付要件と文書の設定を写して、この年度を始めました。受付期間を設定してください。",
  saved: "交付要件を保存しました。",
  documents: "文書の設定を保存しました。これから作成される文書に使われます。",
};

export default function AdminFiscalYear() {
  const { fiscalYear, programmes, documentValues, extensionCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const notice = NOTICES[useSearchParams()[0].get("notice") ?? ""];
  return (
    <div className="space-y-8">
      <p>
        <Link to="/admin/programmes" className="text-key-800 underline">
          年度と交付要件に戻る
        </Link>
      </p>
      {notice && !actionData ? <Notice tone="success">{notice}</Notice> : null}
      <h1 className="text-std-32B-150">{fiscalYearLabel(fiscalYear)}の設定</h1>

      <section aria-labelledby="programmes-heading" className="space-y-3">
        <h2 id="programmes-heading" className="text-std-24B-150">
          交付要件
        </h2>
        <ul className="grid gap-4 md:grid-cols-2">
          {programmes.map((p) => (
            <li key={p.programme} className="space-y-2 rounded-12 border border-solid-gray-420 p-4">
              <h3 className="text-std-18B-160">{PROGRAMME_NAMES[p.programme]}</h3>
              <ProgrammeFigures figures={p} />
              <p>
                <Link to={`/admin/programmes/${fiscalYear}/${p.programme}`} className="text-key-800 underline">
                  交付要件を変更する<span className="sr-only">（{PROGRAMME_NAMES[p.programme]}）</span>
                </Link>
                {p.inUse ? <span className="ml-2 text-dns-14N-130 text-solid-gray-700">提出済みの申請あり</span> : null}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="documents-heading" className="space-y-3">
        <h2 id="documents-heading" className="text-std-24B-150">
          文書に印字する内容
        </h2>
        <p className="max-w-3xl">
          この年度の交付申請書・通知書に印字します。変更は、これから作成される文書（提出・通知の時点の設定）に使われ、作成済みの文書は変わりません。
        </p>
        <DocumentSettingsForm values={actionData?.values ?? documentValues} />
      </section>

      <section aria-labelledby="extensions-heading" className="space-y-3">
        <h2 id="extensions-heading" className="text-std-24B-150">
          締切の延長
        </h2>
        <p>
          {extensionCount === 0 ? "延長している組織はありません。" : `${extensionCount}組織の締切を延長しています。`}
          <Link to={`/admin/programmes/${fiscalYear}/extensions`} className="ml-2 text-key-800 underline">
            締切の延長を管理する
          </Link>
        </p>
      </section>
    </div>
  );
}
