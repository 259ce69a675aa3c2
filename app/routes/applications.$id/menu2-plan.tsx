import { useFieldArray, useFormContext } from "react-hook-form";
import { describedBy, MonthsField, Notes, TextArea, TextInput, type FieldNotes } from "~/components/application-fields";
import { fieldId } from "~/components/forms";
import { PrefectureChecklist } from "~/components/prefecture-checklist";
import { MENU2_PLAN_FIELDS, NEW_ROWS, type ApplicationDraft } from "~/domain/application-draft";
import { RowButton } from "~/components/row-button";

/**
 * Menu 2's plan: the organisation alone or a consortium of members (the lead first), the prefectures the work
 * covers, and the work in four parts, each with the months it runs. `draft` is the form's current values.
 */
export function Menu2Plan({ draft, notes }: { draft: ApplicationDraft; notes: Record<string, FieldNotes> }) {
  const { control, setValue } = useFormContext<ApplicationDraft>();
  const members = useFieldArray({ control, name: "members" });
  return (
    <>
      <fieldset className="space-y-3" {...describedBy("members", notes.members)}>
        <legend className="text-std-18B-160">実施体制</legend>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="consortium"
            checked={draft.consortium}
            onChange={(e) => setValue("consortium", e.target.checked, { shouldDirty: true })}
            className="size-5"
          />
          コンソーシアム（複数の法人）で申請する
        </label>
        <Notes path="members" notes={notes.members} />
        {members.fields.map((row, i) => (
          <div key={row.id} className="grid gap-3 rounded-8 border border-solid-gray-420 p-4 sm:grid-cols-2">
            <TextInput path={`members.${i}.name`} label={i === 0 ? "代表団体 名称" : `構成団体${i} 名称`} notes={notes[`members.${i}.name`]} />
            <TextInput path={`members.${i}.corporateNumber`} label="法人番号（13桁）" numeric notes={notes[`members.${i}.corporateNumber`]} />
            <TextInput path={`members.${i}.role`} label="役割" notes={notes[`members.${i}.role`]} />
            <TextInput path={`members.${i}.share`} label="分担する業務" notes={notes[`members.${i}.share`]} />
            {i > 0 ? <RowButton intent={`remove:members:${i}`} label={`構成団体${i}を削除`} onClick={() => members.remove(i)} /> : null}
          </div>
        ))}
        {draft.consortium ? <RowButton intent="add:members" label="構成団体を追加" onClick={() => members.append(NEW_ROWS.members())} /> : null}
      </fieldset>

      <fieldset className="space-y-3" id={fieldId("areaPrefectures")} tabIndex={-1} {...describedBy("areaPrefectures", notes.areaPrefectures)}>
        <legend className="text-std-18B-160">活動区域</legend>
        <p className="text-dns-16N-130 text-solid-gray-700">原則として複数の都道府県にまたがる区域で行います。</p>
        <PrefectureChecklist selected={draft.areaPrefectures} onChange={(next) => setValue("areaPrefectures", next, { shouldDirty: true })} />
        <Notes path="areaPrefectures" notes={notes.areaPrefectures} />
        <TextArea path="areaJustification" label="1つの都道府県で行う理由（該当する場合）" rows={2} notes={notes.areaJustification} />
      </fieldset>

      <fieldset className="space-y-3" {...describedBy("plan", notes.plan)}>
        <legend className="text-std-18B-160">事業の内容</legend>
        <p className="text-dns-16N-130 text-solid-gray-700">行う取組ごとに、内容と実施月を記入します。行わない取組は空欄のままにします。</p>
        <Notes path="plan" notes={notes.plan} />
        {MENU2_PLAN_FIELDS.map(([key, label]) => (
          <div key={key} className="space-y-3 rounded-8 border border-solid-gray-420 p-4">
            <TextArea path={`plan.${key}`} label={label} rows={3} notes={notes[`plan.${key}`]} />
            <MonthsField path={`planMonths.${key}`} legend={`${label} 実施月`} selected={draft.planMonths[key]} notes={notes[`planMonths.${key}`]} />
          </div>
        ))}
      </fieldset>
    </>
  );
}
