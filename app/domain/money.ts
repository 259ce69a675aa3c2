/**
 * Money is whole yen held in safe integers (docs/decisions/002-integer-yen.md).
 * Formatting helpers used by every page and document, and the parser for amount fields.
 */

/** The largest amount any field accepts: 100億円 (docs/domain.md §4 `amount-invalid`). */
export const MAX_YEN = 10_000_000_000;

const groupedYen = new Intl.NumberFormat("ja-JP", { maximumFractionDigits: 0, useGrouping: true });

export function assertYen(amount: number): void {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not a whole yen amount: ${amount}`);
}

/** 4000000 → "4,000,000円". */
export function formatYen(amount: number): string {
  assertYen(amount);
  return `${groupedYen.format(amount)}円`;
}

/** 4000000 → "金4,000,000円", the form official documents use. */
export function formatYenWithKin(amount: number): string {
  return `金${formatYen(amount)}`;
}

/**
 * 4000000 → "4,000千円". A fraction below 1,000円 is cut off toward zero (千円未満切捨て):
 * 4,000,999 → "4,000千円", −1,500 → "-1千円". Integer arithmetic, so exact for every safe integer.
 */
export function formatThousandYen(amount: number): string {
  assertYen(amount);
  const thousands = (amount - (amount % 1000)) / 1000;
  return `${groupedYen.format(thousands)}千円`;
}

export type ParseYenResult = { ok: true; value: number } | { ok: false; message: string };

const PLAIN_DIGITS = /^[0-9]+$/;
const GROUPED_DIGITS = /^[0-9]{1,3}(,[0-9]{3})+$/;

/**
 * Reads what people type into an amount field: full-width or half-width digits and commas, an optional
 * leading ¥ and trailing 円, spaces around them. Commas must group by three ("1,200,000"): a misplaced
 * comma ("12,00,0", "1,00") is refused rather than guessed, since it may be a typo for a decimal point.
 */
export function parseYen(text: string): ParseYenResult {
  // NFKC folds full-width digits, commas, spaces, ￥ and the full-width minus into their ASCII forms.
  const body = text
    .normalize("NFKC")
    .trim()
    .replace(/^¥\s*/, "")
    .replace(/\s*円$/, "");
  if (body === "") return { ok: false, message: "金額を入力してください。" };
  if (/^[-−▲△]/.test(body)) {
    return { ok: false, message: "金額にマイナスは入力できません。0円以上の金額を入力してください。" };
  }
  if (/^[0-9,]*\.[0-9]*$/.test(body)) {
    return { ok: false, message: "金額は1円単位の整数で入力してください（小数点は使えません）。" };
  }
  if (/^[0-9,]+$/.test(body) && body.includes(",") && !GROUPED_DIGITS.test(body)) {
    return { ok: false, message: "カンマの位置が正しくありません。3桁ごとに区切るか、数字だけで入力してください（例：1,200,000）。" };
  }
  const digits = body.replaceAll(",", "");
  if (!PLAIN_DIGITS.test(digits)) {
    return { ok: false, message: "金額は数字で入力してください（例：1,200,000）。" };
  }
  // Exact up to MAX_YEN; longer strings may round, but only to values that are still above it.
  const value = Number(digits);
  if (value > MAX_YEN) return { ok: false, message: `金額は${formatYen(MAX_YEN)}以下で入力してください。` };
  return { ok: true, value };
}

/**
 * What an amount field shows once the person leaves it: "１２０００００円" → "1,200,000". Text that is
 * not an amount is left exactly as typed, so its message can point at it.
 */
export function tidyYenInput(text: string): string {
  const parsed = parseYen(text);
  return parsed.ok ? groupedYen.format(parsed.value) : text;
}
