import { Form, useSubmit } from "@remix-run/react";
import { useMemo, useState, type FormEvent } from "react";
import { FormProvider, useFieldArray, useForm, useFormContext, useWatch } from "react-hook-form";
import { describedBy, Notes, Section, SelectField, TextArea, TextInput, type FieldNotes } from "~/components/application-fields";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, fieldId, primaryButtonClass, secondaryButtonClass } from "~/components/forms";
import { RowButton } from "~/components/row-button";
import { formatYen } from "~/domain/money";
import type { FieldErrors } from "~/domain/outcome";
import {
  checkProposal,
  EXPENSE_CATEGORIES,
  MEMBER_KINDS,
  NEW_PROPOSAL_ROWS,
  PROPOSAL_ACTIVITIES,
  readProposalDraft,
  type ProposalDraft,
  type ProposalRules,
} from "~/domain/proposal-draft";
import { proposalFieldLabel, proposalResolver } from "~/forms/proposal";
import { SAVE_STATUS_TEXT, useAutosave, type SaveConflict } from "~/forms/use-autosave";

interface EditorProps {
  proposal: { id: number; state: string; draft: ProposalDraft; revision: number };
  rules: ProposalRules;
  /** The reviewer's comments returning the proposal, shown at the top of the form. */
  comments: readonly string[];
  /** What the server answered a submission it refused: the draft it saved, and why. */
  refused: { draft: ProposalDraft; revision: number; message: string; errors?: FieldErrors } | null;
  /** Input typed when the session ran out, given back after signing in again (not saved yet). */
  restored: ProposalDraft | null;
  /** A save without JavaScript that met a colleague's save. */
  conflict: SaveConflict<ProposalDraft> | null;
}

const MEMBER_KIND_OPTIONS = Object.entries(MEMBER_KINDS);
const CATEGORY_OPTIONS = EXPENSE_CATEGORIES.map((c) => [c, c] as const);

/**
 * The proposal form while it can be edited, on the application form's machinery: react-hook-form holds
 * every field, the draft saves itself (useAutosave), the total follows every keystroke and is held against
 * the call's ceiling, and 提出する is checked first. Without JavaScript the buttons post the form.
 */
