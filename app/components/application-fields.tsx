import type { FocusEvent, ReactNode } from "react";
import { useFormContext } from "react-hook-form";
import { FISCAL_YEAR_MONTHS } from "~/domain/application-draft";
import { LONG_TEXT_LIMIT, SHORT_TEXT_LIMIT } from "~/domain/draft-text";
import { tidyYenInput } from "~/domain/money";
import { fieldId, inputClass } from "./forms";

/**
 * Controls for a form kept as a draft (the grant application, a proposal), inside its react-hook-form context. Every control is named by its
 * path in the draft ("lines.3.amount"), shows the finding or reviewer comment about it beside it, and is
 * tied to them with aria-describedby.
 */

export interface FieldNotes {
  /** The rules' or the form's message for this field. */
  message?: { text: string; severity: "error" | "warning" };
  /** What the reviewer said about this field, section or line when returning the application. */
  comments?: string[];
}

export function describedBy(path: string, notes: FieldNotes | undefined, hint = false) {
  const ids = [
    hint ? `${fieldId(path)}-hint` : null,
    notes?.message ? `${fieldId(path)}-message` : null,
    notes?.comments?.length ? `${fieldId(path)}-comment` : null,
  ].filter(Boolean);
  return {
    "aria-invalid": notes?.message?.severity === "error" ? (true as const) : undefined,
    "aria-describedby": ids.length ? ids.join(" ") : undefined,
  };
}

export function Notes({ path, notes }: { path: string; notes: FieldNotes | undefined }) {
  return (
    <>
      {notes?.message ? (
        <p id={`${fieldId(path)}-message`} className={`mt-1 text-dns-16N-130 ${notes.message.severity === "error" ? "text-error-2" : "text-orange-1000"}`}>
          {notes.message.text}
        </p>
      ) : null}
      {notes?.comments?.length ? <ReviewerComments id={`${fieldId(path)}-comment`} comments={notes.comments} /> : null}
    </>
  );
}

/**
 * The reviewer's comments on one place of the form, marked as such: the box is what the field's
 * aria-describedby names, so a screen reader reads it with the field.
 */
export function ReviewerComments({ id, comments }: { id: string; comments: readonly string[] }) {
  return (
    <div id={id} tabIndex={-1} className="mt-2 rounded-4 border-l-4 border-yellow-700 bg-yellow-100 px-3 py-2 text-dns-16N-130">
      {comments.map((comment, i) => (
        <p key={i} className="whitespace-pre-wrap break-words">
          <strong className="mr-1">審査担当者のコメント：</strong>
          {comment}
        </p>
      ))}
    </div>
  );
}

/** Label above, hint, the control, then its message and the reviewer's comment. */
function FieldFrame({
  path,
  label,
  hint,
  notes,
  children,
}: {
  path: string;
  label: string;
  hint?: string;
  notes: FieldNotes | undefined;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={fieldId(path)} className="block text-std-16B-170">
        {label}
      </label>
      {hint ? (
        <p id={`${fieldId(path)}-hint`} className="text-dns-14N-130 text-solid-gray-700">
          {hint}
        </p>
      ) : null}
      {children}
      <Notes path={path} notes={notes} />
    </div>
  );
}

/** A field's path in the draft ("lines.3.amount"); the draft's schema decides what it keeps. */
type DraftPath = string;

interface BaseProps {
  path: DraftPath;
  label: string;
  hint?: string;
  notes: FieldNotes | undefined;
}

/**
 * A field of the draft, registered with the form (react-hook-form holds its value). `defaultValue` is what
 * the page rendered on the server shows, so the form works before and without JavaScript.
 */
export function useDraftField(path: DraftPath, tidy?: (text: string) => string) {
  const { register, getValues, setValue } = useFormContext();
  const field = register(path);
  const value: unknown = getValues(path);
  return {
    ...field,
    defaultValue: typeof value === "string" ? value : "",
    onBlur: (event: FocusEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
      void field.onBlur(event);
      if (tidy) setValue(path, tidy(event.target.value), { shouldDirty: true });
    },
  };
}

/** `amount`: a field of yen, shown as "1,200,000" once left, whatever was typed ("１２０００００円"). */
export function TextInput({ path, label, hint, notes, numeric = false, amount = false }: BaseProps & { numeric?: boolean; amount?: boolean }) {
  const field = useDraftField(path, amount ? tidyYenInput : undefined);
  numeric ||= amount;
  return (
    <FieldFrame path={path} label={label} hint={hint} notes={notes}>
      <input
        id={fieldId(path)}
        {...field}
        inputMode={numeric ? "numeric" : undefined}
        maxLength={SHORT_TEXT_LIMIT}
        autoComplete="off"
        className={`${inputClass} ${numeric ? "text-right" : ""}`}
        {...describedBy(path, notes, Boolean(hint))}
      />
    </FieldFrame>
  );
}

export function TextArea({ path, label, hint, notes, rows = 4 }: BaseProps & { rows?: number }) {
  const field = useDraftField(path);
  return (
    <FieldFrame path={path} label={label} hint={hint} notes={notes}>
      <textarea id={fieldId(path)} {...field} rows={rows} maxLength={LONG_TEXT_LIMIT} className={inputClass} {...describedBy(path, notes, Boolean(hint))} />
    </FieldFrame>
  );
}

export function SelectField({
  path,
  label,
  notes,
  options,
  placeholder,
}: Omit<BaseProps, "hint"> & { options: readonly (readonly [string, string])[]; placeholder?: string }) {
  const field = useDraftField(path);
  return (
    <FieldFrame path={path} label={label} notes={notes}>
      <select id={fieldId(path)} {...field} className={inputClass} {...describedBy(path, notes)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map(([code, text]) => (
          <option key={code} value={code}>
            {text}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/**
 * The months a piece of work runs, ticked in a group of boxes (4月 … 3月) under a legend naming the work.
 * `selected` is the form's current value, kept in the fiscal year's order whatever order they are ticked
 * in. The group itself is the field a message or the error summary points at; without JavaScript the
 * ticked boxes post under `path`, one value each.
 */
export function MonthsField({
  path,
  legend,
  selected,
  notes,
}: {
  path: DraftPath;
  legend: string;
  selected: readonly number[];
  notes: FieldNotes | undefined;
}) {
  const { getValues, setValue } = useFormContext();
  const toggle = (month: number, on: boolean) => {
    const current: unknown = getValues(path);
    const chosen = new Set(Array.isArray(current) ? current.map(Number) : []);
    if (on) chosen.add(month);
    else chosen.delete(month);
    setValue(
      path,
      FISCAL_YEAR_MONTHS.filter((m) => chosen.has(m)),
      { shouldDirty: true },
    );
  };
  return (
    <fieldset id={fieldId(path)} tabIndex={-1} {...describedBy(path, notes)}>
      <legend className="text-std-16B-170">{legend}</legend>
      <div className="flex flex-wrap gap-3">
        {FISCAL_YEAR_MONTHS.map((m) => (
          <label key={m} className="flex items-center gap-1">
            <input type="checkbox" name={path} value={m} checked={selected.includes(m)} onChange={(e) => toggle(m, e.target.checked)} className="size-4" />
            {m}月
          </label>
        ))}
      </div>
      <Notes path={path} notes={notes} />
    </fieldset>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4 rounded-12 border border-solid-gray-420 p-6">
      <h2 id={id} className="text-std-24B-150">
        {title}
      </h2>
      {children}
    </section>
  );
}
