import { Form, useSubmit } from "@remix-run/react";
import { useMemo, useState, type FormEvent } from "react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { Section, TextArea, TextInput, type FieldNotes } from "~/components/application-fields";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, primaryButtonClass, secondaryButtonClass } from "~/components/forms";
import { GrantSummary } from "~/components/grant-summary";
import { readDraft, type ApplicationDraft } from "~/domain/application-draft";
import type { Finding } from "~/domain/grant-calculation";
import { formatYen } from "~/domain/money";
import { findProgrammeParameters, type Programme, type ProgrammeParameters } from "~/domain/programmes";
import { applicationResolver, checkDraft, fieldLabel } from "~/forms/application";
import { SAVE_STATUS_TEXT, useAutosave, type SaveConflict } from "~/forms/use-autosave";
import { BudgetTable } from "./budget-table";
import { Menu1Plan } from "./menu1-plan";
import { Menu2Plan } from "./menu2-plan";
import { VersionList } from "./review-panel";

interface EditorProps {
  application: { id: number; programme: Programme; fiscal_year: number; state: string; draft: ApplicationDraft; revision: number };
  parameters: ProgrammeParameters[];
  comments: { path: string; body: string }[];
  versions: Parameters<typeof VersionList>[0]["versions"];
  /** What the server answered a submission it refused: the draft it saved, and why. */
  refused: { draft: ApplicationDraft; revision: number; message: string; findings?: Finding[] } | null;
  /** Input typed when the session ran out, given back after signing in again (not saved yet). */
  restored: ApplicationDraft | null;
  /** A save without JavaScript that met a colleague's save. */
  conflict: SaveConflict<ApplicationDraft> | null;
}

/**
 * The application form while it can be edited: react-hook-form holds every field, the rules of the draft
 * (its resolver) check it as it is typed and before it is submitted, the figures follow every keystroke, and
 * the draft saves itself. Without JavaScript the buttons post the form and the server does the same.
 */