export function ProposalEditor({ proposal, rules, comments, refused, restored, conflict: postedConflict }: EditorProps) {
  const submit = useSubmit();
  const [blocked, setBlocked] = useState(false);
  const form = useForm<ProposalDraft>({ defaultValues: refused?.draft ?? restored ?? proposal.draft, resolver: proposalResolver(rules) });
  const autosave = useAutosave({
    endpoint: `/proposals/${proposal.id}/draft`,
    revision: refused?.revision ?? proposal.revision,
    form,
    startDirty: restored !== null,
    conflict: postedConflict,
  });
  const watched = useWatch({ control: form.control });
  const draft = useMemo(() => readProposalDraft(watched), [watched]);
  // The budget is checked as it is typed; the rest once a submission was tried.
  const check = useMemo(() => checkProposal(draft, rules, { forSubmission: blocked || Boolean(refused?.errors) }), [draft, rules, blocked, refused]);
  const notes = useMemo(() => {
    const byPath: Record<string, FieldNotes> = {};
    for (const [path, text] of Object.entries(autosave.refusals)) byPath[path] = { message: { text, severity: "error" } };
    for (const [path, text] of Object.entries(check.errors)) byPath[path] ??= { message: { text, severity: "error" } };
    return byPath;
  }, [check.errors, autosave.refusals]);
  const savedTime = autosave.savedAt
    ? new Date(autosave.savedAt).toLocaleTimeString("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" })
    : null;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const button = (event.nativeEvent as SubmitEvent).submitter;
    if (!(button instanceof HTMLButtonElement) || button.value !== "submit") return;
    void form.handleSubmit(
      () => submit(button),
      () => {
        setBlocked(true);
        void autosave.saveNow();
      },
    )(event);
  };
  const errorCount = Object.keys(check.errors).length;

  return (
    <FormProvider {...form}>
      {(blocked || refused?.errors) && errorCount > 0 ? (
        <ErrorSummary
          title={refused?.errors ? refused.message : "修正が必要な項目があるため、提出できませんでした。入力内容は自動で保存されます。"}
          errors={check.errors}
        />
      ) : null}
      {autosave.conflict ? (
        <ConflictNotice conflict={autosave.conflict} fieldLabel={proposalFieldLabel} onOverwrite={autosave.overwrite} onLoadTheirs={autosave.loadTheirs} />
      ) : null}
      {comments.length > 0 ? (
        <div className="space-y-2 rounded-8 border-l-4 border-yellow-700 bg-yellow-100 p-4">
          <h2 className="text-std-18B-160">審査担当者のコメント（差戻し）</h2>
          {comments.map((c, i) => (
            <p key={i} className="whitespace-pre-wrap break-words">
              {c}
            </p>
          ))}
          <p>修正して、再提出してください。</p>
        </div>
      ) : null}
      <Form
        method="post"
        noValidate
        onSubmit={onSubmit}
        className="space-y-8"
        onBlur={() => {
          if (autosave.status === "dirty") void autosave.saveNow();
        }}
      >
        <input type="hidden" name="revision" value={autosave.revision} />
        <p aria-live="polite" className="text-dns-16N-130 text-solid-gray-700" data-testid="save-status">
          {autosave.status === "idle" && savedTime ? `保存しました ${savedTime}` : SAVE_STATUS_TEXT[autosave.status]}
        </p>

        <Section id="plan-heading" title="事業の内容">
          <TextArea path="currentSituation" label="○ 現状・これまでの取組" rows={6} notes={notes.currentSituation} />
          <TextArea path="plans" label="● 今後の取組" rows={6} notes={notes.plans} />
          <SecondYear notes={notes} secondYear={draft.secondYear} />
          <Activities notes={notes} kind={rules.kind} />
        </Section>

        <Section id="members-heading" title="プラットフォームの構成団体（予定）">
          <Members notes={notes} />
        </Section>

        <Section id="schedule-heading" title="実施スケジュール">
          <Schedule notes={notes} />
        </Section>

        <Section id="budget-heading" title="所要額">
          <p className="text-dns-16N-130 text-solid-gray-700">
            委託事業のため補助率はなく、合計額（提案額）を全額お支払いします。合計はこの公募の上限額 {formatYen(rules.ceiling)} 以内にしてください。
          </p>
          <Budget notes={notes} />
          <div id={fieldId("budget")} tabIndex={-1} className="rounded-8 bg-solid-gray-50 p-4">
            <p className="text-std-18B-160">
              合計（提案額） <span className="tabular-nums">{formatYen(check.total)}</span>
              <span className="ml-2 text-dns-16N-130 font-normal">／ 上限額 {formatYen(rules.ceiling)}</span>
            </p>
            <Notes path="budget" notes={notes.budget} />
          </div>
        </Section>

        <Section id="submit-heading" title="提出">
          <p>提出すると内容が版として固定され、差し戻されない限り編集できません。</p>
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="intent" value="submit" className={primaryButtonClass}>
              {proposal.state === "returned" ? "再提出する" : "提出する"}
            </button>
            <button type="submit" name="intent" value="save" className={secondaryButtonClass}>
              下書きを保存
            </button>
          </div>
        </Section>
      </Form>
    </FormProvider>
  );
}

function SecondYear({ notes, secondYear }: { notes: Record<string, FieldNotes>; secondYear: boolean }) {
  const { register, getValues } = useFormContext<ProposalDraft>();
  return (
    <div className="space-y-3">
      <label className="flex items-center gap-2 text-std-16B-170">
        {/* defaultChecked: the page rendered on the server shows the box as saved, also without JavaScript. */}
        <input type="checkbox" {...register("secondYear")} defaultChecked={getValues("secondYear")} className="size-5" />
        2回目の提案（前年度にもこのモデル事業を実施した）
      </label>
      {/* Shown always, so that the form works the same without JavaScript; required for a second year only. */}
      <TextArea
        path="firstYearResults"
        label="1回目（前年度）の成果"
        hint={secondYear ? "2回目の提案では必須です。" : "2回目の提案のときに記入します。"}
        rows={4}
        notes={notes.firstYearResults}
      />
    </div>
  );
}

function Activities({ notes, kind }: { notes: Record<string, FieldNotes>; kind: ProposalRules["kind"] }) {
  const { register, getValues } = useFormContext<ProposalDraft>();
  const ticked = getValues("activities");
  return (
    <fieldset id={fieldId("activities")} tabIndex={-1} className="space-y-2" {...describedBy("activities", notes.activities)}>
      <legend className="text-std-16B-170">実施する取組</legend>
      {kind === "model-platform" ? <p className="text-dns-16N-130 text-solid-gray-700">◎の3つは必ず実施します。</p> : null}
      {PROPOSAL_ACTIVITIES.map((a) => (
        <label key={a.code} className="flex items-start gap-2">
          <input type="checkbox" value={a.code} {...register("activities")} defaultChecked={ticked.includes(a.code)} className="mt-1 size-5 shrink-0" />
          <span>
            {a.label}
            {a.required && kind === "model-platform" ? " ◎" : ""}
          </span>
        </label>
      ))}
      <Notes path="activities" notes={notes.activities} />
    </fieldset>
  );
}

