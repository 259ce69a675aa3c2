/**
 * The fields forms are made of, as zod schemas that read what people type and answer in Japanese, named
 * after the field's label: amounts in yen (full-width digits, commas and 円 accepted), free text with a
 * length limit, calendar dates. A form's schema is built from these; the browser (as the form's resolver)
 * and the server read a form with the same schema, so both give the same messages.
 */
import { z } from "zod";
import { parseDateOnly, parseJapanDateTime } from "./japan-time";
import { parseYen } from "./money";

export const LONG_TEXT_MAX = 4000;
/** The longest e-mail address there can be (RFC 5321's path limit less its brackets). */
export const EMAIL_MAX = 254;

/** A field's value as text: absent (an unticked box, a missing row) reads as "". */
const asText = (value: unknown): string => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");

/** An amount in whole yen. `positive` refuses 0. */
export function yenField(label: string, { positive = false } = {}) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): number => {
      const text = asText(value);
      const fail = (message: string) => {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      };
      if (!text.trim()) return fail(`${label}を入力してください。`);
      const parsed = parseYen(text);
      if (!parsed.ok) return fail(parsed.message.startsWith("金額") ? parsed.message.replace(/^金額/, label) : `${label}：${parsed.message}`);
      if (positive && parsed.value === 0) return fail(`${label}は1円以上にしてください。`);
      return parsed.value;
    });
}

/** Free text, trimmed. Its length is counted in characters as people see them (code points). */
export function textField(label: string, { required = false, max = LONG_TEXT_MAX } = {}) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): string => {
      const text = asText(value).trim();
      if (required && !text) ctx.addIssue({ code: "custom", message: `${label}を入力してください。` });
      else if ([...text].length > max) ctx.addIssue({ code: "custom", message: `${label}は${max.toLocaleString("ja-JP")}文字以内で入力してください。` });
      return text;
    });
}

/** The applicant's own 文書番号 of a document it files (「富山県厚第123号」); left empty, the number is left blank. */
export const applicantNumberField = () => textField("文書番号", { max: 40 }).optional();

/** A calendar date, "YYYY-MM-DD" (what a date input sends). */
export function dateField(label: string) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): string => {
      const text = asText(value).trim();
      if (!text) {
        ctx.addIssue({ code: "custom", message: `${label}を入力してください。` });
        return "";
      }
      try {
        parseDateOnly(text);
        return text;
      } catch {
        ctx.addIssue({ code: "custom", message: `${label}は日付（例：2027-03-31）で入力してください。` });
        return "";
      }
    });
}

/** A date and time in Japan, "YYYY-MM-DDTHH:mm" (what a date-time input sends), as the instant it names. */
export function dateTimeField(label: string) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): Date => {
      const text = asText(value).trim();
      if (!text) {
        ctx.addIssue({ code: "custom", message: `${label}を入力してください。` });
        return z.NEVER;
      }
      try {
        return parseJapanDateTime(text);
      } catch {
        ctx.addIssue({ code: "custom", message: `${label}は日付と時刻（例：2027-01-10 09:00）で入力してください。` });
        return z.NEVER;
      }
    });
}

/** A whole number from `min` to `max` (full-width digits and commas accepted); left empty, `whenEmpty` if given. */
export function countField(label: string, { min, max, unit = "", whenEmpty }: { min: number; max: number; unit?: string; whenEmpty?: number }) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): number => {
      const text = asText(value).normalize("NFKC").replaceAll(",", "").trim();
      if (!text && whenEmpty !== undefined) return whenEmpty;
      if (!text) {
        ctx.addIssue({ code: "custom", message: `${label}を入力してください。` });
        return z.NEVER;
      }
      const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
      if (!Number.isSafeInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `${label}は${min}${unit}から${max}${unit}までの整数で入力してください。` });
        return z.NEVER;
      }
      return n;
    });
}

/**
 * A box that must be ticked to go on (the confirmation of a step that cannot be undone): a form posts "on",
 * the browser's form library `true` or the box's value; anything else is refused with `message`.
 */
export function confirmationField(message: string) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): true => {
      if (value !== "on" && value !== true) ctx.addIssue({ code: "custom", message });
      return true;
    });
}

/** One of a few values; anything else reads as the first (a radio group or select that was tampered with). */
export function choiceField<const T extends readonly [string, ...string[]]>(choices: T) {
  const isChoice = (text: string): text is T[number] => choices.includes(text);
  return z
    .unknown()
    .optional()
    .transform((value): T[number] => {
      const text = asText(value);
      return isChoice(text) ? text : choices[0];
    });
}

/** One text per budget line, named `${name}.${i}`, each at most `max` characters and labelled by its row. */
export function lineTextsField(count: number, label: string, { max = 400 } = {}) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): string[] =>
      Array.from({ length: count }, (_, i) => {
        const text = textField(`${i + 1}行目の${label}`, { max }).safeParse(Array.isArray(value) ? value[i] : undefined);
        if (text.success) return text.data;
        for (const issue of text.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [i] });
        return "";
      }),
    );
}

/** One amount per budget line, named `${name}.${i}`: exactly `count` of them, each labelled by its row. */
export function lineAmountsField(count: number, label: string) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): number[] =>
      Array.from({ length: count }, (_, i) => {
        const amount = yenField(`${i + 1}行目の${label}`).safeParse(Array.isArray(value) ? value[i] : undefined);
        if (amount.success) return amount.data;
        for (const issue of amount.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [i] });
        return 0;
      }),
    );
}