export function DraftEditor({ application, parameters, comments, versions, refused, restored, conflict: postedConflict }: EditorProps) {
  const { programme, fiscal_year: fiscalYear } = application;
  const rules = useMemo(() => ({ programme, fiscalYear, parameters }), [programme, fiscalYear, parameters]);
  const submit = useSubmit();
  const [blocked, setBlocked] = useState(false);
  const form = useForm<ApplicationDraft>({
    defaultValues: refused?.draft ?? restored ?? application.draft,
    resolver: applicationResolver(rules),
  });
  const autosave = useAutosave({
    endpoint: `/applications/${application.id}/draft`,
    revision: refused?.revision ?? application.revision,
    form,
    startDirty: restored !== null,
    conflict: postedConflict,
  });
  const { conflict } = autosave;

  const watched = useWatch({ control: form.control });
  const draft = useMemo(() => readDraft(watched), [watched]);
  const check = useMemo(() => checkDraft(rules, draft), [rules, draft]);
  // Always the findings of what is on the screen now, also after a refused submission.
  const findings = check.findings;
  const notes = useMemo(() => {
    const byPath: Record<string, FieldNotes> = {};
    // What the last save could not keep comes first: nothing was saved until it is mended.
    for (const [path, text] of Object.entries(autosave.refusals)) byPath[path] = { message: { text, severity: "error" } };
    for (const f of findings) byPath[f.path] ??= { message: { text: f.message, severity: f.severity } };
    for (const c of comments) byPath[c.path] = { ...byPath[c.path], comments: [...(byPath[c.path]?.comments ?? []), c.body] };
    return byPath;
  }, [findings, comments, autosave.refusals]);
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  const savedTime = autosave.savedAt
    ? new Date(autosave.savedAt).toLocaleTimeString("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" })
    : null;

  /**
   * 提出する is checked by the rules first: passing, the form is posted as it stands (as without
   * JavaScript); failing, the messages show at once and the draft is saved. Other buttons post the form.
   */
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

  return (
    <FormProvider {...form}>
      {(blocked || refused?.findings) && errors.length > 0 ? (
        <ErrorSummary
          title={refused?.findings ? refused.message : "修正が必要な項目があるため、提出できませんでした。入力内容は自動で保存されます。"}
          errors={Object.fromEntries(errors.map((f) => [f.path, f.message]))}
        />
      ) : null}
      {conflict ? <ConflictNotice conflict={conflict} fieldLabel={fieldLabel} onOverwrite={autosave.overwrite} onLoadTheirs={autosave.loadTheirs} /> : null}
      <Form
        method="post"
        noValidate
        onSubmit={onSubmit}
        className="grid grid-cols-[minmax(0,1fr)] gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]"
        onBlur={() => {
          if (autosave.status === "dirty") void autosave.saveNow();
        }}
      >
        <input type="hidden" name="revision" value={autosave.revision} />
        <div className="space-y-8">
          <p aria-live="polite" className="text-dns-16N-130 text-solid-gray-700" data-testid="save-status">
            {autosave.status === "idle" && savedTime ? `保存しました ${savedTime}` : SAVE_STATUS_TEXT[autosave.status]}
          </p>

          <Section id="plan-heading" title="事業計画">
            {/* The applicant's registry numbers the 交付申請書 as its other documents; the notices cite it. */}
            <TextInput
              path="documentNumber"
              label="文書番号（任意）"
              hint="貴団体の文書番号（例：富山県厚第123号）。空欄の場合は、番号欄を空けて印刷します。"
              notes={notes.documentNumber}
            />
            <TextArea path="purpose" label="事業の目的" notes={notes.purpose} />
            {programme === "prefectural" ? <Menu1Plan draft={draft} notes={notes} /> : <Menu2Plan draft={draft} notes={notes} />}
          </Section>

          <Section id="budget-heading" title="所要額">
            <BudgetTable draft={draft} programme={programme} notes={notes} lineAmounts={check.lineAmounts} />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextInput path="otherIncome" label="寄付金その他の収入額（円）" amount notes={notes.otherIncome} />
              <TextInput path="otherIncomeSource" label="収入の内訳" hint="例：寄付金、参加費" notes={notes.otherIncomeSource} />
              <TextInput
                path="requestedAmount"
                label="交付申請額（円）"
                hint={`空欄なら算定した交付額 ${formatYen(check.result.grantAmount)} で申請します。`}
                amount
                notes={notes.requestedAmount}
              />
            </div>
          </Section>

          <Section id="submit-heading" title="提出">
            {errors.length > 0 ? (
              <p>修正が必要な項目が{errors.length}件あります。右の一覧から該当する項目へ移動できます。</p>
            ) : (
              <p>{formatYen(check.requestedAmount)}で申請します。提出すると内容が版として固定され、審査が終わるまで編集できません。</p>
            )}
            {warnings.length > 0 ? (
              <div className="space-y-2">
                <ul className="list-disc pl-6 text-orange-1000">
                  {warnings.map((w, i) => (
                    <li key={i}>{w.message}</li>
                  ))}
                </ul>
                <label className="flex items-center gap-2">
                  <input type="checkbox" name="acknowledgeWarnings" className="size-5" />
                  確認事項を確認しました
                </label>
              </div>
            ) : null}
            <div className="flex flex-wrap gap-3">
              <button type="submit" name="intent" value="submit" className={primaryButtonClass}>
                {application.state === "returned" ? "再提出する" : "提出する"}
              </button>
              <button type="submit" name="intent" value="save" className={secondaryButtonClass}>
                下書きを保存
              </button>
            </div>
            <p>
              <a href={`/applications/${application.id}/pdf`} className="text-key-800 underline" target="_blank" rel="noreferrer">
                保存した内容を交付申請書（PDF・下書き）で確認する
              </a>
            </p>
          </Section>
          <VersionList applicationId={application.id} versions={versions} />
        </div>
        <GrantSummary
          title="交付額の算定"
          result={check.result}
          findings={findings}
          menu1={programme === "prefectural"}
          missingParameters={!findProgrammeParameters(parameters, fiscalYear, programme)}
        >
          <p className="text-dns-16N-130">
            交付申請額 <strong className="tabular-nums">{formatYen(check.requestedAmount)}</strong>
          </p>
        </GrantSummary>
      </Form>
    </FormProvider>
  );
}
