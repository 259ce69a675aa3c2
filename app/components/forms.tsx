import { forwardRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import type { FieldErrors } from "~/domain/outcome";

/**
 * Form controls in the Digital Agency style: a label above, the message below, tied to the field by
 * aria-describedby, and an error summary at the top that links to each field.
 */

export const inputClass =
  "w-full rounded-8 border border-solid-gray-600 bg-white px-3 py-2 text-std-16N-170 aria-[invalid=true]:border-2 aria-[invalid=true]:border-error-2";
export const primaryButtonClass = "rounded-8 bg-key-800 px-6 py-3 text-std-16B-170 text-white hover:bg-key-900 disabled:bg-solid-gray-300";
export const secondaryButtonClass = "rounded-8 border border-key-800 bg-white px-4 py-2 text-dns-16B-130 text-key-800 hover:bg-key-50";

export function fieldId(name: string) {
  return `field-${name.replaceAll(".", "-")}`;
}

type FieldProps = { name: string; label: string; hint?: string; error?: string; required?: boolean };

/** Label, hint and message around one control, tied together by id and aria-describedby. */
function Field({
  name,
  label,
  hint,
  error,
  required,
  control,
}: FieldProps & { control: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode }) {
  const id = fieldId(name);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-std-16B-170">
        {label}
        {required ? (
          <span aria-hidden="true" className="ml-2 text-dns-14N-130 text-error-2">
            必須
          </span>
        ) : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-dns-14N-130 text-solid-gray-700">
          {hint}
        </p>
      ) : null}
      {control({ id, "aria-invalid": error ? true : undefined, "aria-describedby": described || undefined })}
      {error ? (
        <p id={`${id}-error`} className="text-dns-16N-130 text-error-2">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A text input in its frame; the ref reaches the input, so a form library can read and focus it. */
export const TextField = forwardRef<HTMLInputElement, FieldProps & InputHTMLAttributes<HTMLInputElement>>(function TextField(
  { name, label, hint, error, ...input },
  ref,
) {
  return (
    <Field
      name={name}
      label={label}
      hint={hint}
      error={error}
      required={input.required}
      control={(aria) => <input ref={ref} name={name} className={inputClass} {...aria} {...input} />}
    />
  );
});

/** A drop-down of choices in its frame, for a validated form (`field(name)` gives it name, ref, default and message). */
export const ChoiceField = forwardRef<
  HTMLSelectElement,
  FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { choices: readonly (readonly [string, string])[] }
>(function ChoiceField({ name, label, hint, error, choices, ...select }, ref) {
  return (
    <Field
      name={name}
      label={label}
      hint={hint}
      error={error}
      required={select.required}
      control={(aria) => (
        <select ref={ref} name={name} className={inputClass} {...aria} {...select}>
          {choices.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    />
  );
});

export const TextAreaField = forwardRef<HTMLTextAreaElement, FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>>(function TextAreaField(
  { name, label, hint, error, ...area },
  ref,
) {
  return (
    <Field
      name={name}
      label={label}
      hint={hint}
      error={error}
      required={area.required}
      control={(aria) => <textarea ref={ref} name={name} rows={4} className={inputClass} {...aria} {...area} />}
    />
  );
});

/**
 * A choice of a filter form read from the page's address (a plain GET form): its label above, the value in
 * the address chosen. `form` prefixes the id, so that two filters on a page never share one.
 */
export function FilterSelect({ form, name, label, value, children }: { form: string; name: string; label: string; value: string; children: ReactNode }) {
  return (
    <div className="min-w-0 max-w-full space-y-1">
      <label htmlFor={`${form}-${name}`} className="block text-std-16B-170">
        {label}
      </label>
      <select id={`${form}-${name}`} name={name} defaultValue={value} className={inputClass}>
        {children}
      </select>
    </div>
  );
}

/** The list of problems at the top of a form, each a link to its field. Focused when it appears. */
export function ErrorSummary({ errors, title = "入力内容を確認してください" }: { errors: FieldErrors; title?: string }) {
  const entries = Object.entries(errors).filter(([, message]) => Boolean(message));
  if (entries.length === 0) return null;
  return (
    <div role="alert" aria-labelledby="error-summary-title" className="space-y-2 rounded-8 border-2 border-error-2 bg-white p-4">
      <h2 id="error-summary-title" className="text-std-18B-160 text-error-2">
        {title}
      </h2>
      <ul className="list-disc space-y-1 pl-6">
        {entries.map(([name, message]) => (
          <li key={name}>
            {name === "form" ? (
              message
            ) : (
              <a href={`#${fieldId(name)}`} className="text-error-2 underline">
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({ children, tone = "info" }: { children: ReactNode; tone?: "info" | "success" | "warning" }) {
  const colours = {
    info: "border-key-800 bg-key-50",
    success: "border-success-2 bg-white",
    warning: "border-warning-orange-2 bg-white",
  }[tone];
  return (
    <div role="status" className={`rounded-8 border-l-8 p-4 ${colours}`}>
      {children}
    </div>
  );
}
