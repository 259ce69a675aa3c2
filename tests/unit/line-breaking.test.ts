import { describe, expect, it } from "vitest";
import { breakUnits, wrap } from "../../app/pdf/line-breaking";

/** Every character one unit wide: a line of width 10 holds ten characters. */
const oneEach = (text: string) => [...text].length;

describe("where a line of a document may break", () => {
  it("keeps numbers and Latin words whole", () => {
    expect(breakUnits("居場所10か所")).toEqual(["居", "場", "所", "10", "か", "所"]);
    expect(breakUnits("回答３，０００件")).toEqual(["回", "答", "３，０００", "件"]);
    expect(breakUnits("kodoku@pref.example.lg.jp宛")).toEqual(["kodoku@pref.example.lg.jp", "宛"]);
  });

  it("keeps an amount whole: 金 or the mark of a decrease before it, 円 after it", () => {
    expect(breakUnits("金4,000,000円を")).toEqual(["金4,000,000円", "を"]);
    expect(breakUnits("差額△1,000円、")).toEqual(["差", "額", "△1,000円、"]);
    expect(breakUnits("１２０万円")).toEqual(["１２０", "万", "円"]);
    expect(breakUnits("補助金の額")).toEqual(["補", "助", "金", "の", "額"]);
    expect(breakUnits("予算額 10,000,000,000円")).toEqual(["予", "算", "額", " ", "10,000,000,000円"]);
  });

  it("never leaves 円 alone at the start of a line, nor splits the digits of an amount", () => {
    // 「交付額は金」 and 「4,000,000円」 are 5 and 10 wide: the amount goes to the next line whole.
    expect(wrap("交付額は金4,000,000円とする。", oneEach, 14)).toEqual(["交付額は", "金4,000,000円とす", "る。"]);
    expect(wrap("実績額 10,000,000,000円", oneEach, 16)).toEqual(["実績額 ", "10,000,000,000円"]);
  });

  it("keeps a URL or an e-mail address whole, with the brackets and punctuation around it", () => {
    const url = "https://www.cao.go.jp/kodoku_koritsu/index.html?lang=ja&page=2#section-3";
    expect(breakUnits(`詳しくは${url}をご覧ください`)).toEqual(["詳", "し", "く", "は", url, "を", "ご", "覧", "く", "だ", "さ", "い"]);
    expect(breakUnits("（http://example.jp/a_(b)/c?x=1;y=2）。")).toEqual(["（http://example.jp/a_(b)/c?x=1;y=2）。"]);
    expect(breakUnits("www.example.lg.jp/top?id=3 参照")).toEqual(["www.example.lg.jp/top?id=3", " ", "参", "照"]);
    expect(breakUnits("宛先o'neil&team=kodoku@pref.example.lg.jpまで")).toEqual(["宛", "先", "o'neil&team=kodoku@pref.example.lg.jp", "ま", "で"]);
  });

  it("wraps before or after a URL, and breaks one only when it alone is wider than a line", () => {
    const url = "https://example.jp/a?b=1&c=2"; // 28 characters
    const text = `詳細は${url}をご覧ください。`;
    expect(wrap(text, oneEach, 30)).toEqual(["詳細は", `${url}をご`, "覧ください。"]);
    // Wider than a line: the URL fills the line it starts on and goes on at the next, anywhere.
    expect(wrap(text, oneEach, 20)).toEqual(["詳細はhttps://example.j", "p/a?b=1&c=2をご覧ください。"]);
    expect(wrap(text, oneEach, 20).join("")).toBe(text);
  });

  it("never starts a line with closing punctuation, small kana or ー (行頭禁則)", () => {
    expect(breakUnits("プラットフォーム。")).toEqual(["プ", "ラッ", "ト", "フォー", "ム。"]);
    expect(breakUnits("会議（年4回）、")).toEqual(["会", "議", "（年", "4", "回）、"]);
  });

  it("never ends a line with an opening bracket (行末禁則)", () => {
    expect(breakUnits("「居場所」")).toEqual(["「居", "場", "所」"]);
  });

  it("loses no character", () => {
    const text = "令和8年度孤独・孤立対策推進交付金（メニュー1）について、下記のとおり申請します。ABC-123 / 10.95%";
    expect(breakUnits(text).join("")).toBe(text);
  });
});
