/**
 * The building blocks of a draft kept as typed (decision 004), shared by every form that keeps one (the
 * grant application, the proposal): fields of text with a limit, lists of rows with a maximum, groups of
 * ticked boxes, each emptied rather than refused when broken; and what of a sent draft would not be kept.
 */
import { z } from "zod";
import { flatten } from "./field-changes";
import type { FieldErrors } from "./outcome";

/** How many characters a draft keeps of free text (purposes, plans, activities' content), and of anything else. */
export const LONG_TEXT_LIMIT = 4000;
export const SHORT_TEXT_LIMIT = 200;

export const longText = z.string().max(LONG_TEXT_LIMIT).catch("");
export const shortText = z.string().max(SHORT_TEXT_LIMIT).catch("");
export const rows = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .catch(() => []);
/** A group of checkboxes posts nothing, one value, or several: always a list. */
export const ticked = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((value) => (value === undefined || value === "" || value === false ? [] : [value].flat()), rows(item, max));
/** A checkbox: ticked when it posts "on" (or the autosave sends true). */
export const tickBox = z.preprocess((value) => value === true || value === "on", z.boolean());

/**
 * What of a draft sent to be saved the draft would not keep as sent, a message per field (too long, not
 * one of its choices, more rows than a draft holds). A save with any of these is refused, so that "saved"
 * always means that what was sent is what is stored. `isLong` names the fields of long text.
 */
export function lossesOf(sent: unknown, kept: unknown, isLong: (path: string) => boolean): FieldErrors {
  if (sent === null || typeof sent !== "object" || Array.isArray(sent)) {
    return { form: "下書きとして読めない内容が送られました。画面を開き直してください。" };
  }
  const keptFields = flatten(kept);
  const losses: FieldErrors = {};
  for (const [path, value] of Object.entries(flatten(sent))) {
    if (value === "" || keptFields[path] === value) continue;
    const limit = isLong(path) ? LONG_TEXT_LIMIT : SHORT_TEXT_LIMIT;
    losses[path] =
      [...value].length > limit
        ? `${limit.toLocaleString("ja-JP")}文字以内で入力してください（この内容は保存されていません）。`
        : "この内容は保存できません。入力し直してください。";
  }
  return losses;
}
