import { describe, expect, it } from "vitest";
import { MAX_YEN, formatThousandYen, formatYen, formatYenWithKin, parseYen, tidyYenInput } from "../../app/domain/money";

describe("formatting yen", () => {
  it.each([
    { amount: 0, yen: "0円", kin: "金0円", thousand: "0千円" },
    { amount: 999, yen: "999円", kin: "金999円", thousand: "0千円" },
    { amount: 1_000, yen: "1,000円", kin: "金1,000円", thousand: "1千円" },
    { amount: 4_000_000, yen: "4,000,000円", kin: "金4,000,000円", thousand: "4,000千円" },
    { amount: 4_466_999, yen: "4,466,999円", kin: "金4,466,999円", thousand: "4,466千円" },
    { amount: 10_000_000_000, yen: "10,000,000,000円", kin: "金10,000,000,000円", thousand: "10,000,000千円" },
    { amount: Number.MAX_SAFE_INTEGER, yen: "9,007,199,254,740,991円", kin: "金9,007,199,254,740,991円", thousand: "9,007,199,254,740千円" },
    { amount: -1_500, yen: "-1,500円", kin: "金-1,500円", thousand: "-1千円" },
    { amount: -999, yen: "-999円", kin: "金-999円", thousand: "0千円" },
  ])("writes $amount as $yen, $kin and $thousand", ({ amount, yen, kin, thousand }) => {
    expect(formatYen(amount)).toBe(yen);
    expect(formatYenWithKin(amount)).toBe(kin);
    expect(formatThousandYen(amount)).toBe(thousand);
  });

  it.each([1.5, Number.NaN, Infinity, 2 ** 53])("refuses %s, which is not a whole yen amount", (amount) => {
    expect(() => formatYen(amount)).toThrow(RangeError);
    expect(() => formatThousandYen(amount)).toThrow(RangeError);
  });
});

describe("parseYen accepts what people type", () => {
  it.each([
    { name: "plain digits", text: "1200000", value: 1_200_000 },
    { name: "full-width digits, full-width commas and 円", text: "１，２００，０００円", value: 1_200_000 },
    { name: "spaces around the number and before 円", text: " 12,000 円", value: 12_000 },
    { name: "full-width spaces around", text: "\u300012,000円\u3000", value: 12_000 },
    { name: "tabs and newlines around", text: "\t500\n", value: 500 },
    { name: "full-width digits without commas", text: "１２０００", value: 12_000 },
    { name: "a leading yen sign", text: "¥1,000", value: 1_000 },
    { name: "a full-width yen sign", text: "￥１，０００", value: 1_000 },
    { name: "zero", text: "0", value: 0 },
    { name: "leading zeros", text: "0012", value: 12 },
    { name: "exactly 10,000,000,000円", text: "10,000,000,000円", value: MAX_YEN },
  ])("reads $name", ({ text, value }) => {
    expect(parseYen(text)).toEqual({ ok: true, value });
  });
});

describe("parseYen refuses anything else with a Japanese message", () => {
  it.each([
    { name: "an empty field", text: "", message: "金額を入力してください" },
    { name: "only spaces", text: " \u3000 ", message: "金額を入力してください" },
    { name: "only 円", text: "円", message: "金額を入力してください" },
    { name: "letters", text: "abc", message: "数字で入力してください" },
    { name: "a decimal", text: "1.5", message: "小数点は使えません" },
    { name: "a decimal after grouped digits", text: "1,000.5", message: "小数点は使えません" },
    { name: "a negative amount", text: "-100", message: "マイナスは入力できません" },
    { name: "a full-width negative amount", text: "－１００", message: "マイナスは入力できません" },
    { name: "a negative amount with the accounting triangle", text: "▲100", message: "マイナスは入力できません" },
    { name: "misplaced commas", text: "12,00,0", message: "カンマの位置が正しくありません" },
    { name: "a comma that may be a decimal point", text: "1,00", message: "カンマの位置が正しくありません" },
    { name: "a leading comma", text: ",100", message: "カンマの位置が正しくありません" },
    { name: "a trailing comma", text: "1,000,", message: "カンマの位置が正しくありません" },
    { name: "one yen over 10,000,000,000円", text: "10,000,000,001", message: "10,000,000,000円以下" },
    { name: "twenty digits", text: "99999999999999999999", message: "10,000,000,000円以下" },
    { name: "spaces inside the number", text: "1 000", message: "数字で入力してください" },
    { name: "kanji units", text: "100万円", message: "数字で入力してください" },
    { name: "exponent notation", text: "1e6", message: "数字で入力してください" },
    { name: "hexadecimal", text: "0x10", message: "数字で入力してください" },
  ])("refuses $name", ({ text, message }) => {
    const result = parseYen(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe("tidying an amount field when the person leaves it", () => {
  it.each([
    ["１，２００，０００円", "1,200,000"],
    ["1200000", "1,200,000"],
    [" 0 ", "0"],
  ])("shows %j as %j", (typed, shown) => {
    expect(tidyYenInput(typed)).toBe(shown);
  });

  it.each(["abc", "-5,000", "1.5", ""])("leaves %j exactly as typed", (typed) => {
    expect(tidyYenInput(typed)).toBe(typed);
  });
});