function Members({ notes }: { notes: Record<string, FieldNotes> }) {
  const { control } = useFormContext<ProposalDraft>();
  const rows = useFieldArray({ control, name: "members" });
  return (
    <div id={fieldId("members")} tabIndex={-1} className="space-y-4">
      <Notes path="members" notes={notes.members} />
      {rows.fields.map((field, i) => (
        <fieldset key={field.id} className="space-y-3 rounded-8 border border-solid-gray-420 p-4">
          <legend className="px-1 text-std-16B-170">構成団体 {i + 1}行目</legend>
          <div className="grid gap-4 sm:grid-cols-[12rem_8rem]">
            <SelectField path={`members.${i}.kind`} label="種別" options={MEMBER_KIND_OPTIONS} notes={notes[`members.${i}.kind`]} />
            <TextInput path={`members.${i}.count`} label="団体数" numeric notes={notes[`members.${i}.count`]} />
          </div>
          <TextArea path={`members.${i}.names`} label="団体名" hint="複数あるときは「、」で区切ります。" rows={2} notes={notes[`members.${i}.names`]} />
          <RowButton intent={`remove:members:${i}`} label="この行を削除" description={`構成団体 ${i + 1}行目を削除`} onClick={() => rows.remove(i)} small />
        </fieldset>
      ))}
      <RowButton intent="add:members" label="構成団体の行を追加" onClick={() => rows.append(NEW_PROPOSAL_ROWS.members())} boxed />
    </div>
  );
}

function Schedule({ notes }: { notes: Record<string, FieldNotes> }) {
  const { control } = useFormContext<ProposalDraft>();
  const rows = useFieldArray({ control, name: "schedule" });
  return (
    <div id={fieldId("schedule")} tabIndex={-1} className="space-y-4">
      <Notes path="schedule" notes={notes.schedule} />
      {rows.fields.map((field, i) => (
        <fieldset key={field.id} className="space-y-3 rounded-8 border border-solid-gray-420 p-4">
          <legend className="px-1 text-std-16B-170">スケジュール {i + 1}行目</legend>
          <div className="grid gap-4 sm:grid-cols-[14rem_minmax(0,1fr)]">
            <TextInput path={`schedule.${i}.months`} label="時期" hint="例：4月〜6月" notes={notes[`schedule.${i}.months`]} />
            <TextInput path={`schedule.${i}.what`} label="実施内容" notes={notes[`schedule.${i}.what`]} />
          </div>
          <RowButton
            intent={`remove:schedule:${i}`}
            label="この行を削除"
            description={`スケジュール ${i + 1}行目を削除`}
            onClick={() => rows.remove(i)}
            small
          />
        </fieldset>
      ))}
      <RowButton intent="add:schedule" label="スケジュールの行を追加" onClick={() => rows.append(NEW_PROPOSAL_ROWS.schedule())} boxed />
    </div>
  );
}

function Budget({ notes }: { notes: Record<string, FieldNotes> }) {
  const { control } = useFormContext<ProposalDraft>();
  const rows = useFieldArray({ control, name: "budget" });
  return (
    <div className="space-y-4">
      {rows.fields.map((field, i) => (
        <fieldset key={field.id} className="space-y-3 rounded-8 border border-solid-gray-420 p-4">
          <legend className="px-1 text-std-16B-170">内訳 {i + 1}行目</legend>
          <div className="grid gap-4 sm:grid-cols-[12rem_minmax(0,1fr)_12rem]">
            <SelectField
              path={`budget.${i}.category`}
              label="費目"
              options={CATEGORY_OPTIONS}
              placeholder="選んでください"
              notes={notes[`budget.${i}.category`]}
            />
            <TextInput path={`budget.${i}.description`} label="内容" notes={notes[`budget.${i}.description`]} />
            <TextInput path={`budget.${i}.amount`} label="金額（円）" amount notes={notes[`budget.${i}.amount`]} />
          </div>
          <RowButton intent={`remove:budget:${i}`} label="この行を削除" description={`内訳 ${i + 1}行目を削除`} onClick={() => rows.remove(i)} small />
        </fieldset>
      ))}
      <RowButton intent="add:budget" label="内訳の行を追加" onClick={() => rows.append(NEW_PROPOSAL_ROWS.budget())} boxed />
    </div>
  );
}
