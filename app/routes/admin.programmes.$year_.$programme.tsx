import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { FieldErrors as HookFormErrors, FieldValues } from "react-hook-form";
import { notFound, requirePermission } from "~/auth/viewer.server";
import { Notice } from "~/components/forms";
import { ProgrammeParametersForm } from "~/components/programme-year-forms";
import { PRODUCT_NAME } from "~/components/site-header";
import { PROGRAMME_NAMES, PROGRAMMES, type Programme } from "~/domain/programmes";
import { fiscalYearLabel } from "~/domain/wareki";
import { parametersFrom, programmeYearFormValues, ProgrammeYearSchema } from "~/forms/programme-year";
import { formValues, nestErrors, readForm } from "~/forms/read-form";
import { listProgrammeYears, saveProgrammeYear } from "~/models/programme-parameters.server";
import { postedForm } from "~/utils/posted-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${fiscalYearLabel(data.fiscalYear)} ${PROGRAMME_NAMES[data.programme]}の交付要件 | ${PRODUCT_NAME}` : PRODUCT_NAME },
];

async function findProgrammeYear(context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const year = /^[0-9]{4}$/.test(params.year ?? "") ? Number(params.year) : NaN;
  const programme = PROGRAMMES.find((p) => p === params.programme);
  if (!programme || Number.isNaN(year)) notFound();
  const [found] = (await listProgrammeYears(context.db, [year])).filter((p) => p.parameters.programme === programme);
  if (!found) notFound();
  return { ...found, fiscalYear: year, programme: programme as Programme };
}

/** GET /admin/programmes/:year/:programme — one programme-year's parameters and window, as a form. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "manage:programme-parameters:any");
  const { parameters, window, inUse, fiscalYear, programme } = await findProgrammeYear(context, params);
  return { fiscalYear, programme, inUse, values: programmeYearFormValues(parameters, window) };
}

type ActionResult = { errors: HookFormErrors; values: FieldValues };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, context, "manage:programme-parameters:any");
  const { parameters, fiscalYear } = await findProgrammeYear(context, params);
  const values = formValues(await postedForm(request));
  const parsed = await readForm(ProgrammeYearSchema, values);
  if (!parsed.ok) return data<ActionResult>({ errors: nestErrors(parsed.errors), values }, { status: 400 });
  const outcome = await saveProgrammeYear(
    context.db,
    { userId: viewer.userId, organisationId: viewer.organisationId, ip: context.clientIp },
    parametersFrom(parsed.value, parameters),
    parsed.value.window,
  );
  if (outcome.status === "invalid") return data<ActionResult>({ errors: nestErrors(outcome.errors), values }, { status: 400 });
  if (outcome.status !== "done") notFound();
  return redirect(`/admin/programmes/${fiscalYear}?notice=saved`);
}

export default function AdminProgrammeYear() {
  const { fiscalYear, programme, inUse, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/admin/programmes/${fiscalYear}`} className="text-key-800 underline">
          {fiscalYearLabel(fiscalYear)}に戻る
        </Link>
      </p>
      <h1 className="text-std-32B-150">
        {fiscalYearLabel(fiscalYear)} {PROGRAMME_NAMES[programme]}の交付要件
      </h1>
      {inUse ? (
        <Notice>
          この年度の申請がすでに提出されています。提出された申請はその時の交付率・交付基準額・上限額で計算されているため、これらは変更できません。予算額・受付期間・実績報告の期限・審査の目安は変更でき、変更後に提出される申請から使われます。
        </Notice>
      ) : null}
      <ProgrammeParametersForm values={actionData?.values ?? values} inUse={inUse} />
    </div>
  );
}
