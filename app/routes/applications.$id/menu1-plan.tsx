import { useFieldArray, useFormContext } from "react-hook-form";
import { describedBy, MonthsField, Notes, SelectField, TextArea, TextInput, type FieldNotes } from "~/components/application-fields";
import { DELEGATION_METHODS, NEW_ROWS, PLATFORM_MEMBER_KINDS, type ApplicationDraft } from "~/domain/application-draft";
import { MENU1_ACTIVITIES } from "~/domain/programmes";
import { RowButton } from "~/components/row-button";

const ORDER: string[] = MENU1_ACTIVITIES.map((a) => a.code);

/**
 * Menu 1's plan: the platform and the activities ①–⑩ chosen (each with its content, months and
 * indicators), the platform's members, and the work commissioned or subsidised. `draft` is the form's
 * current values.
 */
export function Menu1Plan({ draft, notes }: { draft: ApplicationDraft; notes: Record<string, FieldNotes> }) {
  const { control, register, getValues } = useFormContext<ApplicationDraft>();
  const activities = useFieldArray({ control, name: "activities" });
  const members = useFieldArray({ control, name: "platformMembers" });
  const delegations = useFieldArray({ control, name: "delegations" });

  const tick = (code: ApplicationDraft["activities"][number]["code"], on: boolean) => {
    const next = getValues("activities").filter((a) => a.code !== code);
    if (on) next.push({ code, content: "", months: [], indicators: "" });
    activities.replace(next.sort((a, b) => ORDER.indexOf(a.code) - ORDER.indexOf(b.code)));
  };

  return (
    <>
      <fieldset className="space-y-3" {...describedBy("activities", notes.activities)}>
        <legend className="text-std-18B-160">実施する事業</legend>
        <p className="text-dns-16N-130 text-solid-gray-700">
          1 プラットフォームの構築は必須です。①～⑩から2つ以上を選び、それぞれの内容・実施月・指標を記入します。
        </p>
        <Notes path="activities" notes={notes.activities} />
        {/* The platform's box cannot be unticked, and a disabled box is not posted: it is posted here. */}
        <input type="hidden" name="activityCodes" value="platform" />
        {MENU1_ACTIVITIES.map((activity) => {
          const i = activities.fields.findIndex((f) => f.code === activity.code);
          const plan = i >= 0 ? draft.activities[i] : undefined;
          const at = `activities.${i}` as const;
          return (
            <div key={activity.code} className="rounded-8 border border-solid-gray-420 p-4">
              <label className="flex items-start gap-2 text-std-16B-170">
                <input
                  type="checkbox"
                  name="activityCodes"
                  value={activity.code}
                  checked={i >= 0}
                  disabled={activity.code === "platform"}
                  onChange={(e) => tick(activity.code, e.target.checked)}
                  className="mt-1 size-5 shrink-0"
                />
                <span>
                  {activity.label} {activity.name}
                  {activity.code === "platform" ? "（必須）" : ""}
                </span>
              </label>
              {i >= 0 ? (
                <div key={activities.fields[i]!.id} className="mt-3 space-y-3 pl-7">
                  <input type="hidden" {...register(`${at}.code`)} defaultValue={activity.code} />
                  <TextArea path={`${at}.content`} label={`${activity.label} 実施内容`} rows={3} notes={notes[`${at}.content`]} />
                  <MonthsField path={`${at}.months`} legend={`${activity.label} 実施月`} selected={plan?.months ?? []} notes={notes[`${at}.months`]} />
                  <TextInput path={`${at}.indicators`} label={`${activity.label} 指標（成果の目安）`} notes={notes[`${at}.indicators`]} />
                </div>
              ) : null}
            </div>
          );
        })}
      </fieldset>

      <fieldset className="space-y-3" {...describedBy("platformMembers", notes.platformMembers)}>
        <legend className="text-std-18B-160">プラットフォームの構成団体</legend>
        <Notes path="platformMembers" notes={notes.platformMembers} />
        {members.fields.map((row, i) => (
          <div key={row.id} className="grid gap-3 rounded-8 border border-solid-gray-420 p-4 sm:grid-cols-3">
            <TextInput path={`platformMembers.${i}.name`} label={`構成団体${i + 1} 名称`} notes={notes[`platformMembers.${i}.name`]} />
            <SelectField
              path={`platformMembers.${i}.kind`}
              label="種別"
              notes={notes[`platformMembers.${i}.kind`]}
              options={Object.entries(PLATFORM_MEMBER_KINDS)}
            />
            <TextInput path={`platformMembers.${i}.role`} label="役割" notes={notes[`platformMembers.${i}.role`]} />
            <RowButton intent={`remove:platformMembers:${i}`} label={`構成団体${i + 1}を削除`} onClick={() => members.remove(i)} />
          </div>
        ))}
        <RowButton intent="add:platformMembers" label="構成団体を追加" onClick={() => members.append(NEW_ROWS.platformMembers())} />
      </fieldset>

      <fieldset className="space-y-3" {...describedBy("delegations", notes.delegations)}>
        <legend className="text-std-18B-160">委託・補助により実施する事業</legend>
        <p className="text-dns-16N-130 text-solid-gray-700">補助による実施は⑦と⑧に限られます。</p>
        <Notes path="delegations" notes={notes.delegations} />
        {delegations.fields.map((row, i) => (
          <div key={row.id} className="grid gap-3 rounded-8 border border-solid-gray-420 p-4 sm:grid-cols-2">
            <SelectField
              path={`delegations.${i}.activity`}
              label="事業"
              notes={notes[`delegations.${i}.activity`]}
              placeholder="選択してください"
              options={MENU1_ACTIVITIES.map((a) => [a.code, `${a.label} ${a.name}`] as const)}
            />
            <SelectField path={`delegations.${i}.method`} label="方法" notes={notes[`delegations.${i}.method`]} options={Object.entries(DELEGATION_METHODS)} />
            <TextInput path={`delegations.${i}.recipient`} label="委託先・補助先" notes={notes[`delegations.${i}.recipient`]} />
            <TextInput path={`delegations.${i}.content`} label="内容" notes={notes[`delegations.${i}.content`]} />
            <RowButton intent={`remove:delegations:${i}`} label={`委託・補助${i + 1}を削除`} onClick={() => delegations.remove(i)} />
          </div>
        ))}
        <RowButton intent="add:delegations" label="委託・補助を追加" onClick={() => delegations.append(NEW_ROWS.delegations())} />
      </fieldset>
    </>
  );
}
